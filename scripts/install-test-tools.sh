#!/usr/bin/env bash
# Tools the test suite needs beyond npm's: Debian's docker-compose (v1,
# Python), which parses and validates the compose files in docker/ without a
# Docker engine (test/docker-files.e2e.spec.ts). Idempotent; runs as root on
# CI, non-interactive. Nothing here starts a container.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if command -v docker-compose >/dev/null 2>&1; then
  echo "install-test-tools: docker-compose present: $(docker-compose version --short 2>/dev/null || echo unknown version)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-tools: docker-compose is missing and installing it needs root (apt-get install docker-compose)" >&2
  exit 1
fi

apt-get update
apt-get install -y --no-install-recommends docker-compose
echo "install-test-tools: installed docker-compose $(docker-compose version --short 2>/dev/null || echo '')"
