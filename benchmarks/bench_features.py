"""Time of the classical features on 150 images of 600x600: geometry, deprojected profiles, Fourier LoG and DoG.

Usage: .venv/bin/python benchmarks/bench_features.py [--n 150] [--npix 600]"""

import argparse, time
import numpy as np
from disk_ae.synth import draw_sim, make_image
from disk_ae.features import estimate_geometry, profile_stack, fourier_log, dog

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=150)
    ap.add_argument('--npix', type=int, default=600)
    a = ap.parse_args()
    imgs = np.stack([make_image(draw_sim(0, i // 3), i % 3, a.npix, np.random.default_rng(i))[0] for i in range(a.n)])
    for name, f in [
        ('estimate_geometry (batched)', lambda: estimate_geometry(imgs)),
        ('profile_stack (geometry + profiles)', lambda: profile_stack(imgs)),
        ('fourier_log sigma=3', lambda: [fourier_log(im, 3.0) for im in imgs]),
        ('dog sigma=3', lambda: [dog(im, 3.0) for im in imgs]),
    ]:
        t0 = time.perf_counter()
        f()
        dt = time.perf_counter() - t0
        print(f"{name}: {a.n} images of {a.npix}x{a.npix} in {dt:.2f} s ({dt / a.n * 1e3:.1f} ms per image)")
