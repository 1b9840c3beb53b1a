"""How far the catalog's order-of-magnitude planet mass is off on disks of known mass: synthetic sets of this project's
generator (default and shifted nuisances, seeds 0-2), each gap above threshold matched to the true planet nearest in
radius.

Usage: .venv/bin/python benchmarks/eval_mass.py [--seeds 0 1 2] [--npix 600] [--out nbs/results/mass_eval.json]
Writes a record with its provenance (script, commit, arguments, machine, date, seconds). About 4 minutes on 2 cores.
Caveat, in the record too: the generator carves its gaps with the same Kanagawa relation the estimate inverts (with
drawn aspect ratios and viscosities, not the assumed ones), so this measures the measurement and the assumptions, not
the physics."""

import argparse, json, subprocess, sys, tempfile, time
from datetime import datetime, timezone
from pathlib import Path
import numpy as np
from disk_ae.data import atomic_write
from disk_ae.synth import synthesize, read_labels
from disk_ae.find import find_candidates, MASS_ASSUMPTIONS
from disk_ae.report import machine_name

MATCH = 0.25  # a gap is the planet's when their radii differ by at most this fraction of the planet's radius


def errors(rows: list, labels: dict) -> tuple[list, int]:
    "log10(estimate / truth) of each estimate matched to a planet, and how many found no planet near their gap."
    out, lone = [], 0
    for r in rows:
        if not np.isfinite(r['planet_q']):
            continue
        t = labels[r['file']]
        d = [abs(a - r['gap_r_arcsec']) / a for a in t['planet_r_arcsec']]
        if not d or min(d) > MATCH:
            lone += 1
            continue
        out.append(float(np.log10(r['planet_q'] / t['planet_q'][int(np.argmin(d))])))
    return out, lone


def summary(dex: list, lone: int) -> dict:
    "Median, 16th and 84th percentiles of the error (dex), the shares within 0.5 and 1 dex, and the counts."
    d = np.asarray(dex)
    if not len(d):
        return dict(n_matched=0, n_without_planet=lone)
    return dict(
        n_matched=len(d),
        n_without_planet=lone,
        median_dex=float(np.median(d)),
        p16_dex=float(np.percentile(d, 16)),
        p84_dex=float(np.percentile(d, 84)),
        within_0p5_dex=float(np.mean(abs(d) <= 0.5)),
        within_1_dex=float(np.mean(abs(d) <= 1.0)),
    )


def pooled(sets: list, nuisances: str) -> dict:
    "The summary of every set of one nuisance range together."
    mine = [s for s in sets if s['nuisances'] == nuisances]
    return summary(sum((s['errors_dex'] for s in mine), []), sum(s['n_without_planet'] for s in mine))


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    ap.add_argument('--npix', type=int, default=600)
    ap.add_argument('--out', default='nbs/results/mass_eval.json')
    a = ap.parse_args()
    t0, sets = time.perf_counter(), []
    # the commit at the start: the code that ran
    commit = subprocess.run(['git', 'describe', '--always', '--dirty'], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        for nuis in ('default', 'shifted'):
            for seed in a.seeds:
                data = Path(tmp) / f'{nuis}{seed}'
                synthesize(data, sims=50, dumps=3, npix=a.npix, seed=seed, nuisances=nuis)
                rows, rec, _ = find_candidates(data, cache=Path(tmp) / f'views{nuis}{seed}')
                dex, lone = errors(rows, read_labels(data))
                sets.append(dict(nuisances=nuis, seed=seed, n_disks=len(rows), **summary(dex, lone), errors_dex=dex))
                print(nuis, seed, {k: v for k, v in sets[-1].items() if k != 'errors_dex'}, flush=True)
    record = dict(
        script='benchmarks/eval_mass.py',
        commit=commit,
        args=' '.join(sys.argv[1:]),
        machine=machine_name(),
        date=datetime.now(timezone.utc).isoformat(timespec='seconds'),
        seconds=round(time.perf_counter() - t0, 1),
        assumptions=MASS_ASSUMPTIONS,
        match=f"gap radius within {MATCH:.0%} of the nearest true planet's",
        caveat=__doc__.split('Caveat, in the record too: ')[1].replace('\n', ' '),
        pooled={n: pooled(sets, n) for n in ('default', 'shifted')},
        sets=sets,
    )
    atomic_write(a.out, lambda t: t.write_text(json.dumps(record, indent=1)))
    print('pooled', json.dumps(record['pooled'], indent=1), f"\nwrote {a.out} in {record['seconds']} s")
