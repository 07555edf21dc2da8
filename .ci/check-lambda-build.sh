#!/usr/bin/env bash
# The deployable build: every function for arm64 (Graviton), release profile. In CI the
# profile's thin LTO is switched off (CI_LAMBDA_LTO=off, the default under CI=true): it
# links every binary through LTO again, minutes on two cores, and changes nothing about
# whether the functions build. `sam build` and the benchmark use the profile as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${CI:-}" ]; then
  export CARGO_PROFILE_RELEASE_LTO="${CI_LAMBDA_LTO:-off}"
fi
PATH="$PWD/.venv/bin:$PATH" cargo lambda build --release --arm64 --workspace --exclude local --exclude acceptance --exclude shared
for f in rooms invites participants redemption session-start mail-events; do
  bin="${CARGO_TARGET_DIR:-target}/lambda/$f/bootstrap"
  [ -f "$bin" ] || { echo "missing $bin"; exit 1; }
  printf '%-14s %8d bytes\n' "$f" "$(stat -c %s "$bin")"
done
