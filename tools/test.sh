#!/usr/bin/env bash
# The whole fast test suite: every notebook run by nbdev_test (installs .venv on first use).
# Extra arguments go to nbdev_test, e.g. `tools/test.sh --flags slow` for the demo-scale cells.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/env.sh"
cd "$ROOT"
export MPLBACKEND=Agg OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
n=$(find nbs -name '[0-9]*.ipynb' -o -name 'index.ipynb' | grep -v '/_' | wc -l)
echo "[test] running $n notebooks with nbdev_test"
start=$(date +%s)
if "$ROOT/.venv/bin/nbdev_test" --n_workers 2 --timing "$@"; then
  echo "[test] finished in $(( $(date +%s) - start )) s"; echo "notebooks: $n passed, 0 failed"
else
  echo "[test] nbdev_test failed (see above)"; exit 1
fi
