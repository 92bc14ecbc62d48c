#!/usr/bin/env bash
# Installs what the tests need beyond Rust: Debian's Chromium for the
# browser test, and Liberation fonts (metric-compatible with Times New
# Roman, with Vietnamese glyphs) so printed reports render as on a desk;
# poppler's pdftotext to read the printed PDF; playwright-core to drive
# the browser through the clerk's form; LibreOffice Writer (headless) to
# open the Word files the portal writes and turn them into PDF, as a
# board's office would; PostgreSQL for the suite's second engine.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
# PostgreSQL: the integration suite runs a second time on a throwaway
# cluster (scripts/postgres.sh), so both engines keep every promise.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core drives that Chromium in the clerk's browser test (it
# never downloads a browser of its own); axe-core checks the pages'
# accessibility in it.
cd "$(dirname "$0")/../tests/browser"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
fi
