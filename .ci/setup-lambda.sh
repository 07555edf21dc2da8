#!/usr/bin/env bash
# Tools to build and check the Lambda functions: cargo-lambda (PyPI, brings zig through
# the ziglang package) and cfn-lint in the project's .venv, and Rust's arm64 target.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/cargo-lambda" lambda --version >/dev/null 2>&1 || ! "$venv/bin/cfn-lint" --version >/dev/null 2>&1; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check cargo-lambda cfn-lint
fi
rustup target list --installed | grep -qx aarch64-unknown-linux-gnu || rustup target add aarch64-unknown-linux-gnu
