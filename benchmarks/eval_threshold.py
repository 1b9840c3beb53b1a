"""Learn from the threshold maps: the polar invariant autoencoder trained on `threshold_view` maps (a disk's departures
in units of the detection thresholds that define the synthetic truth), scored beside the one-number planet signature on
every evaluation set.

For each synthetic evaluation set of benchmarks/eval_representations.py (generated there if missing), the threshold map
of every image is computed from its native image and measured geometry (cached in OUT/threshold_{set}_{seed}.npy). 20%
of the simulations are held out (the split of benchmarks/eval_departure.py), the polar autoencoder (reconstruction only,
40 epochs) is trained on the rest, and its latents, standardized with the statistics of the training images, are
clustered three ways (k = 2): spectral (the writeup's), a two-component diagonal Gaussian mixture (10 initialisations,
the best kept) and k-means. Each clustering is scored as every representation is: ARI against planet presence with a 95%
bootstrap interval over simulations, NMI against the nuisances, held-out simulations assigned to the nearest centroid of
the clusters fitted on the others, and the ARI against "any ring structure" (a visible planet or a planet-free pressure
bump); a grouped linear probe; the held-out reconstruction MSE on the polar grid (map units). A 16-component pixel PCA
of the same maps is scored the same way (no network). The planet signature's mixture ARI and the supervised ceiling of
the same set are copied from nbs/results/representations_eval.json. On the sets named by --stability, the autoencoder's
mixture clusters are also checked for stability as the main job checks its own (the clustering chapter's `stability`:
the share of images keeping their nearest-centroid cluster): each native image turned by the 7 non-trivial grid
symmetries, and by 4 random draws of the main job's affine check (any rotation, scaling 0.85-1.15, shear up to 10
degrees; bilinear, new pixels filled with the sky level, seeded), its geometry measured again and its threshold map and
latent recomputed.

Beside the autoencoder trained for reconstruction alone, three attempts to make its latent ignore the observation: (1)
the measured nuisances (`nuisance_matrix`: inclination, noise, beam, R90, flux) regressed out of its latents; (2) the
autoencoder trained with a second view of every image, the threshold map of a re-observation of its native image
(`reobserve`: noise added, geometry off by a few degrees, R90 by up to 10%; two per image, cached in
OUT/reobserved_{set}_{seed}.npy), through VICReg's invariance term alone (weight 0.1; the reconstruction keeps the
latent from collapsing); (3) the same with the full VICReg term (weight 0.01, the polar chapter's default). The
autoencoder and (2) are also trained with two more seeds (seed + 100, seed + 200) on the same images: their mixture ARIs
(`ari_train_seeds`) show how much of a difference between rows one training run can make. The autoencoder's three runs
are also combined as benchmarks/eval_aligned.py combines the D8 folds: each run's standardized latents rotated onto the
first run's by orthogonal Procrustes fitted on the training images, then averaged.

Sets used to choose the method (the map's design, the mixture's initialisations, the standardization; the views' weight
and terms, from full VICReg at 0.01 and 0.1 and invariance alone at 0.01 and 0.1): default 0-2 and shifted 0-1; the
others confirm it (`tuned` in each row). Writes nbs/results/threshold_eval.json atomically.

Usage: .venv/bin/python benchmarks/eval_threshold.py [--out runs/eval] [--runs default:0 ... shifted:5] [--epochs 40]"""

import argparse, json, time
from pathlib import Path
import numpy as np, torch
from scipy.linalg import orthogonal_procrustes
from disk_ae.canonical import threshold_view, reobserve, nuisance_matrix, GRID_OPS
from disk_ae.cluster import linear_probe, pixel_pca, cluster, centroids, assign, regress_out
from disk_ae.augment import disk_transforms, augment_batch
from disk_ae.polar import train_polar, polar_latents, to_polar
from disk_ae.evaluate import CLUSTER_METHODS, MAP_SETS, cached_maps, checkout_commit, clustering_scores, load_set
from disk_ae.evaluate import map_stack, native_disks, provenance, set_references, standardized_like, write_record

TUNED = {('default', 0), ('default', 1), ('default', 2), ('shifted', 0), ('shifted', 1)}
N_VIEWS = 2  # re-observations per image
VIEWS = dict(w_vicreg=0.1, vicreg_weights=(25.0, 0.0, 0.0))  # invariance alone, chosen on the tuning sets
VICREG = dict(w_vicreg=0.01)  # the full VICReg term at the polar chapter's default weight
SEED_OFFSETS = (100, 200)  # the extra training seeds


def reobserved_maps(views, path: Path, seed: int) -> torch.Tensor:
    "(n, N_VIEWS, 1, 128, 128) threshold maps of re-observations of each file (`reobserve`, seeded by the set's seed)."
    rng = np.random.default_rng(1000 + seed)
    V = cached_maps(
        path,
        lambda: np.stack(
            [threshold_view(*reobserve(img, g, rng)) for img, g in native_disks(views) for _ in range(N_VIEWS)]
        ),
    )
    return V.view(-1, N_VIEWS, *V.shape[1:])


def turned(img: np.ndarray, tf) -> np.ndarray:
    "The image under one random draw of the affine transforms `tf` (`disk_transforms`; new pixels get the sky level)."
    return augment_batch(torch.from_numpy(np.asarray(img, np.float64))[None, None], tf)[0, 0].numpy()


def mixture_stability(views, m, pool, Z0: np.ndarray, seed: int, n_affine: int = 4) -> dict:
    "Share of images keeping their nearest-centroid mixture cluster under the 7 grid symmetries and random turns."
    embed = lambda imgs: standardized_like(
        polar_latents(m, torch.from_numpy(np.stack([threshold_view(i) for i in imgs])[:, None].astype(np.float32))),
        Z0,
        pool,
    )
    Z = standardized_like(Z0, Z0, pool)
    imgs = [img for img, _ in native_disks(views)]
    cents = centroids(Z, cluster(Z, 'gmm', 2, seed))
    base = assign(Z, cents)
    grid = [
        np.mean(assign(embed([np.ascontiguousarray(op(i)) for i in imgs]), cents) == base)
        for k, op in GRID_OPS.items()
        if k != 'identity'
    ]
    torch.manual_seed(seed)
    tf = disk_transforms(flips=False, blur_sigma=None)  # the main job's affine check (clustering chapter)
    aff = [np.mean(assign(embed([turned(i, tf) for i in imgs]), cents) == base) for _ in range(n_affine)]
    return dict(stable_grid=float(np.mean(grid)), stable_affine=float(np.mean(aff)))


def trained(X, pool, test, epochs: int, seed: int, **kw) -> tuple:
    "(model, seconds, held-out MSE on the polar grid) of the polar autoencoder trained on X[pool] with options `kw`."
    t0 = time.perf_counter()
    m, _ = train_polar(X, pool, epochs=epochs, seed=seed, **kw)
    secs = time.perf_counter() - t0
    with torch.no_grad():
        x = to_polar(X[test], m.n_r, m.n_phi)
        mse = float(((m(x)[0] - x) ** 2).mean())
    return m, secs, mse


def aligned_mean(Zs: list, pool) -> np.ndarray:
    "Mean of several runs' latents, each standardized and rotated onto the first's by Procrustes fitted on `pool`."
    S = [standardized_like(Z, Z, pool) for Z in Zs]
    return np.mean([S[0]] + [Z @ orthogonal_procrustes(Z[pool], S[0][pool])[0] for Z in S[1:]], 0)


def representations(X, V, N, pool, test, epochs: int, seed: int):
    "(name, latents, seconds, held-out MSE, model, other seeds' latents or None) of each representation of the maps X."
    ae, views, full = dict(w_vicreg=0.0), dict(VIEWS, pairs=V), dict(VICREG, pairs=V)
    others = lambda kw: [
        (polar_latents(r[0], X), r[1]) for r in (trained(X, pool, test, epochs, seed + o, **kw) for o in SEED_OFFSETS)
    ]
    m, secs, mse = trained(X, pool, test, epochs, seed, **ae)
    Z = polar_latents(m, X)
    more = others(ae)
    yield 'threshold maps, polar AE latents', Z, secs, mse, m, [z for z, _ in more]
    yield (
        'threshold maps, polar AE latents, 3 training seeds aligned (Procrustes) and averaged',
        aligned_mean([Z] + [z for z, _ in more], pool),
        secs + sum(t for _, t in more),
        None,
        None,
        None,
    )
    yield 'threshold maps, polar AE latents, measured nuisances regressed out', regress_out(Z, N), secs, mse, None, None
    m, secs, mse = trained(X, pool, test, epochs, seed, **views)
    yield 'threshold maps, polar AE + re-observation views (invariance term 0.1)', polar_latents(m, X), secs, mse, m, [
        z for z, _ in others(views)
    ]
    m, secs, mse = trained(X, pool, test, epochs, seed, **full)
    yield 'threshold maps, polar AE + re-observation views (VICReg 0.01)', polar_latents(m, X), secs, mse, None, None
    yield 'threshold maps, pixel PCA (16)', pixel_pca(X, pool, 16, seed)(X), 0.0, None, None, None


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='runs/eval')
    ap.add_argument('--epochs', type=int, default=40)
    ap.add_argument('--runs', nargs='+', default=MAP_SETS)
    ap.add_argument('--record', default='nbs/results/threshold_eval.json')
    ap.add_argument('--stability', nargs='*', default=['default:0', 'shifted:0'])
    a = ap.parse_args()
    start, t_start = checkout_commit(), time.perf_counter()
    out = Path(a.out)
    torch.set_num_threads(2)
    ref = set_references()
    rows = []
    for spec in a.runs:
        s = load_set(out, spec)
        nuis, seed, v, truth, y, pool, test = s
        t0 = time.perf_counter()
        X = map_stack(v, out / f'threshold_{nuis}_{seed}.npy', threshold_view)
        map_s = time.perf_counter() - t0
        V = reobserved_maps(v, out / f'reobserved_{nuis}_{seed}.npy', seed)
        ceil, sig = ref.get((nuis, seed), (None, None))
        for name, Z0, secs, mse, m, more in representations(X, V, nuisance_matrix(v)[1], pool, test, a.epochs, seed):
            Z = standardized_like(Z0, Z0, pool)
            row = dict(
                set=nuis,
                seed=seed,
                tuned=(nuis, seed) in TUNED,
                representation=name,
                probe=linear_probe(Z, y, v.groups, seed=seed),
                ceiling=ceil,
                signature_ari=sig and sig['ari'],
                train_s=secs,
                test_mse=mse,
                map_s=map_s,
                epochs=a.epochs,
                **{meth: clustering_scores(Z, s, meth) for meth in CLUSTER_METHODS},
            )
            if more:
                row['gmm']['ari_train_seeds'] = [row['gmm']['ari']] + [
                    clustering_scores(standardized_like(Zs, Zs, pool), s, 'gmm')['ari'] for Zs in more
                ]
            if m is not None and spec in a.stability:
                row['gmm'].update(mixture_stability(v, m, pool, Z0, seed))
            rows.append(row)
            print(json.dumps(row, default=lambda o: round(o, 3) if isinstance(o, float) else str(o)), flush=True)
    rec = dict(
        provenance=provenance('benchmarks/eval_threshold.py', vars(a), time.perf_counter() - t_start, start),
        torch=torch.__version__,
        method=' '.join(__doc__.split('\n\n')[1:4]).replace('\n', ' '),
        rows=rows,
    )
    print('wrote', write_record(a.record, rec))
