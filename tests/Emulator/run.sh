#!/usr/bin/env bash
# Runs every device test assembly in the real nanoFramework runtime (nanoCLR for Linux) and ends with one line
# "N passed, N failed". The nanoFramework pieces come from an emulator cache: $NF_EMULATOR_CACHE, else
# ${XDG_CACHE_HOME:-~/.cache}/nanoframework-emulator (tests/Emulator/README.md: what it holds and how it is checked).
# Exit 0 when every case passed; 1 on a failure, crash, hang or MDP refusal; 3 when there is no usable cache.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build "$here/EmulatorRunner.csproj" -c Release -v quiet -nologo -clp:ErrorsOnly >&2
exec dotnet "$here/bin/Release/net10.0/EmulatorRunner.dll" --repo "$repo" "$@"
