#!/usr/bin/env bash
# Coverage-guided fuzzing of the device decoders with SharpFuzz + AFL++.
#   tests/Fuzz/run.sh SECONDS [TARGET...]      targets: sms wsp trigger pipeline at wbxml store (default: all)
#   PARALLEL=2 tests/Fuzz/run.sh 600           run two targets at a time
# Installs afl++ and the SharpFuzz instrumenter if missing, builds the harness, instruments the device assemblies in
# the harness output, writes seeds from the test vectors, runs afl-fuzz per target for SECONDS, and exits non-zero
# if any crash or hang was found (copied to tests/Fuzz/findings/TARGET/). Work files: tests/Fuzz/out/ (ignored).
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(sms wsp trigger pipeline at wbxml store)
fi
parallel=${PARALLEL:-1}

here=$(cd "$(dirname "$0")" && pwd)
out="$here/out"
bin="$out/bin"
findings="$here/findings"

# shellcheck source=apt-wait.sh
source "$here/apt-wait.sh"
if ! command -v afl-fuzz >/dev/null 2>&1; then
  apt_get update
  apt_get install -y afl++
fi

# The instrumenter: the sharpfuzz global tool when it can be had, else the harness's own `instrument` command
# (the same SharpFuzz library call).
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v sharpfuzz >/dev/null 2>&1; then
  dotnet tool install --global SharpFuzz.CommandLine >/dev/null 2>&1 || true
fi

rm -rf "$bin"
dotnet build "$here/Fuzz.csproj" -c Release -o "$bin" -nologo -v quiet
# Seeds first: once instrumented, the device code writes to AFL's shared memory and runs only under afl-fuzz.
rm -rf "$out/seeds"
dotnet "$bin/Fuzz.dll" seeds "$out/seeds"
for dll in "$bin"/OmaDm.Notification.dll "$bin"/OmaDm.Notification.Modem.dll "$bin"/OmaDm.Notification.Storage.dll; do
  [ -f "$dll" ] || continue
  if command -v sharpfuzz >/dev/null 2>&1; then
    sharpfuzz "$dll"
  else
    dotnet "$bin/Fuzz.dll" instrument "$dll"
  fi
done

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1

fuzz_one() {
  local target=$1
  rm -rf "$out/$target"
  afl-fuzz -i "$out/seeds/$target" -o "$out/$target" -V "$seconds" -t 5000 -m none -- dotnet "$bin/Fuzz.dll" "$target" \
    > "$out/$target.log" 2>&1 || echo "afl-fuzz $target exited with $? (see $out/$target.log)" >&2
}

running=0
for target in "${targets[@]}"; do
  fuzz_one "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

status=0
for target in "${targets[@]}"; do
  dir="$out/$target/default"
  stats="$dir/fuzzer_stats"
  execs=$(awk -F: '/^execs_done/ {gsub(/ /, "", $2); print $2}' "$stats" 2>/dev/null || echo "?")
  paths=$(awk -F: '/^corpus_count/ {gsub(/ /, "", $2); print $2}' "$stats" 2>/dev/null || echo "?")
  crashes=$(find "$dir/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$dir/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  echo "$target: ${seconds}s, $execs executions, $paths corpus entries, $crashes crashes, $hangs hangs"
  if [ ! -f "$stats" ]; then
    echo "$target: afl-fuzz did not run (see $out/$target.log)" >&2
    status=1
  fi
  if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
    mkdir -p "$findings/$target"
    find "$dir/crashes" "$dir/hangs" -type f -name 'id:*' -exec cp {} "$findings/$target/" \;
    echo "$target: findings saved to $findings/$target (replay: dotnet $bin/Fuzz.dll replay $target $findings/$target)" >&2
    status=1
  fi
done
exit $status
