"""Training and inference throughput of the D8 autoencoder and of the polar invariant autoencoder, and the k-fold
ensemble target.

Prints: training throughput (images/s) of the D8 model at 128 and 256 px with the combined loss and augmentations, and
of the polar invariant autoencoder on canonical views of the same sizes (polar grid size/4 x size/2, reconstruction +
VICReg on nuisance views); inference throughput of an escnn ensemble and of its plain-torch export; the wall time of a
10-fold x 12-epoch ensemble on 120 images of 600x600 at 128 px (target: at most 6 minutes on 2 CPU cores) against 10 x
the time of one fold.

Usage: .venv/bin/python benchmarks/bench_train.py [--skip-ensemble] [--folds 10] [--epochs 12]"""

import argparse, shutil, tempfile, time, warnings
from pathlib import Path
import torch
from disk_ae.synth import synthesize
from disk_ae.data import load_disks
from disk_ae.models import D8AutoEncoder, export_plain
from disk_ae.losses import DiskLoss
from disk_ae.augment import disk_transforms, augment_batch
from disk_ae.train import TrainConfig
from disk_ae.ensemble import train_ensemble, ensemble_outputs
from disk_ae.polar import PolarInvariantAE, to_polar, vicreg
from disk_ae.augment import nuisance_views


def seconds_per_step(step, n: int) -> float:
    "Mean wall time of `n` calls of `step`, after one untimed warm-up call."
    step()
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    return (time.perf_counter() - t0) / n


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--skip-ensemble', action='store_true')
    ap.add_argument('--folds', type=int, default=10)
    ap.add_argument('--epochs', type=int, default=12)
    a = ap.parse_args()
    warnings.simplefilter('ignore')
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, device cpu")

    tf, loss_fn = disk_transforms(), DiskLoss()
    for size in (128, 256):
        m = D8AutoEncoder(size)
        opt = torch.optim.Adam(m.parameters(), 1e-2)
        x = torch.randn(16, 1, size, size)

        def step():
            xb = augment_batch(x, tf)
            r, z = m(xb)
            loss, _ = loss_fn(r, xb, z)
            opt.zero_grad()
            loss.backward()
            opt.step()

        dt = seconds_per_step(step, 5 if size == 128 else 2)
        print(
            f"D8 training at {size} px, batch 16, combined loss + augmentation: {dt:.2f} s/step, {16 / dt:.1f} images/s"
        )

    gen = torch.Generator().manual_seed(0)
    for size in (128, 256):
        m = PolarInvariantAE(n_r=size // 4, n_phi=size // 2)
        opt = torch.optim.Adam(m.parameters(), 2e-3)
        x = torch.rand(16, 1, size, size)

        def step():
            xp = to_polar(x, m.n_r, m.n_phi)
            r, z = m(xp)
            loss = ((r - xp) ** 2).mean() + 0.01 * vicreg(z, m.encode(to_polar(nuisance_views(x, gen), m.n_r, m.n_phi)))
            opt.zero_grad()
            loss.backward()
            opt.step()

        dt = seconds_per_step(step, 5 if size == 128 else 2)
        print(
            f"polar invariant AE training at {size} px (polar {m.n_r}x{m.n_phi}), batch 16, reconstruction + nuisance "
            f"views: {dt:.2f} s/step, {16 / dt:.1f} images/s"
        )

    models = [D8AutoEncoder(128).eval() for _ in range(5)]
    plain = [export_plain(mm) for mm in models]
    x = torch.randn(64, 1, 128, 128)
    for name, ms in (('escnn', models), ('exported plain torch', plain)):
        ensemble_outputs(ms, x[:8])
        t0 = time.perf_counter()
        ensemble_outputs(ms, x)
        dt = time.perf_counter() - t0
        print(f"inference, ensemble of 5 ({name}), 128 px: {len(x) / dt:.1f} images/s")

    if not a.skip_ensemble:
        tmp = Path(tempfile.mkdtemp(prefix='disk_ae_bench_train_'))
        synthesize(tmp / 'data', sims=40, dumps=3, npix=600, seed=0)
        t0 = time.perf_counter()
        ds = load_disks(tmp / 'data', size=128)
        t_load = time.perf_counter() - t0
        cfg = TrainConfig(model='d8', size=128, epochs=a.epochs)
        t0 = time.perf_counter()
        train_ensemble(ds, cfg, tmp / 'run', k=a.folds, test_frac=0.0, progress=False)
        t_all = time.perf_counter() - t0
        t0 = time.perf_counter()
        train_ensemble(ds, cfg, tmp / 'one', k=a.folds, test_frac=0.0, folds=[0], progress=False)
        t_one = time.perf_counter() - t0
        print(
            f"{a.folds}-fold x {a.epochs}-epoch D8 ensemble on {len(ds)} images of 600x600 at 128 px (load "
            f"{t_load:.1f} s): "
            f"{t_all:.0f} s = {t_all / 60:.1f} min (target 6 min); one fold {t_one:.0f} s, x{a.folds} = "
            f"{a.folds * t_one:.0f} s"
        )
        shutil.rmtree(tmp)
