#!/usr/bin/env sh
# Creates the project's .venv (gitignored) with every Python test tool of
# tests/requirements.txt when one is missing, and prints the python to export as
# MOTO_PYTHON for the AWS adapter tests:
#   export MOTO_PYTHON="$(.ci/setup-moto.sh)"
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
req="$root/tests/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2
fi
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
    echo "$want" > "$stamp"
fi
echo "$venv/bin/python"
