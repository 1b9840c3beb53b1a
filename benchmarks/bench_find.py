"""Time of `disk_ae_find` on 150 cubes of 600 px: files to candidates.csv, cold (no cache) and again from the cache
(target: under 15 s cold on 2 cores, page included). Prints the CPU it ran on.

Usage: .venv/bin/python benchmarks/bench_find.py [--n 150] [--npix 600]
The default synthetic set is written first (not timed) into a temporary folder, removed afterwards."""

import argparse, tempfile, time
from pathlib import Path
from disk_ae.synth import synthesize
from disk_ae.find import find_candidates, write_catalog, plot_candidates, write_candidates_page
from disk_ae.report import savefig, machine_name

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=150)
    ap.add_argument('--npix', type=int, default=600)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        synthesize(tmp / 'data', sims=a.n // 3, dumps=3, npix=a.npix, seed=0)
        for label in ('cold', 'from the cache'):
            t0 = time.perf_counter()
            rows, rec, metas = find_candidates(tmp / 'data', cache=tmp / 'out' / 'views', distance=140.0)
            write_catalog(tmp / 'out', rows, rec)
            t_csv = time.perf_counter() - t0
            savefig(plot_candidates(rows, metas), tmp / 'out' / 'candidates.png')
            write_candidates_page(tmp / 'out', rows, rec, figure='candidates.png')
            dt = time.perf_counter() - t0
            print(
                f"disk_ae_find, {label}: {len(rows)} cubes of {a.npix} px -> candidates.csv in {t_csv:.2f} s, "
                f"with the page and its panels {dt:.2f} s ({rec['n_candidates']} candidates)"
            )
    print(f"machine: {machine_name()} (target: under 15 s cold on 2 cores)")
