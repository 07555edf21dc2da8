#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need
# (each step is skipped when already done), then formatting, lints and all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# One target dir for every step, so nothing is built twice.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

step() { printf '\n== %s\n' "$*"; }

for setup in .ci/setup-*.sh; do
  [ -f "$setup" ] || continue
  step "setup: $setup"
  bash "$setup"
done
[ -x "$root/.venv/bin/python" ] && export MOTO_PYTHON="$root/.venv/bin/python"

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "build (the function binaries are run by the tests)"
cargo build --workspace --all-features --all-targets

for extra in .ci/check-*.sh; do
  [ -f "$extra" ] || continue
  step "check: $extra"
  bash "$extra"
done

step "tests"
cargo test --workspace --all-features

step "the HTTP contract suite once more, on the AWS adapters (DynamoDB on moto)"
ACCEPTANCE_STORE=dynamodb cargo test -p acceptance --all-features --test service

