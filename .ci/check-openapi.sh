#!/usr/bin/env bash
# docs/openapi.json (kept equal to the served document by the tests) through a
# validator that others rely on: openapi-spec-validator from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/openapi-spec-validator docs/openapi.json
