#!/usr/bin/env bash
# The pre-commit end-to-end test (test/precommit.test.ts) drives the real `pre-commit` program
# (Debian package). Quick no-op when it is installed.
set -euo pipefail
if command -v pre-commit >/dev/null 2>&1; then
  echo "pre-commit: installed ($(pre-commit --version))"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends pre-commit git >/dev/null
pre-commit --version
