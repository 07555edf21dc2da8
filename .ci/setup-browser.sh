#!/usr/bin/env bash
# Installs Debian's chromium and chromedriver for the browser tests
# (cargo test -p acceptance --test browser), if they are missing.
# Called by .ci/run; safe to run again. Needs root (or sudo) and apt-get.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

# A Japanese font for the localized pages' screenshots (Arabic and Latin come with
# the default fonts); without it, Chromium draws Japanese as empty boxes.
if ! fc-list :lang=ja 2>/dev/null | grep -q .; then
  echo "setup-browser: installing a Japanese font (fonts-ipafont-gothic)"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q fonts-ipafont-gothic
fi

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "setup-browser: $(chromium --version 2>/dev/null || echo chromium) and chromedriver present"
  exit 0
fi

echo "setup-browser: installing chromium and chromium-driver"
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium chromium-driver fonts-liberation

command -v chromium >/dev/null && command -v chromedriver >/dev/null
echo "setup-browser: $(chromium --version 2>/dev/null || echo chromium) installed"
