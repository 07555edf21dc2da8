#!/usr/bin/env bash
# Tools to build and check the Lambda functions: the Python tools of tests/requirements.txt
# (the AWS SAM CLI, cargo-lambda, which brings zig, and cfn-lint among them) in the
# project's .venv, and Rust's arm64 target.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sh "$root/.ci/setup-moto.sh" >/dev/null
rustup target list --installed | grep -qx aarch64-unknown-linux-gnu || rustup target add aarch64-unknown-linux-gnu
