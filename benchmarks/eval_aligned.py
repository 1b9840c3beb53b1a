"""Ensemble latents that mean something? The D8 folds of the main job's default run, combined three ways and scored.

Each fold of an ensemble learns its own latent coordinates, so averaging the latents of independently trained models
(the main job's `D8 ensemble latents`, as the writeup does) mixes unrelated coordinate systems. Compared here, on the
trained folds of the main job's runs with 5 folds x 12 epochs (the cpu preset until 2026-11-29: `tools/run.sh --out
runs/demo --folds 5 --epochs 12`, and `--seed 1`, `--seed 2`, kept as runs/demo_5x12, runs/demo_s1_5x12,
runs/demo_s2_5x12; runs missing from disk are reported and skipped): - naive: the mean of the folds' latents,
re-normalised (the main job); - aligned: every fold's latents rotated onto fold 0's by orthogonal Procrustes fitted on
the non-test images, then averaged; - concat + PCA: all folds' latents side by side, reduced to 16 by a PCA fitted on
the non-test images; - fold 0 alone, for reference. Scores (all images, k = 2 spectral clustering as in the main job):
ARI against planet presence with a 95% bootstrap interval over simulations, NMI against the nuisances, a linear probe
grouped by simulation (balanced accuracy), and the held-out ARI (clusters fitted on the non-test images, held-out images
assigned to the nearest centroid).

Usage: .venv/bin/python benchmarks/eval_aligned.py [--runs runs/demo_5x12 runs/demo_s1_5x12 runs/demo_s2_5x12] [--record
       nbs/results/archive/aligned_eval.json]
"""

import argparse, json, platform, time
from pathlib import Path
import numpy as np, torch
from scipy.linalg import orthogonal_procrustes
from sklearn.decomposition import PCA
from disk_ae.synth import read_labels
from disk_ae.data import load_disks, atomic_write, Normalizer
from disk_ae.ensemble import load_ensemble
from disk_ae.cluster import cluster, score, presence, bootstrap_ari, linear_probe, heldout_assignment, NUISANCE_NMI

NUIS = NUISANCE_NMI


@torch.no_grad()
def fold_latents(models: list, x: torch.Tensor) -> list:
    "Each model's latents of x, (n, d) numpy arrays."
    return [torch.cat([m.eval().encode(x[i : i + 32]) for i in range(0, len(x), 32)]).numpy() for m in models]


def unit(Z):
    return Z / np.linalg.norm(Z, axis=1, keepdims=True).clip(1e-12)


def combos(Zs: list, pool: np.ndarray, seed: int) -> dict:
    "name -> combined latents: naive mean, Procrustes-aligned mean, concatenation + PCA, fold 0 alone."
    R = [orthogonal_procrustes(Z[pool], Zs[0][pool])[0] for Z in Zs]
    cat = np.concatenate(Zs, 1)
    return {
        'naive mean (main job)': unit(np.mean(Zs, 0)),
        'Procrustes-aligned mean': unit(np.mean([Z @ r for Z, r in zip(Zs, R)], 0)),
        'concatenated + PCA(16)': PCA(16, random_state=seed).fit(cat[pool]).transform(cat),
        'fold 0 alone': Zs[0],
    }


def scores(Z: np.ndarray, truth: list, groups: np.ndarray, pool: np.ndarray, test: np.ndarray, seed: int) -> dict:
    "ARI (with bootstrap interval), nuisance NMIs, linear probe and held-out ARI of one representation."
    lab, y = cluster(Z, 'spectral', 2, seed), presence(truth)
    s = score(lab, truth)
    lo, hi = bootstrap_ari(lab, y, groups, seed=seed)
    return dict(
        ari=s['ari_presence'],
        ari_lo=lo,
        ari_hi=hi,
        **{k: s[k] for k in NUIS if k in s},
        probe=linear_probe(Z, y, groups, seed=seed),
        heldout_ari=heldout_assignment(Z, pool, test, truth, seed)['ari_presence'],
    )


def evaluate(run: Path) -> dict:
    "The combinations of one main-job run's D8 folds, scored on the run's own synthetic set."
    split = json.loads((run / 'run' / 'split.json').read_text())
    m = json.loads((run / 'metrics.json').read_text())
    ds = load_disks(run / 'data', size=m['config']['size']).use_norm(Normalizer(**split['norm']))
    lab = read_labels(run / 'data')
    truth = [lab[Path(f).name] for f in ds.files]
    test = ds.indices(split['test'])
    pool = np.setdiff1d(np.arange(len(ds)), test)
    Zs = fold_latents(load_ensemble(run / 'run'), ds.x)
    return dict(
        run=str(run),
        seed=m['seed'],
        n=len(ds),
        n_test=len(test),
        folds=len(Zs),
        rows={
            name: scores(Z, truth, ds.groups, pool, test, m['seed']) for name, Z in combos(Zs, pool, m['seed']).items()
        },
    )


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', nargs='+', default=['runs/demo_5x12', 'runs/demo_s1_5x12', 'runs/demo_s2_5x12'])
    ap.add_argument('--record', default='nbs/results/archive/aligned_eval.json')
    a = ap.parse_args()
    t0 = time.perf_counter()
    runs = []
    for r in map(Path, a.runs):
        if not (r / 'run' / 'split.json').exists():
            print(f"{r}: no trained main-job run here (skipped)")
            continue
        runs.append(evaluate(r))
        print(f"{r} (seed {runs[-1]['seed']}):")
        for name, s in runs[-1]['rows'].items():
            print(
                f"  {name:26s} ARI {s['ari']:6.3f} [{s['ari_lo']:6.3f}, {s['ari_hi']:5.3f}]  probe {s['probe']:.3f}  "
                "held-out ARI "
                f"{s['heldout_ari']:6.3f}  NMI " + ' '.join(f"{k[4:]} {s[k]:.3f}" for k in NUIS if k in s)
            )
    rec = dict(
        runs=runs,
        seconds=time.perf_counter() - t0,
        machine=f"{platform.machine()}, {platform.python_version()}, torch {torch.__version__}",
    )
    atomic_write(Path(a.record), lambda t: t.write_text(json.dumps(rec, indent=1)))
    print(f"record: {a.record} ({rec['seconds']:.0f} s)")
