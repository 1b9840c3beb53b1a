#!/usr/bin/env bash
# The candidates chapter's screenshot: disk_ae_find on a small synthetic set (12 disks, seed 4, 240 px), its
# candidates.html opened in headless Chromium (Debian's, installed when missing and run as root)
# -> nbs/images/candidates_page.png.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/env.sh"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else echo "install chromium (Debian) first" >&2; exit 1; fi
fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$ROOT/.venv/bin/disk_ae_synth" "$tmp/data" --sims 12 --dumps 1 --npix 240 --seed 4 --quiet
"$ROOT/.venv/bin/disk_ae_find" "$tmp/data" --out "$tmp/out" --distance 140 > /dev/null
mkdir -p "$ROOT/nbs/images"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars --window-size=1150,1500 \
  --screenshot="$tmp/page.png" "file://$tmp/out/candidates.html" 2>/dev/null
"$ROOT/.venv/bin/python" - "$tmp/page.png" "$ROOT/nbs/images/candidates_page.png" <<'PY'
import sys
from PIL import Image   # a smaller PNG for the docs: half size, 64 colours
im = Image.open(sys.argv[1]).convert('RGB')
im.resize((im.width // 2, im.height // 2), Image.LANCZOS).quantize(64).save(sys.argv[2], optimize=True)
print(f"{sys.argv[2]}: {im.width // 2} x {im.height // 2} px")
PY
