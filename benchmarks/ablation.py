"""The ablation of the invariant-autoencoder issue, one change at a time, from runs and records already on disk.

Rows (default synthetic set, seeds 0-2 where they exist):
1. the writeup's D8 ensemble on the raw view (main job: runs/demo_5x12, runs/demo_s1_5x12, runs/demo_s2_5x12: 5 folds x 12 epochs, the cpu preset until 2026-11-29);
2. the same on the canonical view (main job with --view canonical --folds 5 --epochs 12: runs/demo_canon, runs/demo_canon_s1,
   runs/demo_canon_s2);
3. a true invariant bottleneck: the polar autoencoder, reconstruction only (nbs/results/polar_eval.json);
4. the same with the nuisance-view term (nbs/results/polar_eval.json);
5. row 1's folds aligned by orthogonal Procrustes before averaging (nbs/results/archive/aligned_eval.json);
6. row 3 trained on departure maps (the disk minus its smooth model, in noise units) instead of canonical views
   (nbs/results/departure_eval.json);
7. row 6 on the maps' deficits only (gaps, not pressure bumps), its latents whitened by those of planet-free twins
   (nbs/results/departure_eval.json);
8. row 3 trained on threshold maps (departures in units of the detection thresholds) instead (nbs/results/threshold_eval.json,
   the sets of rows 6 and 7);
9. row 8's latents clustered by a two-component Gaussian mixture instead of spectral clustering (same record);
and, for reference, the one-number planet signature of the main job. The same rows on the shifted-nuisance set where they were
run (main job on runs/eval/data_shifted_0: runs/shifted0_raw and runs/shifted0_canon; the benchmarks' shifted seeds).
Each row: ARI against planet presence, NMI against each nuisance, held-out reconstruction MSE (units differ by view, so compare
within a view only) and training time (sum of the epochs' seconds over the folds, 2 CPU cores). Writes nbs/results/archive/ablation.json.

Usage: .venv/bin/python benchmarks/ablation.py"""

import json, platform
from pathlib import Path
from disk_ae.cluster import NUISANCE_NMI
from disk_ae.data import atomic_write

NUIS = NUISANCE_NMI
SIG = 'planet signature (descriptors)'


def fold_seconds(run: Path) -> float:
    "Training time of a main-job ensemble: every epoch's seconds, summed over the folds."
    return float(
        sum(e['seconds'] for p in run.glob('run/fold*/history.json') for e in json.loads(p.read_text())['history'])
    )


def main_job_rows(runs: list, step: str, units: str, rep: str | None = None, set_: str = 'default') -> list:
    "One row per existing main-job run: the D8 row (or `rep`) of its clustering, held-out MSE and training time."
    out = []
    for r in map(Path, runs):
        if not (r / 'metrics.json').exists():
            continue
        m = json.loads((r / 'metrics.json').read_text())
        rows = m['clustering']['rows']
        x = rows[0] if rep is None else next(x for x in rows if x['representation'] == rep)
        out.append(
            dict(
                set=set_,
                step=step,
                seed=m['seed'],
                ari=x['ari_presence'],
                **{k: x[k] for k in NUIS},
                mse=None if rep else m['reconstruction']['heldout']['ensemble']['mse'],
                units=None if rep else units,
                train_s=None if rep else fold_seconds(r),
                source=str(r / 'metrics.json'),
            )
        )
    return out


def polar_rows(path: Path, model: str, step: str, set_: str = 'default') -> list:
    "The polar autoencoder's rows on one set."
    rec = json.loads(path.read_text())
    return [
        dict(
            set=set_,
            step=step,
            seed=x['seed'],
            ari=x['ari'],
            **{k: x[k] for k in NUIS},
            probe=x['probe'],
            mse=x['test_mse'],
            units='polar canonical view (asinh, peak 1)',
            train_s=x['seconds'],
            source=str(path),
        )
        for x in rec['rows']
        if x['set'] == set_ and x['model'] == model
    ]


def aligned_rows(path: Path) -> list:
    "The Procrustes-aligned ensemble's rows (same models as row 1: same reconstruction and training time)."
    return [
        dict(
            set='default',
            step='5. + folds aligned (Procrustes) before averaging',
            seed=r['seed'],
            ari=x['ari'],
            **{k: x[k] for k in NUIS},
            probe=x['probe'],
            mse=None,
            units=None,
            train_s=None,
            source=str(path),
        )
        for r in json.loads(path.read_text())['runs']
        for x in [r['rows']['Procrustes-aligned mean']]
    ]


def departure_rows(path: Path, rep: str, step: str, set_: str = 'default') -> list:
    "A representation of the departure-map benchmark, clustered spectrally like every row (the mixture's ARI beside)."
    rec = json.loads(path.read_text())
    return [
        dict(
            set=set_,
            step=step,
            seed=x['seed'],
            ari=x['spectral']['ari'],
            **{k: x['spectral'][k] for k in NUIS},
            probe=x['probe'],
            ari_gmm=x['gmm']['ari'],
            mse=None,
            units=None,
            train_s=x['train_s'],
            source=str(path),
        )
        for x in rec['rows']
        if x['set'] == set_ and x['representation'] == rep
    ]


def threshold_rows(path: Path, method: str, step: str, set_: str = 'default', seeds=(0, 1, 2)) -> list:
    "The threshold-map autoencoder's rows on one set, clustered by `method` (spectral or gmm)."
    rec = json.loads(path.read_text())
    return [
        dict(
            set=set_,
            step=step,
            seed=x['seed'],
            ari=x[method]['ari'],
            **{k: x[method][k] for k in NUIS},
            probe=x['probe'],
            mse=x['test_mse'],
            units='polar threshold map (thresholds, cut at 3)',
            train_s=x['train_s'],
            source=str(path),
        )
        for x in rec['rows']
        if x['set'] == set_ and x['seed'] in seeds and x['representation'] == 'threshold maps, polar AE latents'
    ]


STEPS = (
    '1. writeup D8 ensemble, raw view',
    '2. writeup D8 ensemble, canonical view',
    '3. true invariant bottleneck (polar AE)',
    '4. + nuisance views (VICReg term)',
    '6. polar AE on departure maps (noise units)',
    '7. deficits only, latents whitened by planet-free twins',
    '8. polar AE on threshold maps (detection-threshold units)',
    '9. + two-component mixture instead of spectral clustering',
)


def set_rows(res: Path, set_: str, raw: list, canon: list) -> list:
    "Rows 1-4 and 6-9 of one set (row 5 and the reference are added for the default set only)."
    dep, thr, seeds = (
        res / 'departure_eval.json',
        res / 'threshold_eval.json',
        (0, 1, 2) if set_ == 'default' else (0, 1),
    )
    return (
        main_job_rows(raw, STEPS[0], 'z-score (non-test statistics)', set_=set_)
        + main_job_rows(canon, STEPS[1], 'canonical view (asinh, peak 1)', set_=set_)
        + polar_rows(res / 'polar_eval.json', 'polar AE, reconstruction only', STEPS[2], set_)
        + polar_rows(res / 'polar_eval.json', 'polar AE + nuisance views', STEPS[3], set_)
        + departure_rows(dep, 'departure maps, polar AE latents', STEPS[4], set_)
        + departure_rows(dep, 'deficit maps, polar AE latents, whitened by twins', STEPS[5], set_)
        + threshold_rows(thr, 'spectral', STEPS[6], set_, seeds)
        + threshold_rows(thr, 'gmm', STEPS[7], set_, seeds)
    )


if __name__ == '__main__':
    res = Path('nbs/results')
    raw = ['runs/demo_5x12', 'runs/demo_s1_5x12', 'runs/demo_s2_5x12']
    default = set_rows(res, 'default', raw, ['runs/demo_canon', 'runs/demo_canon_s1', 'runs/demo_canon_s2'])
    rows = (
        [r for r in default if r['step'] not in STEPS[4:]]
        + aligned_rows(res / 'archive' / 'aligned_eval.json')
        + [r for r in default if r['step'] in STEPS[4:]]
        + main_job_rows(raw, 'reference: the one-number planet signature', '', rep=SIG)
        + set_rows(res, 'shifted', ['runs/shifted0_raw'], ['runs/shifted0_canon'])
        + main_job_rows(
            ['runs/shifted0_raw'], 'reference: the one-number planet signature', '', rep=SIG, set_='shifted'
        )
    )
    for r in rows:
        print(
            f"{r['set']:8s}{r['step']:52s} seed {r['seed']}  ARI {r['ari']:6.3f}  "
            + ' '.join(f"{k[4:]} {r[k]:.3f}" for k in NUIS)
            + (f"  MSE {r['mse']:.4f}" if r['mse'] is not None else '')
            + (f"  train {r['train_s']:.0f} s" if r['train_s'] else '')
        )
    atomic_write(
        res / 'archive' / 'ablation.json',
        lambda t: t.write_text(
            json.dumps(
                dict(rows=rows, machine=f"{platform.machine()}, 2 CPU cores, Python {platform.python_version()}"),
                indent=1,
            )
        ),
    )
    print('record: nbs/results/archive/ablation.json')
