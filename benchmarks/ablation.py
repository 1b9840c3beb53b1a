"""The ablation of the invariant-autoencoder issue, one change at a time, from runs and records already on disk.

Rows (default synthetic set, seeds 0-2 where they exist):
1. the writeup's D8 ensemble on the raw view (main job: runs/demo, runs/demo_s1, runs/demo_s2);
2. the same on the canonical view (main job with --view canonical: runs/demo_canon, runs/demo_canon_s1, runs/demo_canon_s2);
3. a true invariant bottleneck: the polar autoencoder, reconstruction only (nbs/results/polar_eval.json);
4. the same with the nuisance-view term (nbs/results/polar_eval.json);
5. row 1's folds aligned by orthogonal Procrustes before averaging (nbs/results/aligned_eval.json);
6. row 3 trained on departure maps (the disk minus its smooth model, in noise units) instead of canonical views
   (nbs/results/departure_eval.json);
and, for reference, the one-number planet signature of the main job.
Each row: ARI against planet presence, NMI against each nuisance, held-out reconstruction MSE (units differ by view, so compare
within a view only) and training time (sum of the epochs' seconds over the folds, 2 CPU cores). Writes nbs/results/ablation.json.

Usage: .venv/bin/python benchmarks/ablation.py"""
import json, platform
from pathlib import Path
import numpy as np
from disk_ae.data import atomic_write

NUIS = ('nmi_inclination', 'nmi_noise', 'nmi_beam', 'nmi_disk_size')
SIG = 'planet signature (descriptors)'

def fold_seconds(run:Path) -> float:
    "Training time of a main-job ensemble: every epoch's seconds, summed over the folds."
    return float(sum(e['seconds'] for p in run.glob('run/fold*/history.json') for e in json.loads(p.read_text())['history']))

def main_job_rows(runs:list, step:str, units:str, rep:str|None=None) -> list:
    "One row per existing main-job run: the D8 row (or `rep`) of its clustering, held-out MSE and training time."
    out = []
    for r in map(Path, runs):
        if not (r / 'metrics.json').exists(): continue
        m = json.loads((r / 'metrics.json').read_text()); rows = m['clustering']['rows']
        x = rows[0] if rep is None else next(x for x in rows if x['representation'] == rep)
        out.append(dict(step=step, seed=m['seed'], ari=x['ari_presence'], **{k: x[k] for k in NUIS},
                        mse=None if rep else m['reconstruction']['heldout']['ensemble']['mse'], units=None if rep else units,
                        train_s=None if rep else fold_seconds(r), source=str(r / 'metrics.json')))
    return out

def polar_rows(path:Path, model:str, step:str) -> list:
    "The polar autoencoder's rows on the default set."
    rec = json.loads(path.read_text())
    return [dict(step=step, seed=x['seed'], ari=x['ari'], **{k: x[k] for k in NUIS}, probe=x['probe'], mse=x['test_mse'],
                 units='polar canonical view (asinh, peak 1)', train_s=x['seconds'], source=str(path))
            for x in rec['rows'] if x['set'] == 'default' and x['model'] == model]

def aligned_rows(path:Path) -> list:
    "The Procrustes-aligned ensemble's rows (same models as row 1: same reconstruction and training time)."
    return [dict(step='5. + folds aligned (Procrustes) before averaging', seed=r['seed'], ari=x['ari'], **{k: x[k] for k in NUIS},
                 probe=x['probe'], mse=None, units=None, train_s=None, source=str(path))
            for r in json.loads(path.read_text())['runs'] for x in [r['rows']['Procrustes-aligned mean']]]

def departure_rows(path:Path) -> list:
    "The polar autoencoder on departure maps, spectral clustering as every other row (the mixture's ARI kept beside it)."
    rec = json.loads(path.read_text())
    return [dict(step='6. polar AE on departure maps (noise units)', seed=x['seed'], ari=x['spectral']['ari'],
                 **{k: x['spectral'][k] for k in NUIS}, probe=x['probe'], ari_gmm=x['gmm']['ari'], mse=None, units=None,
                 train_s=x['train_s'], source=str(path))
            for x in rec['rows'] if x['set'] == 'default' and x['representation'] == 'departure maps, polar AE latents']

if __name__ == '__main__':
    res = Path('nbs/results'); raw = ['runs/demo', 'runs/demo_s1', 'runs/demo_s2']
    rows = (main_job_rows(raw, '1. writeup D8 ensemble, raw view', 'z-score (non-test statistics)')
            + main_job_rows(['runs/demo_canon', 'runs/demo_canon_s1', 'runs/demo_canon_s2'], '2. writeup D8 ensemble, canonical view',
                            'canonical view (asinh, peak 1)')
            + polar_rows(res / 'polar_eval.json', 'polar AE, reconstruction only', '3. true invariant bottleneck (polar AE)')
            + polar_rows(res / 'polar_eval.json', 'polar AE + nuisance views', '4. + nuisance views (VICReg term)')
            + aligned_rows(res / 'aligned_eval.json')
            + (departure_rows(res / 'departure_eval.json') if (res / 'departure_eval.json').exists() else [])
            + main_job_rows(raw, 'reference: the one-number planet signature', '', rep=SIG))
    for r in rows: print(f"{r['step']:52s} seed {r['seed']}  ARI {r['ari']:6.3f}  " + ' '.join(f"{k[4:]} {r[k]:.3f}" for k in NUIS)
                         + (f"  MSE {r['mse']:.4f}" if r['mse'] is not None else '') + (f"  train {r['train_s']:.0f} s" if r['train_s'] else ''))
    atomic_write(res / 'ablation.json', lambda t: t.write_text(json.dumps(dict(rows=rows, machine=f"{platform.machine()}, 2 CPU cores, Python {platform.python_version()}"), indent=1)))
    print('record: nbs/results/ablation.json')
