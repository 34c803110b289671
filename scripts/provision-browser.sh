#!/usr/bin/env bash
# Installs the headless browser the admin page's test drives: Debian's chromium and chromium-driver
# (Selenium talks to chromedriver). Does nothing when both are there. Prints nothing on stdout.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "[test] installing chromium and chromium-driver (Debian packages) for the admin page test" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
