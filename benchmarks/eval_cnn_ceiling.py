"""A supervised ceiling on pixels: does a network that is told the truth find more in the maps than the descriptors'
ceiling?

The supervised ceiling of benchmarks/eval_representations.py is logistic regression or gradient boosting on the 14
hand-made descriptors, so it bounds what those numbers carry, not what the images carry. Here the polar invariant
encoder of the polar chapter (the same architecture as the threshold-map autoencoder's encoder, its 16-number latent,
then one linear unit) is trained with the truth (planet presence; class-balanced binary cross-entropy, Adam 2e-3, batch
16, a fixed number of epochs chosen before any score was seen) on each set's threshold maps
(benchmarks/eval_threshold.py's cache) and, with --inputs, on its canonical views, in the same grouped 5-fold
cross-validation as the descriptors' ceiling (folds grouped and shuffled by simulation, seeded). Its out-of-fold
predictions give a balanced accuracy and an ARI, printed beside the descriptors' ceiling and the planet signature's
mixture ARI of the same set (nbs/results/representations_eval.json). If the network's ceiling is not above the
descriptors', the images hold no more about planet presence, as the synthetic truth defines it, than the descriptors do,
and no learned latent can beat them by more than the gap between the two. Writes nbs/results/cnn_ceiling.json
atomically.

Usage: .venv/bin/python benchmarks/eval_cnn_ceiling.py [--out runs/eval] [--runs default:0 ... shifted:5] [--inputs
       threshold canonical] [--epochs 30]
"""

import argparse, json, time
from pathlib import Path
import numpy as np, torch
from sklearn.metrics import balanced_accuracy_score, adjusted_rand_score
from disk_ae.cluster import grouped_cv
from disk_ae.polar import PolarClassifier
from disk_ae.canonical import threshold_view
from disk_ae.evaluate import MAP_SETS, checkout_commit, load_set, map_stack, provenance, set_references, write_record


def inputs(name: str, v, out: Path, nuis: str, seed: int) -> np.ndarray:
    "The (n, S*S) maps a network reads: the threshold maps (cached) or the canonical views."
    X = map_stack(v, out / f'threshold_{nuis}_{seed}.npy', threshold_view) if name == 'threshold' else v.x
    return X.reshape(len(X), -1).numpy()


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='runs/eval')
    ap.add_argument('--runs', nargs='+', default=MAP_SETS)
    ap.add_argument('--inputs', nargs='+', default=['threshold', 'canonical'], choices=['threshold', 'canonical'])
    ap.add_argument('--epochs', type=int, default=30)
    ap.add_argument('--record', default='nbs/results/cnn_ceiling.json')
    a = ap.parse_args()
    start, t_start = checkout_commit(), time.perf_counter()
    out = Path(a.out)
    torch.set_num_threads(2)
    ref = {k: (ceiling, sig['ari']) for k, (ceiling, sig) in set_references().items()}
    rows = []
    for spec in a.runs:
        nuis, seed, v, truth, y, pool, test = load_set(out, spec)
        for name in a.inputs:
            t0 = time.perf_counter()
            pred = grouped_cv(
                PolarClassifier(epochs=a.epochs, seed=seed),
                inputs(name, v, out, nuis, seed),
                y,
                np.asarray(v.groups),
                5,
                seed,
            )
            ceil, sig = ref.get((nuis, seed), (None, None))
            rows.append(
                dict(
                    set=nuis,
                    seed=seed,
                    inputs=name,
                    balanced_accuracy=float(balanced_accuracy_score(y, pred)),
                    ari=float(adjusted_rand_score(y, pred)),
                    descriptor_ceiling=ceil,
                    signature_ari=sig,
                    seconds=time.perf_counter() - t0,
                    epochs=a.epochs,
                )
            )
            print(json.dumps(rows[-1], default=lambda o: round(o, 3) if isinstance(o, float) else str(o)), flush=True)
    rec = dict(
        provenance=provenance('benchmarks/eval_cnn_ceiling.py', vars(a), time.perf_counter() - t_start, start),
        torch=torch.__version__,
        method=' '.join(__doc__.split('\n\n')[1].split('\n')),
        rows=rows,
    )
    print('wrote', write_record(a.record, rec))
