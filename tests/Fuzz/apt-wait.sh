#!/usr/bin/env bash
# apt_get ARGS...: apt-get that waits while another process holds the package manager's lock (unattended upgrades
# at boot, a second engineer's install) instead of failing at once. apt's own DPkg::Lock::Timeout covers the dpkg
# lock; the loop also covers the lists lock of `apt-get update` and older apt. Any other failure is returned as is.
# APT_WAIT_SECONDS (default 900) bounds the wait, APT_RETRY_SECONDS (default 10) spaces the attempts.
apt_get() {
  local waited=0 status output
  local limit=${APT_WAIT_SECONDS:-900} pause=${APT_RETRY_SECONDS:-10}
  while true; do
    if output=$(DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 "$@" 2>&1); then
      printf '%s\n' "$output"
      return 0
    else
      status=$?
    fi
    if ! grep -qE 'Could not get lock|Unable to (acquire|lock)|is another process using it' <<<"$output" || [ "$waited" -ge "$limit" ]; then
      printf '%s\n' "$output" >&2
      return "$status"
    fi
    echo "apt-get $1: the package manager is busy (another process holds its lock); waited ${waited}s, retrying" >&2
    sleep "$pause"
    waited=$((waited + (pause > 0 ? pause : 1)))
  done
}
