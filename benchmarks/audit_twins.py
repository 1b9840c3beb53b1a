"""Where planet-free disks depart from their planet-free twins: the audit behind the departure-map rows of the
clustering chapter.

Reads the departure maps and the twins' maps that benchmarks/eval_departure.py caches (OUT/departure_{set}_{seed}.npy
and OUT/twins_{set}_{seed}.npy; run it first) with the sets' labels and measured nuisances. For the images without a
visible planet it measures, between 0.25 and 1 R90, how much more the map spreads than its first twin's (std of the map
minus std of the twin's, asinh units), separately for disks with and without a planet-free pressure bump, and the
correlation of that excess with the log of the measured noise (noise / peak); the same excess of the images with a
visible planet is printed beside, and the same three excesses of the deficit maps (the negative part of each map,
`departure_view(..., deficit=True)`). Seconds per set. Writes nbs/results/twin_audit.json atomically.

Usage: .venv/bin/python benchmarks/audit_twins.py [--out runs/eval] [--runs default:0 default:1 default:2 shifted:0
       shifted:1]
"""

import argparse, json, time
from pathlib import Path
import numpy as np
from disk_ae.canonical import nuisance_matrix, disk_frame
from disk_ae.evaluate import checkout_commit, load_set, provenance, write_record


def excess(X: np.ndarray, T: np.ndarray, lo: float = 0.25, hi: float = 1.0, half: float = 2.5) -> np.ndarray:
    "Per image: std of its map minus std of its first twin's, over the ring lo-hi R90 of the frame."
    rr = np.hypot(*disk_frame(X.shape[-1], half))
    s = (rr >= lo) & (rr < hi)  # the departure frame's radii (R90 units)
    return X[:, 0][:, s].std(1) - T[:: len(T) // len(X), 0][:, s].std(1)


def audit(out: Path, nuis: str, seed: int) -> dict:
    "The excess of one set, by kind of disk, and its correlation with the log noise among the planet-free disks."
    _, _, v, truth, y, _, _ = load_set(out, f'{nuis}:{seed}')
    bump = np.array([t['ring_amp'] > 0 for t in truth])
    X, T = np.load(out / f'departure_{nuis}_{seed}.npy'), np.load(out / f'twins_{nuis}_{seed}.npy')
    ex, exd = excess(X, T), excess(np.minimum(X, 0), np.minimum(T, 0))
    names, N = nuisance_matrix(v)
    lognoise, free = np.log10(N[:, names.index('noise_rel')]), y == 0
    return dict(
        set=nuis,
        seed=seed,
        n_free_bump=int((free & bump).sum()),
        n_free_smooth=int((free & ~bump).sum()),
        n_planet=int(y.sum()),
        excess_free_bump=float(ex[free & bump].mean()),
        excess_free_smooth=float(ex[free & ~bump].mean()),
        excess_planet=float(ex[~free].mean()),
        corr_excess_lognoise_free=float(np.corrcoef(ex[free], lognoise[free])[0, 1]),
        deficit_excess_free_bump=float(exd[free & bump].mean()),
        deficit_excess_free_smooth=float(exd[free & ~bump].mean()),
        deficit_excess_planet=float(exd[~free].mean()),
    )


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='runs/eval')
    ap.add_argument('--record', default='nbs/results/twin_audit.json')
    ap.add_argument('--runs', nargs='+', default=['default:0', 'default:1', 'default:2', 'shifted:0', 'shifted:1'])
    a = ap.parse_args()
    start, t_start = checkout_commit(), time.perf_counter()
    rows = []
    for spec in a.runs:
        nuis, seed = spec.split(':')
        rows.append(r := audit(Path(a.out), nuis, int(seed)))
        print(json.dumps({k: round(x, 3) if isinstance(x, float) else x for k, x in r.items()}), flush=True)
    rec = dict(
        provenance=provenance('benchmarks/audit_twins.py', vars(a), time.perf_counter() - t_start, start),
        method=__doc__.split('\n\n')[1].replace('\n', ' '),
        rows=rows,
    )
    print('wrote', write_record(a.record, rec))
