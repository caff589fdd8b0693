#!/usr/bin/env bash
# End-to-end in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) + Debian's headless Chromium.
# Usage: run.sh <work-dir> <ext.vsix> <workspace-dir> <file-to-open> <port> <screenshot.png> <expected-json-array>
# Installs code-server and playwright-core into <work-dir> once (kept for later runs), installs
# the .vsix into a fresh profile, serves <workspace-dir>, opens the file, opens Problems and waits
# for every expected text. Adapted from the team's vscode-e2e recipe; see test/e2e/README.md.
set -euo pipefail
W=${1:?work dir}; VSIX=${2:?vsix}; WS=${3:?workspace}; FILE=${4:?file}; PORT=${5:?port}; SHOT=${6:?screenshot}; EXPECT=${7:?expected}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$W" && cd "$W"
t() { echo "[$(date +%T)] $*"; }

for tool in chromium rg; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run .ci/setup.d/20-editors.sh"; exit 3; }
done
dpkg -s libkrb5-dev >/dev/null 2>&1 || { echo "missing libkrb5-dev: run .ci/setup.d/20-editors.sh"; exit 3; }

if [ ! -x node_modules/.bin/code-server ] || [ ! -d node_modules/playwright-core ]; then
  t "seed @vscode/ripgrep's download cache with Debian's rg (its postinstall downloads from GitHub otherwise)"
  export TMPDIR="$W/tmp"; mkdir -p "$TMPDIR/rgstage" "$TMPDIR/vscode-ripgrep-cache-1.15.11"
  cp "$(command -v rg)" "$TMPDIR/rgstage/rg"
  tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rgstage" rg
  t "npm install code-server@4.100.3 playwright-core (first run only; compiles native modules)"
  [ -f package.json ] || echo '{"name":"roslint-vscode-e2e-harness","private":true}' > package.json
  # unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall runs `npx node-gyp`
  npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save code-server@4.100.3 playwright-core@1.65.1 > npm-install.log 2>&1 \
    || { tail -40 npm-install.log; exit 1; }
  unset TMPDIR
fi

CS="$W/node_modules/.bin/code-server"
rm -rf "$W/ud" "$W/ext" "$W/home" "$W/run"
mkdir -p "$W/home" "$W/run"
# Keep code-server's and Chromium's home/cache/sockets inside $W; the gallery points at a closed
# loopback port so nothing is looked up on the internet.
ISO=(env EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/items"}' HOME="$W/home" XDG_CONFIG_HOME="$W/home/.config" XDG_DATA_HOME="$W/home/.local/share" XDG_CACHE_HOME="$W/home/.cache" TMPDIR="$W/run")
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > config.yaml
COMMON=(--config "$W/config.yaml" --user-data-dir "$W/ud" --extensions-dir "$W/ext")
# A readable screenshot: no welcome page, a roomy editor.
mkdir -p "$W/ud/User"
printf '{"workbench.startupEditor":"none","workbench.tips.enabled":false,"security.workspace.trust.enabled":false,"editor.fontSize":14,"workbench.colorTheme":"Default Dark Modern","window.commandCenter":false,"chat.commandCenter.enabled":false}\n' > "$W/ud/User/settings.json"

t "install extension $VSIX"
"${ISO[@]}" "$CS" "${COMMON[@]}" --install-extension "$VSIX" --force

t "start code-server on 127.0.0.1:$PORT"
"${ISO[@]}" "$CS" "${COMMON[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust "$WS" > cs.log 2>&1 &
CSPID=$!; trap 'kill $CSPID 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

t "drive headless chromium"
CS_URL="http://127.0.0.1:$PORT/?folder=$WS" SHOT="$SHOT" EXPECT="$EXPECT" FILE="$FILE" STATUS="${STATUS:-}" \
  NODE_PATH="$W/node_modules" "${ISO[@]}" node "$HERE/drive-problems-panel.cjs"
t "done"
