#!/usr/bin/env bash
# Installs axe-core (npm, test-only) for the browser tests' accessibility checks into
# tests/axe/node_modules (gitignored): the tests inject its axe.min.js into each page
# through WebDriver. Called by .ci/run; safe to run again. Needs npm.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.10.3
target=tests/axe/node_modules/axe-core/axe.min.js
if [ -f "$target" ] && grep -q "\"version\": \"$VERSION\"" tests/axe/node_modules/axe-core/package.json; then
  echo "setup-axe: axe-core $VERSION present"
  exit 0
fi
mkdir -p tests/axe
npm install --prefix tests/axe --no-save --no-package-lock --no-audit --no-fund "axe-core@$VERSION"
test -f "$target"
echo "setup-axe: axe-core $VERSION installed"
