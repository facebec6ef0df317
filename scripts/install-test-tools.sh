#!/usr/bin/env bash
# Tools the test suite needs beyond npm's, from Debian's packages:
# - docker-compose (v1, Python), which parses and validates the compose files
#   in docker/ without a Docker engine (test/docker-files.e2e.spec.ts);
# - chromium, the browser test/console.browser.e2e.spec.ts drives through
#   playwright-core (which downloads no browser of its own).
# Idempotent: installs only what is missing; runs as root on CI,
# non-interactive. Nothing here starts a container.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

# command on PATH -> Debian package that provides it
declare -A TOOLS=([docker-compose]=docker-compose [chromium]=chromium)
missing=()
for command in "${!TOOLS[@]}"; do
  if command -v "$command" >/dev/null 2>&1; then
    echo "install-test-tools: $command present"
  else
    missing+=("${TOOLS[$command]}")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-tools: missing ${missing[*]}; installing needs root (apt-get install ${missing[*]})" >&2
  exit 1
fi

apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-test-tools: installed ${missing[*]}"
