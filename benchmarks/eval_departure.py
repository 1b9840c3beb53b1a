"""Learn from the departure maps: the polar invariant autoencoder trained on `departure_view` maps instead of canonical
views.

For each synthetic evaluation set of benchmarks/eval_representations.py (generated there if missing), the departure map
of every image is computed from its native image and measured geometry (cached in OUT/departure_{set}_{seed}.npy), and
so are the maps of two planet-free twins of every image (`null_twin`, noise seeded by the set's seed; cached in
OUT/twins_{set}_{seed}.npy). 20% of the simulations are held out, the polar autoencoder (reconstruction only; the
nuisance views model a canonical view, not a map in noise units) is trained on the rest, once on the full maps and once
on their deficit part (negative departures: gaps, not pressure bumps), and its latents are scored as every
representation is: spectral clustering (k = 2, the writeup's), a two-component Gaussian mixture and k-means, each
against planet presence (ARI with a 95% bootstrap interval over simulations) and NMI against the nuisances; a grouped
linear probe; held-out simulations assigned to the nearest centroid of the clusters fitted on the others; and, as an
audit of what the clusters do follow, the ARI against "any ring structure" (a visible planet or a planet-free pressure
bump). The deficit latents are scored raw and whitened by their twins' latents (`null_whitener`, fitted on the twins of
the non-test images). A 16-component pixel PCA of the same maps is scored beside it (no network), and the supervised
ceiling of the canonical chapter is copied in. Writes nbs/results/departure_eval.json atomically.

Usage: .venv/bin/python benchmarks/eval_departure.py [--out runs/eval] [--runs default:0 default:1 default:2 shifted:0
       shifted:1] [--epochs 40]
"""

import argparse, json, time
from pathlib import Path
import numpy as np, torch
from disk_ae.canonical import departure_view, null_twin
from disk_ae.cluster import linear_probe, pixel_pca, null_whitener
from disk_ae.evaluate import CLUSTER_METHODS, cached_maps, checkout_commit, clustering_scores, load_set, map_stack
from disk_ae.evaluate import native_disks, provenance, set_references, write_record
from disk_ae.polar import train_polar, polar_latents

N_TWINS = 2


def twin_maps(views, path: Path, seed: int) -> torch.Tensor:
    "Departure maps of N_TWINS planet-free twins of each file, image by image (rows i * N_TWINS ... of image i)."
    rng = np.random.default_rng(seed)
    return cached_maps(
        path,
        lambda: np.stack(
            [departure_view(null_twin(img, g, rng), g) for img, g in native_disks(views) for _ in range(N_TWINS)]
        ),
    )


def representations(X, T, pool, epochs: int, seed: int):
    "(name, latents, training seconds) of each representation of the maps X, with the twins' maps T."
    Xd, Td = X.clamp(max=0), T.clamp(max=0)
    tw_pool = (np.asarray(pool)[:, None] * N_TWINS + np.arange(N_TWINS)).ravel()
    whiten = lambda Z, Z0: null_whitener(Z0[tw_pool])(Z)
    t0 = time.perf_counter()
    m, _ = train_polar(X, pool, epochs=epochs, w_vicreg=0.0, seed=seed)
    s_full = time.perf_counter() - t0
    yield 'departure maps, polar AE latents', polar_latents(m, X), s_full
    t0 = time.perf_counter()
    md, _ = train_polar(Xd, pool, epochs=epochs, w_vicreg=0.0, seed=seed)
    s_def = time.perf_counter() - t0
    Z, Z0 = polar_latents(md, Xd), polar_latents(md, Td)
    yield 'deficit maps, polar AE latents', Z, s_def
    yield 'deficit maps, polar AE latents, whitened by twins', whiten(Z, Z0), s_def
    pca = pixel_pca(X, pool, 16, seed)
    yield 'departure maps, pixel PCA (16)', pca(X), 0.0
    pca = pixel_pca(Xd, pool, 16, seed)
    yield 'deficit maps, pixel PCA (16), whitened by twins', whiten(pca(Xd), pca(Td)), 0.0


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='runs/eval')
    ap.add_argument('--epochs', type=int, default=40)
    ap.add_argument('--runs', nargs='+', default=['default:0', 'default:1', 'default:2', 'shifted:0', 'shifted:1'])
    ap.add_argument('--record', default='nbs/results/departure_eval.json')
    a = ap.parse_args()
    start, t_start = checkout_commit(), time.perf_counter()
    out = Path(a.out)
    torch.set_num_threads(2)
    ceil = {k: ceiling for k, (ceiling, _) in set_references().items()}
    rows = []
    for spec in a.runs:
        s = load_set(out, spec)
        nuis, seed, v, truth, y, pool, test = s
        t0 = time.perf_counter()
        X = map_stack(v, out / f'departure_{nuis}_{seed}.npy', departure_view)
        map_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        T = twin_maps(v, out / f'twins_{nuis}_{seed}.npy', seed)
        twin_s = time.perf_counter() - t0
        for name, Z, secs in representations(X, T, pool, a.epochs, seed):
            row = dict(
                set=nuis,
                seed=seed,
                representation=name,
                probe=linear_probe(Z, y, v.groups, seed=seed),
                ceiling=ceil.get((nuis, seed)),
                train_s=secs,
                map_s=map_s,
                twin_s=twin_s,
                epochs=a.epochs,
                **{meth: clustering_scores(Z, s, meth) for meth in CLUSTER_METHODS},
            )
            rows.append(row)
            print(json.dumps(row, default=lambda o: round(o, 3) if isinstance(o, float) else str(o)), flush=True)
    rec = dict(
        provenance=provenance('benchmarks/eval_departure.py', vars(a), time.perf_counter() - t_start, start),
        torch=torch.__version__,
        method=__doc__.split('\n\n')[1].replace('\n', ' '),
        rows=rows,
    )
    print('wrote', write_record(a.record, rec))
