#!/usr/bin/env bash
# Render the docs without Quarto and check every page in headless Chromium (see tools/docs_check.py).
# `tools/docs_check.sh [--report runs/demo/report.html]`; installs Debian's chromium + chromium-driver and nbconvert/selenium if missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/env.sh"
if ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else echo "install chromium and chromium-driver (Debian) first" >&2; exit 1; fi
fi
"$ROOT/.venv/bin/python" -c "import nbconvert, selenium" 2>/dev/null || "$ROOT/.venv/bin/python" -m pip install -q "nbconvert>=7" "selenium>=4.10" 2>&1 | grep -v 'is ignored' || true
cd "$ROOT" && "$ROOT/.venv/bin/python" tools/docs_check.py "$@"
