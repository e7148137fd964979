#!/usr/bin/env bash
# Set up jixiao into ./.venv on a fresh Debian machine: system packages first (when root), then
# the Python package with its test extras.  Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

# one Debian package per line in scripts/debian-packages.txt (comments with #)
mapfile -t DEBIAN_PACKAGES < <(grep -v "^\s*#" scripts/debian-packages.txt | grep -v "^\s*$" || true)
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
.venv/bin/python -m pip install -q -e ".[test]"
