#!/usr/bin/env bash
# The two quick-start commands of the README:
#   bash scripts/keepcard.sh start   install everything, build the extension, start the server (embedded database)
#   bash scripts/keepcard.sh test    install everything and run every test (lint, types, unit, end-to-end)
# Needs only Node.js 20.19+ (and root or sudo-less apt for Chromium when testing); gets pnpm itself.
set -euo pipefail
cd "$(dirname "$0")/.."

command="${1:-}"
case "$command" in
  start | test) ;;
  *)
    echo "usage: bash scripts/keepcard.sh start|test" >&2
    exit 2
    ;;
esac

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Keepcard needs Node.js 20.19 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# pnpm, at the version pinned in package.json. Corepack may refuse to download it (signature checks
# against an old key set), so npm installs it: globally as root, else into .tools/ in the project.
pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$pnpm_version" ]; then
  pnpm=pnpm
elif [ -x .tools/node_modules/.bin/pnpm ] && [ "$(.tools/node_modules/.bin/pnpm --version)" = "$pnpm_version" ]; then
  pnpm="$PWD/.tools/node_modules/.bin/pnpm"
elif [ "$(id -u)" = 0 ]; then
  echo "Installing pnpm $pnpm_version with npm..."
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version" >/dev/null
  pnpm=pnpm
else
  echo "Installing pnpm $pnpm_version into .tools/ with npm..."
  npm install --prefix .tools --no-fund --no-audit --no-save "pnpm@$pnpm_version" >/dev/null
  pnpm="$PWD/.tools/node_modules/.bin/pnpm"
fi
export PATH="$(dirname "$(command -v "$pnpm")"):$PATH"

CI=true "$pnpm" install --frozen-lockfile
exec "$pnpm" "$command"
