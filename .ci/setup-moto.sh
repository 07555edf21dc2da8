#!/usr/bin/env sh
# Creates the project's moto venv in .venv (gitignored) if it is missing, and prints the
# python to export as MOTO_PYTHON for the AWS adapter tests:
#   export MOTO_PYTHON="$(.ci/setup-moto.sh)"
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
if ! "$venv/bin/python" -c 'import moto.server, werkzeug' >/dev/null 2>&1; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]>=5,<6' >&2
fi
echo "$venv/bin/python"
