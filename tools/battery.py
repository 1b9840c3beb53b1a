"""Bad input, tried as a new user would: every case runs an installed command (or `load_disks`) on scratch copies of a
small synthetic set and prints its exit status, whether Python printed a traceback, whether any input changed (SHA-256
of every file before and after) and the last line it said. The read-only and full-disk cases mount a small tmpfs and
run only as root; the others run anywhere. Nothing outside a fresh temporary folder is written.

    .venv/bin/python tools/battery.py              # every case, about 7 minutes on 2 cores
    .venv/bin/python tools/battery.py labels ckpt  # some groups (names below)

It ends with one summary line: cases, tracebacks, inputs changed. Every case should read 'traceback no, inputs kept'.
"""
import argparse
import csv
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from astropy.io import fits

BIN = Path(sys.executable).parent
SAID = {'cases': 0, 'tracebacks': 0, 'changed': 0}


def call(args: list, **kw) -> subprocess.CompletedProcess:
    "`subprocess.run` of `args`, each made a string."
    return subprocess.run([str(a) for a in args], **kw)


def digest(folder: Path) -> dict:
    "SHA-256 of every file under `folder` (empty when there is none)."
    files = sorted(p for p in Path(folder).rglob('*') if p.is_file()) if Path(folder).exists() else []
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def case(name: str, args: list, watch: tuple = (), limit: int | None = None, timeout: int = 600):
    "Run one command; print its status, traceback, whether the watched folders changed, and its last line."
    before = [digest(w) for w in watch]
    pre = None if limit is None else (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    r = call(args, capture_output=True, text=True, timeout=timeout, preexec_fn=pre)
    kept = before == [digest(w) for w in watch]
    tb = 'Traceback' in r.stderr
    said = r.stdout if r.returncode == 0 else r.stderr  # a finished run's last word, or the refusal
    lines = [x for x in said.strip().splitlines() if x.strip()] or ['(nothing)']
    skips = [x.strip() for x in r.stdout.splitlines() if re.match(r'\s*(\d+ skipped:|/.*: )', x)]
    SAID['cases'] += 1
    SAID['tracebacks'] += tb
    SAID['changed'] += not kept
    print(f"{name}: exit {r.returncode}, traceback {'YES' if tb else 'no'}, inputs {'kept' if kept else 'CHANGED'}")
    for x in [*skips[:1], lines[-1]]:
        print(f"    {x[:240]}", flush=True)
    return r


class Scratch:
    "A temporary folder with a base set (5 simulations x 2 dumps of 64 px) and copies of it to spoil."

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix='disk_ae_battery_'))
        self.base = self.root / 'base'
        call([BIN / 'disk_ae_synth', self.base, '--sims', 5, '--dumps', 2, '--npix', 64, '--quiet'], check=True)

    def copy(self, name: str, keep: int | None = None) -> Path:
        "A copy of the base set (its first `keep` FITS files only, when given)."
        d = self.root / name
        shutil.copytree(self.base, d)
        for p in sorted(d.glob('*.fits'))[keep:] if keep is not None else []:
            p.unlink()
        return d

    def out(self, name: str) -> Path:
        "An output folder's path in the scratch folder (not made)."
        return self.root / name


def run_tiny(data, out, *more):
    "disk_ae_run's arguments for the tiny preset."
    return [BIN / 'disk_ae_run', *([] if data is None else [data]), '--out', out, '--preset', 'tiny', *more]


def train_small(data, out, *more):
    "disk_ae_train's arguments for two folds of one epoch at 32 px."
    return [BIN / 'disk_ae_train', data, '--out', out, '--folds', 2, '--epochs', 1, '--size', 32, '--quiet', *more]


def folders(s: Scratch):
    "Someone's files where the commands would write, and empty or odd paths."
    o = s.out('user_out')
    (o / 'data').mkdir(parents=True)
    for p in sorted(s.base.glob('*.fits'))[:6]:
        shutil.copy(p, o / 'data' / p.name)
    case('run --out P, P/data holds FITS files', run_tiny(None, o), watch=[o])
    d = s.out('user_synth')
    d.mkdir()
    for p in sorted(s.base.glob('*.fits'))[:3]:
        shutil.copy(p, d / p.name)
    synth = [BIN / 'disk_ae_synth', d, '--sims', 1, '--dumps', 2, '--npix', 64]
    case('synth into a folder of FITS files', synth, watch=[d])
    theirs = s.out('theirs')
    theirs.mkdir()
    for name in ('notes.txt', 'candidates.csv', 'metrics.json'):
        (theirs / name).write_text('mine')
    case('run --out a folder of notes', run_tiny(s.base, theirs), watch=[theirs, s.base])
    case('find --out a folder of notes', [BIN / 'disk_ae_find', s.base, '--out', theirs], watch=[theirs, s.base])
    case('train --out a folder of notes', train_small(s.base, theirs), watch=[theirs, s.base])
    case('run --out DATA', run_tiny(s.base, s.base), watch=[s.base])
    case('find --out DATA/x', [BIN / 'disk_ae_find', s.base, '--out', s.base / 'x'], watch=[s.base])
    for prog in ('disk_ae_run', 'disk_ae_train', 'disk_ae_find', 'disk_ae_synth'):
        case(f'{prog} ""', [BIN / prog, ''])
    case('run --out ""', run_tiny(s.base, ''), watch=[s.base])
    case('run --out /proc/self', run_tiny(s.base, '/proc/self'), watch=[s.base])
    os.symlink(s.root / 'loop_b', s.root / 'loop_a')
    os.symlink(s.root / 'loop_a', s.root / 'loop_b')
    case('run DATA a link loop', run_tiny(s.root / 'loop_a', s.out('o_loop')))
    case('run --out a link loop', run_tiny(s.base, s.root / 'loop_a'), watch=[s.base])
    evaluate = [BIN / 'disk_ae_train', s.base, '--out', s.out('nothing'), '--evaluate']
    case('train --evaluate on an empty folder', evaluate)


def labels(s: Scratch):
    "labels.csv with columns missing, garbage, cut short, or counts that are no counts."
    d = s.copy('few_cols')
    rows = list(csv.DictReader(open(d / 'labels.csv')))
    keep = ['file', 'sim', 'dump', 'n_visible', 'incl_deg']
    with open(d / 'labels.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, keep)
        w.writeheader()
        w.writerows({k: r[k] for k in keep} for r in rows)
    case('labels.csv with five columns', run_tiny(d, s.out('o_few_cols')), watch=[d])
    bad = {'garbage': b'\x00\x01\x02garbage\xff\n', 'negative count': b'file,n_visible\nplanet0_00100_1250.fits,-1\n'}
    for name, text in bad.items():
        d = s.copy(name.replace(' ', '_'))
        (d / 'labels.csv').write_bytes(text)
        case(f'labels.csv: {name}', run_tiny(d, s.out(f'o_{d.name}')), watch=[d])
    d = s.copy('cut_short')
    t = (d / 'labels.csv').read_bytes()
    (d / 'labels.csv').write_bytes(t[: len(t) // 2])
    case('labels.csv cut short', run_tiny(d, s.out('o_cut_short')), watch=[d])


def images(s: Scratch):
    "Too few images, corrupt pixel values, copies, mixed sizes, long names, links to nothing."
    for n, more in ((2, ['--folds', 1]), (3, []), (6, [])):
        d = s.copy(f'only{n}', n)
        case(f'{n} images {" ".join(map(str, more))}', run_tiny(d, s.out(f'o_only{n}'), *more), watch=[d])
    for dtype, value in ((np.float64, 1e300), (np.float32, 3e38)):
        d = s.copy(f'spike_{dtype.__name__}')
        p = sorted(d.glob('*.fits'))[3]
        with fits.open(p) as h:
            hdr, x = h[0].header.copy(), h[0].data.astype(dtype)
        x[(0,) * (x.ndim - 2)][20, 27] = value
        fits.PrimaryHDU(x, hdr).writeto(p, overwrite=True)
        case(f'one pixel of {value:g} ({dtype.__name__})', run_tiny(d, s.out(f'o_{d.name}')), watch=[d])
        case('  find on it', [BIN / 'disk_ae_find', d, '--out', s.out(f'f_{d.name}')], watch=[d])
    d = s.copy('copies')
    shutil.copy(d / 'planet0_00100_1250.fits', d / 'planet0_00100_1250 (1).fits')
    case('a copy of a file', run_tiny(d, s.out('o_copies')), watch=[d])
    d = s.root / 'mixed'
    call([BIN / 'disk_ae_synth', d / 'a', '--sims', 4, '--dumps', 2, '--npix', 128, '--quiet'], check=True)
    call([BIN / 'disk_ae_synth', d / 'b', '--sims', 4, '--dumps', 2, '--npix', 64, '--seed', 1, '--quiet'], check=True)
    for sub in ('a', 'b'):
        for p in sorted((d / sub).glob('*.fits')):
            p.rename(d / f'{sub}_{p.name}')
        shutil.rmtree(d / sub)
    case('8 images of 128 px and 8 of 64 px', run_tiny(d, s.out('o_mixed')), watch=[d])
    d = s.copy('long_name')
    (d / 'planet0_00100_1250.fits').rename(d / ('planet0_00100_1250_' + 'x' * 215 + '.fits'))
    case('a 239-character file name', run_tiny(d, s.out('o_long')), watch=[d])
    d = s.copy('odd_entries')
    (d / 'folder.fits').mkdir()
    os.symlink(s.root / 'gone.fits', d / 'link.fits')
    case('a folder and a link to nothing named .fits', [BIN / 'disk_ae_find', d, '--out', s.out('f_odd')], watch=[d])
    d = s.copy('broken4')
    for p in sorted(d.glob('*.fits'))[:4]:
        p.write_bytes(b'not fits at all')
    case('6 good and 4 broken files', run_tiny(d, s.out('o_broken4')), watch=[d])


def arguments(s: Scratch):
    "Seeds, sizes and distances out of range."
    for prog, args in (('disk_ae_run', run_tiny(s.base, s.out('o_seed'), '--seed', -1)),
                       ('disk_ae_synth', [BIN / 'disk_ae_synth', s.out('s_seed'), '--seed', -1]),
                       ('disk_ae_find', [BIN / 'disk_ae_find', s.base, '--out', s.out('f_seed'), '--seed', -1]),
                       ('disk_ae_train', train_small(s.base, s.out('t_seed'), '--seed', -1))):
        case(f'{prog} --seed -1', args, watch=[s.base])
    case('run --size 100000', run_tiny(s.base, s.out('o_huge'), '--size', 100_000), watch=[s.base])
    case('run --size 4096 on 64 px', run_tiny(s.base, s.out('o_up'), '--size', 4096), watch=[s.base])
    case('find --distance inf', [BIN / 'disk_ae_find', s.base, '--out', s.out('f_inf'), '--distance', 'inf'])
    code = ("from disk_ae.data import load_disks\n"
            "for s in (0, -3, 2.5, '64', 1):\n"
            "    try:\n        load_disks(%r, size=s)\n        print('accepted', s)\n"
            "    except Exception as e:\n        print(type(e).__name__, e)\n") % str(s.base)
    r = call([BIN / 'python', '-c', code], capture_output=True, text=True)
    SAID['cases'] += 1
    SAID['tracebacks'] += 'Traceback' in r.stderr
    print(f"load_disks(size=0, -3, 2.5, '64', 1): {sum('UsageError' in x for x in r.stdout.splitlines())} of 5 refused")


def ckpt(s: Scratch):
    "A shared run whose checkpoints were crafted to run code when loaded."
    o = s.out('shared_run')
    case('a tiny run to share', run_tiny(s.base, o), watch=[s.base])
    ran = s.root / 'PAYLOAD_RAN'
    script = ("import os, sys, torch\nclass P:\n    def __reduce__(self):\n        return (os.system, ('touch %s',))\n"
              "for f in sys.argv[1:]:\n    torch.save({'split': {'fold': 0}, 'model': P()}, f)\n") % ran
    call([BIN / 'python', '-c', script, *(o / 'run').glob('fold*/best.pt')], check=True)
    case('run on the crafted folds', run_tiny(s.base, o), watch=[s.base])
    case('train --evaluate on them', [BIN / 'disk_ae_train', s.base, '--out', o / 'run', '--evaluate'], watch=[s.base])
    print(f"    the payload ran: {ran.exists()}")
    SAID['changed'] += ran.exists()


def room(s: Scratch):
    "Read-only and full file systems (tmpfs, root only) and a file-size limit."
    case('run under a 200 kB file-size limit', run_tiny(s.base, s.out('o_fsize')), watch=[s.base], limit=200_000)
    if os.geteuid() != 0:
        print('not root: the read-only and full tmpfs cases are skipped')
        return
    for mb, opts in ((1, 'ro'), (1, ''), (6, '')):
        fs = s.root / f'fs{mb}{opts}'
        fs.mkdir()
        size = f"size={mb}m{',' + opts if opts else ''}"
        call(['mount', '-t', 'tmpfs', '-o', size, 'tmpfs', fs], check=True)
        try:
            what = f"{mb} MB {'read-only' if opts else 'full'} tmpfs"
            case(f'run on a {what}', run_tiny(s.base, fs / 'o'), watch=[s.base])
            case(f'synth on a {what}', [BIN / 'disk_ae_synth', fs / 's', '--sims', 5, '--dumps', 2, '--npix', 256])
            case(f'find on a {what}', [BIN / 'disk_ae_find', s.base, '--out', fs / 'f'], watch=[s.base])
            left = [p for p in fs.rglob('*.tmp')]
            print(f"    temporaries left: {len(left)}")
        finally:
            call(['umount', fs])


GROUPS = {'folders': folders, 'labels': labels, 'images': images, 'arguments': arguments, 'ckpt': ckpt, 'room': room}

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('groups', nargs='*', help=f"groups of cases: {', '.join(GROUPS)} (default: all)")
    a = ap.parse_args()
    if unknown := set(a.groups) - set(GROUPS):
        ap.error(f"unknown group {', '.join(sorted(unknown))}; one of {', '.join(GROUPS)}")
    s = Scratch()
    for name in a.groups or GROUPS:
        print(f"## {name}", flush=True)
        GROUPS[name](s)
    print(f"{SAID['cases']} cases: {SAID['tracebacks']} with a traceback, {SAID['changed']} with an input changed "
          f"(scratch folder {s.root})")
