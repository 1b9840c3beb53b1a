"""Every detector on both disk families: the first (the synthetic chapter's generator) and the second (dsharp chapter).

Writes nbs/results/families_eval.json (rendered in the evaluation chapter and README) with its provenance. Every choice
of every detector was made on the first family; the second is scored unchanged.

Usage: .venv/bin/python benchmarks/eval_families.py [--out runs/families] [--seeds 0 1 2 3 4 5] [--sims 40] [--dumps 3]
       [--boot 500] [--d8 runs/families_d8] [--train-seeds 100 ... 119]
The learned detectors are trained on the first family's --train-seeds sets (written into OUT too) and scored on --seeds.
With --d8, the D8 row is read from the main job's output of each set that has one (DIR/{family}_{seed}/clusters.csv,
from `disk_ae_run OUT/{family}_{seed}_40x3 --out DIR/{family}_{seed} --seed {seed}`, about 4 minutes each on 2 cores).
Takes about 5 minutes on 2 cores the first time (the 12 sets are written into OUT), about 1 minute from the caches."""

import argparse, time
from pathlib import Path
from disk_ae.evaluate import checkout_commit, evaluate_families, families_table, provenance, write_record

RECORD = Path(__file__).resolve().parent.parent / 'nbs' / 'results' / 'families_eval.json'


def main():
    "Parse the arguments, evaluate, print the table and write the record."
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='runs/families')
    ap.add_argument('--seeds', type=int, nargs='+', default=list(range(6)))
    ap.add_argument('--sims', type=int, default=40)
    ap.add_argument('--dumps', type=int, default=3)
    ap.add_argument('--boot', type=int, default=500)
    ap.add_argument('--d8', default=None)
    ap.add_argument('--train-seeds', type=int, nargs='*', default=list(range(100, 120)))
    a = ap.parse_args()
    t0, start = time.perf_counter(), checkout_commit()  # the commit the numbers come from
    fams = evaluate_families(
        a.out, seeds=a.seeds, sims=a.sims, dumps=a.dumps, n_boot=a.boot, d8_runs=a.d8, train_seeds=a.train_seeds
    )
    args = dict(seeds=a.seeds, sims=a.sims, dumps=a.dumps, boot=a.boot, d8=a.d8, train_seeds=a.train_seeds)
    prov = provenance('benchmarks/eval_families.py', args, time.perf_counter() - t0, start)
    rec = dict(provenance=prov, families=fams)
    print(families_table(fams))
    print(f"wrote {write_record(RECORD, rec)} in {rec['provenance']['seconds']} s")


if __name__ == '__main__':
    main()
