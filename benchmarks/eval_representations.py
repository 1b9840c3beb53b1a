"""Score representations against the synthetic truth on the default and the shifted-nuisance sets, over several seeds.

Each set is generated (50 simulations x 3 dumps, 600 px) unless present in OUT, its canonical views and descriptors are
computed once (cached in OUT), and every representation is clustered into k = 2 groups (spectral clustering, or the
two-component mixture that seeds 0-2 selected for the one-number signature and seeds 3-5 confirmed) and scored: ARI
against planet presence with a 95% bootstrap interval over simulations, NMI against the nuisances, a grouped linear
probe, and the supervised ceiling of gradient boosting on the descriptors. Writes a JSON record (atomically) that the
cluster chapter and README read.

Usage: .venv/bin/python benchmarks/eval_representations.py [--out runs/eval] [--seeds 0 1 2 3 4 5] [--record
       nbs/results/representations_eval.json]
"""

import argparse, platform, time
from pathlib import Path
import numpy as np, torch, sklearn
from disk_ae.synth import synthesize, read_labels
from disk_ae.data import load_disks
from disk_ae.canonical import load_views, descriptor_matrix, nuisance_matrix
from disk_ae.evaluate import checkout_commit, provenance, write_record
from disk_ae.cluster import (
    cluster,
    score,
    presence,
    bootstrap_ari,
    linear_probe,
    supervised_ceiling,
    pixel_pca,
    regress_out,
)
from disk_ae.baselines import gap_features

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='runs/eval')
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2, 3, 4, 5])
    ap.add_argument('--sets', nargs='+', default=['default', 'shifted'])
    ap.add_argument('--sims', type=int, default=50)
    ap.add_argument('--npix', type=int, default=600)
    ap.add_argument('--record', default='nbs/results/representations_eval.json')
    a = ap.parse_args()
    out = Path(a.out)

    def robust_z(X):
        "Median/MAD standardisation of each column."
        med = np.median(X, 0)
        s = 1.4826 * np.median(np.abs(X - med), 0)
        return (X - med) / np.where(s > 0, s, X.std(0) + 1e-12)

    def signed_log(X):
        return np.sign(X) * np.log1p(np.abs(X))

    sig = lambda v: np.log1p(descriptor_matrix(v, ['planet_signature']))
    sig_reg = lambda v: regress_out(sig(v), nuisance_matrix(v)[1])
    # name -> (representation of (views, raw images), clustering method). 'gmm' (a two-component Gaussian mixture, one
    # population of non-detections and one of detections) was chosen for the one-number signature on seeds 0-2 and
    # confirmed on seeds 3-5.
    REPS = {
        'planet signature, spectral (1 number)': (lambda v, r: sig(v), 'spectral'),
        'planet signature, mixture (1 number)': (lambda v, r: sig(v), 'gmm'),
        'planet signature, nuisances regressed out, spectral': (lambda v, r: sig_reg(v), 'spectral'),
        'planet signature, nuisances regressed out, mixture': (lambda v, r: sig_reg(v), 'gmm'),
        'all 14 descriptors (robust z)': (lambda v, r: robust_z(signed_log(descriptor_matrix(v))), 'spectral'),
        'classical gap finder (2 numbers, 128 px)': (lambda v, r: gap_features(r.raw), 'spectral'),
        'raw-pixel PCA (128 px, z-score)': (lambda v, r: pixel_pca(r.x)(r.x), 'spectral'),
        'canonical-view pixel PCA (128 px)': (lambda v, r: pixel_pca(v.x)(v.x), 'spectral'),
    }
    start, t_start = checkout_commit(), time.perf_counter()
    record = dict(
        versions=dict(
            python=platform.python_version(),
            numpy=np.__version__,
            torch=torch.__version__,
            sklearn=sklearn.__version__,
        ),
        method=(
            "k = 2 clusters: spectral clustering (affinity 'laplacian', seed 0) or, where a row says 'mixture', a "
            "two-component Gaussian mixture (seed 0); ARI against presence of a visible planet; 95% interval: 1000 "
            "bootstrap resamples of simulations; probe: grouped 5-fold logistic regression (balanced accuracy); "
            "ceiling: grouped 5-fold gradient boosting on the 14 descriptors"
        ),
        selection=(
            "the mixture rows' clustering was chosen on seeds 0-2 (spectral, k-means and mixture compared) and "
            "confirmed, unchanged, on seeds 3-5"
        ),
        runs=[],
    )
    for nuis in a.sets:
        for seed in a.seeds:
            t0 = time.perf_counter()
            data = out / f'data_{nuis}_{seed}'
            if not (data / 'labels.csv').exists():
                synthesize(data, a.sims, 3, a.npix, seed, nuisances=nuis)
            views = load_views(data, 'canonical', 128, cache=out / f'cache_{nuis}_{seed}')
            raw = load_disks(data, size=128)
            lab = read_labels(data)
            truth = [lab[Path(m['file']).name] for m in views.meta]
            y, groups = presence(truth), views.groups
            ceil = supervised_ceiling(signed_log(descriptor_matrix(views)), y, groups, seed=seed)
            run = dict(set=nuis, seed=seed, n=len(y), n_planet=int(y.sum()), ceiling=ceil, rows=[])
            s = score(y, truth)  # the truth's own NMI with each nuisance: a perfect clustering cannot score below it
            run['truth_nmi'] = {k: s[k] for k in s if k.startswith('nmi_') and k not in ('nmi_count', 'nmi_presence')}
            for name, (f, method) in REPS.items():
                Z = np.asarray(f(views, raw), np.float64)
                labels = cluster(Z, method, 2, 0)
                s = score(labels, truth)
                lo, hi = bootstrap_ari(labels, y, groups, seed=seed)
                run['rows'].append(
                    dict(
                        representation=name,
                        method=method,
                        dim=int(Z.shape[1]),
                        ari=s['ari_presence'],
                        ari_lo=lo,
                        ari_hi=hi,
                        probe=linear_probe(Z, y, groups, seed=seed),
                        **{k: s[k] for k in s if k.startswith('nmi_') and k != 'nmi_count'},
                    )
                )
            run['seconds'] = time.perf_counter() - t0
            record['runs'].append(run)
            print(
                f"\n{nuis} set, seed {seed}: {len(y)} images, {y.sum()} with a visible planet; ceiling bal. acc. "
                f"{ceil['balanced_accuracy']:.3f}, "
                f"ARI {ceil['ari']:.3f} ({ceil['model']}); the truth's own NMI with the nuisances {run['truth_nmi']} "
                f"({run['seconds']:.0f} s)"
            )
            for r in run['rows']:
                print(
                    f"  {r['representation']:52s} ARI {r['ari']:6.3f} [{r['ari_lo']:6.3f}, {r['ari_hi']:6.3f}]  probe "
                    f"{r['probe']:.3f}  NMI incl "
                    f"{r['nmi_inclination']:.3f} noise {r['nmi_noise']:.3f} beam {r['nmi_beam']:.3f} size "
                    f"{r['nmi_disk_size']:.3f}"
                )
    prov = provenance('benchmarks/eval_representations.py', vars(a), time.perf_counter() - t_start, start)
    Path(a.record).parent.mkdir(parents=True, exist_ok=True)
    print('wrote', write_record(a.record, dict(provenance=prov, **record)))
