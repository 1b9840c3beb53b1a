"""Re-run a notebook's fast cells and keep the committed outputs of its `#| slow` cells: `python tools/execute_fast.py nbs/X.ipynb ...`.
(tools/execute.sh re-runs everything, slow cells included; use this when a change does not touch what the slow cells show.)"""
import sys, time
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell

def _slow(cell) -> bool:
    "A code cell flagged `#| slow` (kept as committed)."
    return cell.cell_type == 'code' and any(l.strip().replace(' ', '') == '#|slow' for l in cell.source.splitlines()[:3])

for p in map(Path, sys.argv[1:]):
    t = time.time(); nb = read_nb(p)
    for c in nb.cells:                                  # execnb leaves a cell's old outputs when it prints nothing now
        if c.cell_type == 'code' and not _slow(c): c.outputs, c.execution_count = [], None
    sh = CaptureShell(path=p.parent)
    sh.run_all(nb, exc_stop=True, preproc=_slow)
    write_nb(nb, p); print(f"[execute_fast] {p.name} done in {time.time() - t:.0f} s ({sum(map(_slow, nb.cells))} slow cells kept)")
