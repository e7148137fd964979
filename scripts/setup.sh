#!/usr/bin/env bash
# Set up jixiao into ./.venv on a fresh Debian machine: system packages first (when root), then
# the Python package.  By default everything needed to run AND test (what CI and the README's
# first command use); `scripts/setup.sh --runtime-only` installs only what running needs (no
# chromium or LibreOffice, no test extras).  Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

runtime_only=0
for arg in "$@"; do
  case "$arg" in
    --runtime-only) runtime_only=1 ;;
    *) echo "setup.sh: unknown option $arg — use --runtime-only or nothing" >&2; exit 2 ;;
  esac
done

# one Debian package per line (comments with #): runtime always, test packages unless --runtime-only
lists=(scripts/debian-packages.txt)
[ "$runtime_only" = 1 ] || lists+=(scripts/debian-packages-test.txt)
mapfile -t DEBIAN_PACKAGES < <(cat "${lists[@]}" | grep -v "^\s*#" | grep -v "^\s*$" || true)
if [ "${#DEBIAN_PACKAGES[@]}" -gt 0 ] && [ "$(id -u)" = 0 ]; then
  missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$runtime_only" = 1 ]; then
  .venv/bin/python -m pip install -q -e .
else
  .venv/bin/python -m pip install -q -e ".[test]"
fi
