#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need
# (each step is skipped when already done), then formatting, lints and all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# One target dir for every step, so nothing is built twice.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

# Each step's duration is printed when the next one starts, and all of them at the end.
run_started=$(date +%s)
step_name=""
step_started=$run_started
timings=""
step_done() {
  if [ -n "$step_name" ]; then
    local took=$(( $(date +%s) - step_started ))
    printf '== %s: %d s\n' "$step_name" "$took"
    timings="$timings$(printf '%6d s  %s' "$took" "$step_name")"$'\n'
  fi
}
step() {
  step_done
  step_name="$*"
  step_started=$(date +%s)
  printf '\n== %s\n' "$*"
}
finish() {
  local rc=$?
  step_done
  printf '\n== step durations (exit %d)\n%s%6d s  total\n' "$rc" "$timings" "$(( $(date +%s) - run_started ))"
}
trap finish EXIT

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

