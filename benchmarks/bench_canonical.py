"""Time of the canonical chapter on 150 cubes of 600 px: geometry, canonical and polar views, descriptors (target: under
10 s on 2 cores).

Usage: .venv/bin/python benchmarks/bench_canonical.py [--n 150] [--npix 600]"""

import argparse, tempfile, time
from pathlib import Path
import numpy as np
from disk_ae.synth import draw_sim, make_image
from disk_ae.data import write_cube, read_disk
from disk_ae.canonical import measure_geometry, canonical_view, polar_view, descriptors, load_views

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=150)
    ap.add_argument('--npix', type=int, default=600)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for i in range(a.n):
            img, _ = make_image(draw_sim(0, i // 3), i % 3, a.npix, np.random.default_rng(i))
            write_cube(tmp / f'planet{i // 3}_{100 + 50 * (i % 3):05d}_1250.fits', img.astype(np.float32), 3.0 / a.npix)
        imgs = [read_disk(p).image for p in sorted(tmp.glob('*.fits'))]
        t0 = time.perf_counter()
        geoms = [measure_geometry(im) for im in imgs]
        tg = time.perf_counter() - t0
        t0 = time.perf_counter()
        [canonical_view(im, g) for im, g in zip(imgs, geoms)]
        tc = time.perf_counter() - t0
        t0 = time.perf_counter()
        [polar_view(im, g) for im, g in zip(imgs, geoms)]
        tp = time.perf_counter() - t0
        t0 = time.perf_counter()
        [descriptors(im, g) for im, g in zip(imgs, geoms)]
        td = time.perf_counter() - t0
        for name, dt in [
            ('measure_geometry', tg),
            ('canonical_view (128 px)', tc),
            ('polar_view (64 x 128)', tp),
            ('descriptors', td),
        ]:
            print(f"{name}: {a.n} images of {a.npix}x{a.npix} in {dt:.2f} s ({dt / a.n * 1e3:.1f} ms per image)")
        t0 = time.perf_counter()
        load_views(tmp, 'canonical', 128, cache=tmp / 'cache')
        t_cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_views(tmp, 'canonical', 128, cache=tmp / 'cache')
        t_warm = time.perf_counter() - t0
        print(
            f"load_views end to end (read FITS, geometry, both views, descriptors, cache write): {t_cold:.2f} s cold, "
            f"{t_warm:.2f} s from the cache"
            f" (target: under 10 s cold)"
        )
