"""Time to load 150 EXXA-layout cubes of 600x600 and resize them to 128 px (target: under 10 s on 2 CPU cores).

Usage: .venv/bin/python benchmarks/bench_load.py [--n 150] [--npix 600] [--size 128] [--dir DIR]
The cubes are written first (not timed) into DIR (default: a temporary folder, removed afterwards)."""

import argparse, shutil, tempfile, time
from pathlib import Path
import numpy as np
from disk_ae.data import write_cube, load_disks

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=150)
    ap.add_argument('--npix', type=int, default=600)
    ap.add_argument('--size', type=int, default=128)
    ap.add_argument('--dir', default=None)
    a = ap.parse_args()
    folder = Path(a.dir or tempfile.mkdtemp(prefix='disk_ae_bench_'))
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[: a.npix, : a.npix] - a.npix / 2
    disk = np.exp(-np.hypot(xx, yy) / (a.npix / 8)) * 3e-21
    for i in range(a.n):
        write_cube(
            folder / f'planet{i // 3}_{100 + 50 * (i % 3):05d}_1250.fits',
            (disk * (1 + 0.01 * rng.standard_normal(disk.shape))).astype(np.float32),
        )
    size_mb = sum(p.stat().st_size for p in folder.glob('*.fits')) / 2**20
    for norm in ('zscore', 'asinh'):
        t0 = time.perf_counter()
        ds = load_disks(folder, size=a.size, norm=norm)
        dt = time.perf_counter() - t0
        print(
            f"load_disks: {len(ds)} cubes of (4,1,1,{a.npix},{a.npix}) >f4 ({size_mb:.0f} MB on disk) -> "
            f"{tuple(ds.x.shape)} "
            f"norm={norm}: {dt:.2f} s ({dt / len(ds) * 1e3:.1f} ms per file)"
        )
    if not a.dir:
        shutil.rmtree(folder)
