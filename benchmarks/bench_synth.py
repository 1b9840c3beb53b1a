"""Time to generate the default synthetic set (50 simulations x 3 dumps, 600 px; target: under 60 s on 2 CPU cores).

Usage: .venv/bin/python benchmarks/bench_synth.py [--sims 50] [--dumps 3] [--npix 600] [--dir DIR]"""

import argparse, shutil, tempfile, time
from pathlib import Path
from disk_ae.synth import synthesize

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--sims', type=int, default=50)
    ap.add_argument('--dumps', type=int, default=3)
    ap.add_argument('--npix', type=int, default=600)
    ap.add_argument('--dir', default=None)
    a = ap.parse_args()
    folder = Path(a.dir or tempfile.mkdtemp(prefix='disk_ae_synth_bench_'))
    t0 = time.perf_counter()
    rows = synthesize(folder, a.sims, a.dumps, a.npix, seed=0)
    dt = time.perf_counter() - t0
    size_mb = sum(p.stat().st_size for p in folder.glob('*.fits')) / 2**20
    print(
        f"synthesize: {len(rows)} images of {a.npix}x{a.npix} ({size_mb:.0f} MB) in {dt:.1f} s "
        f"({dt / len(rows) * 1e3:.0f} ms per image); {sum(r['n_visible'] > 0 for r in rows)} with a visible planet"
    )
    if not a.dir:
        shutil.rmtree(folder)
