#!/usr/bin/env bash
# The SAM template, linted offline: zero errors and zero warnings.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/cfn-lint infra/template.yaml
echo "cfn-lint: infra/template.yaml clean"
