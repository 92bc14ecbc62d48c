#!/usr/bin/env bash
# Installs what the tests need beyond Rust: Debian's Chromium for the
# browser test, and Liberation fonts (metric-compatible with Times New
# Roman, with Vietnamese glyphs) so printed reports render as on a desk.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
