"""Where the main job's time goes: `disk_ae_run --out OUT --preset cpu` from scratch (the default set synthesized, the
D8 ensemble trained, every representation clustered, the report), stage by stage. Target: under 5 minutes on 2 cores.

Usage: .venv/bin/python benchmarks/bench_main.py [--preset cpu] [--seed 0]   (about 8 minutes on 2 cores today)
The output folder is temporary and removed afterwards."""
import argparse, os, platform, tempfile, time
from pathlib import Path
from disk_ae.cli import run


def cpu_name() -> str:
    "The CPU model, as /proc/cpuinfo names it."
    try: return next(l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name'))
    except (OSError, StopIteration): return platform.processor() or 'unknown CPU'


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
    for k, v in stages.items(): print(f"{k:>18}: {v:6.1f} s")
    print(f"{'total':>18}: {total:6.1f} s on {cpu_name()}, {os.cpu_count()} cores "
          f"(preset {a.preset}, seed {a.seed}; target 300 s)")
