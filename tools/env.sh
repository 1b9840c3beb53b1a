#!/usr/bin/env bash
# Make sure .venv holds disk_ae and everything it needs; sourced by tools/run.sh and tools/test.sh.
# Idempotent: re-installs only when settings.ini, setup.py or tools/constraints.txt change.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
stamp="$VENV/.disk_ae-installed"
want="$(cat "$ROOT/settings.ini" "$ROOT/setup.py" "$ROOT/tools/constraints.txt" | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0 2>/dev/null || exit 0; fi

echo "[env] setting up $VENV (first run takes a few minutes)" >&2
# py3nj (needed by escnn) compiles Fortran; its module needs libgfortran at run time.
if ! command -v gfortran >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gfortran >/dev/null
  else
    echo "[env] gfortran is missing: install it (e.g. 'sudo apt-get install gfortran') for escnn's py3nj" >&2; exit 1
  fi
fi
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
pipq() { # pip, quiet, without the machine's noise about missing local index folders; keeps pip's exit status
  "$VENV/bin/python" -m pip "$@" > "$VENV/.pip.log" 2>&1 || { grep -v 'is ignored' "$VENV/.pip.log" >&2; return 1; }
}
pipq install -q --upgrade pip wheel setuptools
pipq install -q -c "$ROOT/tools/constraints.txt" -e "$ROOT[dev]"
(cd /tmp && "$VENV/bin/python" -c "import disk_ae, escnn, torch, torchvision, astropy, nbdev") || { echo "[env] install failed" >&2; exit 1; }
echo "$want" > "$stamp"
