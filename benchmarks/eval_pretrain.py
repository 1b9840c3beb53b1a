"""More images without labels: the threshold-map autoencoder trained on a large, independent synthetic set, scored on
every evaluation set.

benchmarks/eval_cnn_ceiling.py found that, with about 120 labelled images, even a supervised network falls below the
one-number signature. This asks whether more unlabelled images help the unsupervised one. A training set of SIMS
simulations x 3 dumps (600 px, generator seed 100, default nuisances: none of its simulations is in an evaluation set)
is synthesized into OUT, its threshold maps computed (cached), and the polar autoencoder of benchmarks/eval_threshold.py
(reconstruction only, 16-d latent) trained on all of it for EPOCHS epochs (fixed before any score was seen). Its latents
of each evaluation set are then standardized with that set's training-split statistics and scored exactly as
eval_threshold.py scores its own autoencoder (mixture, k-means and spectral clustering, k = 2: ARI against planet
presence with a 95% bootstrap interval over simulations, nuisance NMIs, held-out nearest-centroid ARI; a grouped linear
probe), beside that autoencoder's numbers (trained on the set's own 120 images) and the signature's mixture ARI, read
from nbs/results/threshold_eval.json. Writes nbs/results/pretrain_eval.json atomically.

Usage: .venv/bin/python benchmarks/eval_pretrain.py [--out runs/eval] [--sims 500] [--epochs 16] [--runs default:0 ...
       shifted:5]
"""

import argparse, json, time
from pathlib import Path
import numpy as np, torch
from disk_ae.synth import synthesize
from disk_ae.canonical import load_views, threshold_view
from disk_ae.cluster import linear_probe
from disk_ae.polar import train_polar, polar_latents
from disk_ae.evaluate import CLUSTER_METHODS, MAP_SETS, checkout_commit, clustering_scores, load_set, map_stack
from disk_ae.evaluate import provenance, standardized_like, write_record

AE = 'threshold maps, polar AE latents'

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='runs/eval')
    ap.add_argument('--sims', type=int, default=500)
    ap.add_argument('--epochs', type=int, default=16)
    ap.add_argument('--runs', nargs='+', default=MAP_SETS)
    ap.add_argument('--record', default='nbs/results/pretrain_eval.json')
    a = ap.parse_args()
    start, t_start = checkout_commit(), time.perf_counter()
    out = Path(a.out)
    torch.set_num_threads(2)
    own = {
        (r['set'], r['seed']): r
        for r in json.loads(Path('nbs/results/threshold_eval.json').read_text())['rows']
        if r['representation'] == AE
    }
    t0 = time.perf_counter()
    data = out / f'data_train_{a.sims}'
    if not (data / 'labels.csv').exists():
        synthesize(data, a.sims, 3, 600, 100, nuisances='default')
    v = load_views(data, 'canonical', 128, cache=out / f'cache_train_{a.sims}')
    X = map_stack(v, out / f'threshold_train_{a.sims}.npy', threshold_view)
    prep_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    m, hist = train_polar(X, np.arange(len(X)), epochs=a.epochs, w_vicreg=0.0, seed=0)
    train_s = time.perf_counter() - t0
    print(
        f"training set: {len(X)} images, prepared in {prep_s:.0f} s, trained in {train_s:.0f} s (final loss "
        f"{hist[-1]:.4f})",
        flush=True,
    )
    rows = []
    for spec in a.runs:
        s = load_set(out, spec)
        nuis, seed, ve, truth, y, pool, test = s
        Z0 = polar_latents(m, map_stack(ve, out / f'threshold_{nuis}_{seed}.npy', threshold_view))
        Z = standardized_like(Z0, Z0, pool)
        ref = own.get((nuis, seed), {})
        rows.append(
            dict(
                set=nuis,
                seed=seed,
                probe=linear_probe(Z, y, ve.groups, seed=seed),
                own_probe=ref.get('probe'),
                own_gmm_ari=ref.get('gmm', {}).get('ari'),
                signature_ari=ref.get('signature_ari'),
                **{meth: clustering_scores(Z, s, meth) for meth in CLUSTER_METHODS},
            )
        )
        print(json.dumps(rows[-1], default=lambda o: round(o, 3) if isinstance(o, float) else str(o)), flush=True)
    rec = dict(
        provenance=provenance('benchmarks/eval_pretrain.py', vars(a), time.perf_counter() - t_start, start),
        torch=torch.__version__,
        method=' '.join(__doc__.split('\n\n')[1].split('\n')),
        train_images=len(X),
        epochs=a.epochs,
        prep_s=prep_s,
        train_s=train_s,
        final_loss=hist[-1],
        rows=rows,
    )
    print('wrote', write_record(a.record, rec))
