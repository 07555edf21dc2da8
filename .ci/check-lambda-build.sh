#!/usr/bin/env bash
# The documented deploy build, run as documented: `sam build` from infra/ (AWS SAM CLI
# from PyPI, its rust-cargolambda builder, cargo-lambda and zig from the .venv, no
# Docker). It builds every function for arm64 (Graviton) in the release profile, into
# the one CARGO_TARGET_DIR of the other steps (SAM's builder honours it), then checks
# that SAM packaged a `bootstrap` for every function of the template.
# In CI the profile's thin LTO is switched off (CI_LAMBDA_LTO=off, the default under
# CI=true): it links every binary through LTO again, minutes on two cores, and changes
# nothing about whether the functions build. A deploy uses the profile as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
if [ -n "${CI:-}" ]; then
  export CARGO_PROFILE_RELEASE_LTO="${CI_LAMBDA_LTO:-off}"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export PATH="$root/.venv/bin:$PATH"
export SAM_CLI_TELEMETRY=0
started=$(date +%s)
rm -rf infra/.aws-sam/build
(cd infra && sam build)
echo "sam build: $(( $(date +%s) - started )) s"
functions=$(awk '/^  [A-Za-z0-9]+:$/ { id = substr($1, 1, length($1) - 1) }
  /^    Type: AWS::Serverless::Function$/ { print id }' infra/template.yaml)
[ -n "$functions" ] || { echo "no functions found in infra/template.yaml"; exit 1; }
for f in $functions; do
  bin="infra/.aws-sam/build/$f/bootstrap"
  [ -x "$bin" ] || { echo "missing $bin"; exit 1; }
  # ELF e_machine (offset 18) 183 is AArch64.
  [ "$(od -An -tu2 -j18 -N2 "$bin" | tr -d ' ')" = 183 ] || { echo "$bin is not an arm64 executable"; exit 1; }
  printf '%-22s %9d bytes\n' "$f" "$(stat -c %s "$bin")"
done
