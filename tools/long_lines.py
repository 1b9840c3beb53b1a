"""A ratchet on the code standard: no file of the package or the benchmarks may gain a line over 120 characters or a line
that joins statements with ';'. `python tools/long_lines.py` checks against tools/long_lines.json (run by .ci/run);
`--update` writes the current counts there (do it when they fall, never to let them rise)."""
import io, json, sys, tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / 'tools' / 'long_lines.json'
LIMIT = 120


def files() -> list:
    "The package's modules (not the generated index) and the benchmark scripts."
    return sorted(p for p in [*(ROOT / 'disk_ae').glob('*.py'), *(ROOT / 'benchmarks').glob('*.py')] if p.name != '_modidx.py')


def joined(src:str) -> int:
    "Lines holding a ';' that separates statements (not one inside a string or a comment)."
    toks = tokenize.generate_tokens(io.StringIO(src).readline)
    return len({t.start[0] for t in toks if t.type == tokenize.OP and t.string == ';'})


def generated_all(src:str) -> set:
    "Line numbers (1-based) of the `__all__` list that nbdev writes (it wraps at 120 after the 10-character `__all__ = `)."
    import ast
    found = [n for n in ast.parse(src).body if isinstance(n, ast.Assign) and getattr(n.targets[0], 'id', '') == '__all__']
    return {i for n in found for i in range(n.lineno, n.end_lineno + 1)}


def counts() -> dict:
    "file -> [lines over the limit (nbdev's generated `__all__` aside), lines joining statements]."
    out = {}
    for p in files():
        src = p.read_text()
        skip = generated_all(src)
        long = sum(len(l) > LIMIT and i not in skip for i, l in enumerate(src.splitlines(), 1))
        out[str(p.relative_to(ROOT))] = [long, joined(src)]
    return out


if __name__ == '__main__':
    now = counts()
    if '--update' in sys.argv:
        BASE.write_text(json.dumps(now, indent=1) + '\n'); print(f"wrote {BASE.relative_to(ROOT)}"); sys.exit(0)
    base = json.loads(BASE.read_text())
    worse = [f"{f}: {n[0]} lines over {LIMIT} characters (was {base.get(f, [0, 0])[0]}), {n[1]} joined with ';' "
             f"(was {base.get(f, [0, 0])[1]})" for f, n in now.items() if any(a > b for a, b in zip(n, base.get(f, [0, 0])))]
    total = [sum(v[i] for v in now.values()) for i in (0, 1)]
    print(f"[long lines] {total[0]} lines over {LIMIT} characters and {total[1]} joined with ';' in {len(now)} files")
    if worse: print('[long lines] FAIL: more than before in\n  ' + '\n  '.join(worse)); sys.exit(1)
