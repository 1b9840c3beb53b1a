"""A ratchet on numbers typed into prose: a decimal in a chapter's markdown (or README) that none of the records the
file names (`nbs/results/NAME.json`, cited anywhere in it) holds at the precision it is written is hand-typed, and can
drift from the record it came from. No file may gain one.
`python tools/prose_numbers.py` checks against tools/prose_numbers.json (run by .ci/run); `--list FILE` prints that
file's unmatched decimals with their context; `--update` writes the counts (when they fall, never to let them rise).
Parameters and physical constants in prose (a beam of 0.03-0.15 arcsec) count too: render them from the code, or accept
them in the baseline with a reason in the commit."""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / 'tools' / 'prose_numbers.json'
DECIMAL = re.compile(r'(?<![\w.\-/])-?\d+\.\d+(?![\w.])')


def record_numbers(names:set) -> set:
    "Every number in the named JSON records of nbs/results, written at 1 to 4 decimals (and as it is stored)."
    out = set()
    def walk(v):
        if isinstance(v, dict): [walk(x) for x in v.values()]
        elif isinstance(v, list): [walk(x) for x in v]
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out.update(f"{v:.{k}f}" for k in range(1, 5))
            out.add(repr(v))
    for p in sorted((ROOT / 'nbs' / 'results').rglob('*.json')):
        if p.name in names: walk(json.loads(p.read_text()))
    return out


def cited(path:Path) -> set:
    "The record names (NAME.json) a file mentions anywhere (prose or code)."
    return set(re.findall(r'([\w.-]+\.json)', path.read_text()))


def prose(path:Path) -> str:
    "The markdown cells of a notebook, or a markdown file's text without its code blocks and tables' code."
    if path.suffix == '.ipynb':
        cells = json.loads(path.read_text())['cells']
        return '\n'.join(''.join(c['source']) for c in cells if c['cell_type'] == 'markdown')
    return re.sub(r'```.*?```', '', path.read_text(), flags=re.S)


def files() -> list:
    "The chapters and README."
    return sorted(ROOT.glob('nbs/*.ipynb')) + [ROOT / 'README.md']


def unmatched(path:Path) -> list:
    "The decimals of a file's prose that none of its cited records holds, with some context."
    text, known = prose(path), record_numbers(cited(path))
    return [(m.group(), text[max(0, m.start() - 40):m.end() + 20].replace('\n', ' ')) for m in DECIMAL.finditer(text)
            if m.group().lstrip('-') not in known]


if __name__ == '__main__':
    if '--list' in sys.argv:
        for n, ctx in unmatched(ROOT / sys.argv[sys.argv.index('--list') + 1]): print(f"{n:>10}  ...{ctx}...")
        sys.exit(0)
    now = {str(p.relative_to(ROOT)): len(unmatched(p)) for p in files()}
    if '--update' in sys.argv:
        BASE.write_text(json.dumps(now, indent=1) + '\n'); print(f"wrote {BASE.relative_to(ROOT)}"); sys.exit(0)
    base = json.loads(BASE.read_text())
    worse = [f"{f}: {n} decimals in prose that no cited record holds (was {base.get(f, 0)})" for f, n in now.items()
             if n > base.get(f, 0)]
    print(f"[prose numbers] {sum(now.values())} decimals in prose that no cited record holds, in {len(now)} files")
    if worse: print('[prose numbers] FAIL: more than before in\n  ' + '\n  '.join(worse)); sys.exit(1)
