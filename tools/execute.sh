#!/usr/bin/env bash
# Re-run notebooks and keep their outputs (they are the docs), then clean them: `tools/execute.sh nbs/01_synth.ipynb ...`
# (no argument: every numbered notebook). Runs slow cells too, at demo scale.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/env.sh"
cd "$ROOT/nbs"
nbs=("$@"); [ ${#nbs[@]} -gt 0 ] || nbs=([0-9]*.ipynb index.ipynb)
for nb in "${nbs[@]}"; do
  nb="$(basename "$nb")"; echo "[execute] $nb"; t=$(date +%s)
  "$ROOT/.venv/bin/exec_nb" "$nb" --dest "$nb" --exc_stop
  echo "[execute] $nb done in $(( $(date +%s) - t )) s"
done
cd "$ROOT" && .venv/bin/nbdev_export && .venv/bin/nbdev_clean && .venv/bin/python tools/readme.py
