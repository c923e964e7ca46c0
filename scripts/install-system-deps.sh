#!/usr/bin/env bash
# Installs the Debian libraries privacydesk needs at run time for PDF letters (WeasyPrint): Pango,
# HarfBuzz's subsetter (only the glyphs a letter uses are embedded) and a font that has the characters
# in people's names (DejaVu covers Māori macrons and European accents).
# Does nothing where they are already present, so `make install` can run it on every machine.
set -euo pipefail
have() { ldconfig -p 2>/dev/null | grep -q "$1"; }
if have libpango-1.0.so.0 && have libpangoft2-1.0.so.0 && have libharfbuzz-subset.so.0 && [ -d /usr/share/fonts/truetype/dejavu ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "PDF letters need Pango: as root, apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core" >&2
  echo "(privacydesk runs without them; letters then go without their PDF copy)." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null
