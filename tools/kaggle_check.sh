#!/usr/bin/env bash
# Follow the Kaggle page (nbs/12_gpu.ipynb, steps 2-8) in a fresh virtual environment, the CPU standing in for the GPU.
# `tools/kaggle_check.sh` (about 5-10 min: builds a venv, compiles py3nj). What differs from Kaggle, and why, is listed on the
# page: torch pre-installed from this machine's wheels (Kaggle's own torch), the package from this checkout's git HEAD instead
# of GitHub, no ImageNet weights (no internet), a tiny synthetic set as /kaggle/input, N = 1 without nvidia-smi, tiny sizes.
# Leaves nothing behind (its scratch folder is removed unless KEEP=1).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="$(mktemp -d /tmp/disk_ae_kaggle_XXXXXX)"
[ "${KEEP:-0}" = 1 ] || trap 'chmod -R u+w "$W"; rm -rf "$W"' EXIT
say() { echo "[kaggle_check] $*"; }
PY="${PYTHON:-python3.11}"; command -v "$PY" >/dev/null 2>&1 || PY=python3
"$PY" -m venv "$W/venv"; export PATH="$W/venv/bin:$PATH"
pip() { "$W/venv/bin/python" -m pip "$@" > "$W/pip.log" 2>&1 || { grep -v 'is ignored' "$W/pip.log" >&2; say "FAIL: pip $*"; exit 1; }; }
say "stand-in for Kaggle's own torch: $(grep -E '^torch(vision)?==' "$ROOT/tools/constraints.txt" | tr '\n' ' ')"
pip install -q $(grep -E '^torch(vision)?==' "$ROOT/tools/constraints.txt")
before="$(python -c 'import torch, torchvision; print(torch.__version__, torchvision.__version__)')"

say "step 2: gfortran"
command -v gfortran >/dev/null || apt-get install -y -qq gfortran > /dev/null
say "step 3: pip install (from git+file://$ROOT at $(git -C "$ROOT" rev-parse --short HEAD))"
pip install -q "numpy<2" "git+file://$ROOT"                             # the page: git+https://github.com/disk-ae/disk_ae
"$W/venv/bin/python" -m pip list 2>/dev/null | grep -E "^(torch|torchvision|numpy) "
for exe in disk_ae_synth disk_ae_train disk_ae_run; do
  [ "$(command -v $exe)" = "$W/venv/bin/$exe" ] || { say "FAIL: $exe is not the one step 3 installed ($(command -v $exe))"; exit 1; }
done
after="$(python -c 'import torch, torchvision; print(torch.__version__, torchvision.__version__)')"
[ "$before" = "$after" ] || { say "FAIL: step 3 changed torch/torchvision: $before -> $after"; exit 1; }
say "step 4 skipped (no internet here): the run falls back to seeded random weights and records it"

mkdir -p "$W/kaggle/input/exxa-disks" "$W/kaggle/working"
disk_ae_synth "$W/kaggle/input/exxa-disks/disks" --sims 4 --dumps 2 --npix 64 --quiet
chmod -R a-w "$W/kaggle/input"                                        # read-only, as on Kaggle
say "step 5: where the files are"
export DATA="$(cd "$W" && python - <<'EOF'
import glob, os
print(os.path.dirname(sorted(glob.glob('kaggle/input/**/planet*.fits', recursive=True))[0]))
EOF
)"
DATA="$W/$DATA"; echo "$DATA"
OUT="$W/kaggle/working/exxa"

say "step 6: one training process per GPU (tiny sizes)"
N=$(nvidia-smi -L 2>/dev/null | wc -l || true); [ "$N" -gt 0 ] || N=1     # no nvidia-smi here: the CPU is the one device
pids=()                                  # the page's loop, with each process's exit status checked
for k in 0 1; do
  CUDA_VISIBLE_DEVICES=$((k % N)) disk_ae_train "$DATA" --out "$OUT/run" --size 32 --epochs 1 --folds 2 --fold $k --test_frac 0.25 --quiet &
  pids+=($!)
  if [ ${#pids[@]} -eq "$N" ]; then for p in "${pids[@]}"; do wait "$p" || { say "FAIL: fold training exited with $?"; exit 1; }; done; pids=(); fi
done
for p in "${pids[@]}"; do wait "$p" || { say "FAIL: fold training exited with $?"; exit 1; }; done
stamp="$(stat -c %y "$OUT/run/fold0/best.pt")"

say "step 7: cluster, score, report"
disk_ae_run "$DATA" --out "$OUT" --preset tiny 2>&1 | tail -3
[ "$(stat -c %y "$OUT/run/fold0/best.pt")" = "$stamp" ] || { say "FAIL: step 7 retrained the folds of step 6"; exit 1; }

say "step 8: pack the report"
(cd "$W/kaggle/working/exxa" && python -m zipfile -c ../exxa_report.zip report.html figures metrics.json clusters.csv)
python - "$W/kaggle/working/exxa_report.zip" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); names = set(z.namelist())
figs = re.findall(r"src='([^']+)'", z.read('report.html').decode())
missing = [f for f in figs + ['metrics.json', 'clusters.csv'] if f not in names]
assert figs and not missing, f"report figures missing from the zip: {missing}"
print(f"[kaggle_check] zip holds report.html, metrics.json, clusters.csv and all {len(figs)} figures the report names")
EOF
chmod -R u+w "$W/kaggle/input"
say "passed: every step of the page ran (steps 2, 3, 5-8; step 4 needs the internet)"
