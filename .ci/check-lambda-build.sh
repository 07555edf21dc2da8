#!/usr/bin/env bash
# The deployable build: every function for arm64 (Graviton), release profile.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/.venv/bin:$PATH" cargo lambda build --release --arm64 --workspace --exclude local --exclude acceptance --exclude shared
for f in rooms invites participants redemption session-start; do
  bin="${CARGO_TARGET_DIR:-target}/lambda/$f/bootstrap"
  [ -f "$bin" ] || { echo "missing $bin"; exit 1; }
  printf '%-14s %8d bytes\n' "$f" "$(stat -c %s "$bin")"
done
