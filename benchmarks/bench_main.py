"""Where the main job's time goes: `disk_ae_run --out OUT --preset cpu` from scratch (the default set synthesized, the
D8 ensemble trained, every representation clustered, the report), stage by stage. Target: under 5 minutes on 2 cores.

Usage: .venv/bin/python benchmarks/bench_main.py [--preset cpu] [--seed 0]
       (204-205 s on the 2 cores of the current records)
The output folder is temporary and removed afterwards."""

import argparse, tempfile, time
from pathlib import Path
from disk_ae.cli import run
from disk_ae.report import machine_name

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--preset', default='cpu')
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        m = run(None, Path(tmp) / 'out', preset=a.preset, seed=a.seed, progress=False)
        total = time.perf_counter() - t0
    stages = dict(m['stage_seconds'], report=round(total - sum(m['stage_seconds'].values()), 1))
    for k, v in stages.items():
        print(f"{k:>18}: {v:6.1f} s")
    print(f"{'total':>18}: {total:6.1f} s on {machine_name()} " f"(preset {a.preset}, seed {a.seed}; target 300 s)")
