#!/usr/bin/env bash
# Editors the end-to-end tests drive: Neovim (built-in LSP client) and, for code-server,
# Debian's Chromium, libkrb5-dev (code-server's kerberos module compiles against it) and ripgrep
# (seeds @vscode/ripgrep's download cache). Quick no-op when everything is installed.
set -euo pipefail
need=()
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
if [ ${#need[@]} -eq 0 ]; then
  echo "editors: all installed"
  exit 0
fi
echo "editors: installing ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
