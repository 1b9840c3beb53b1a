"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does where Quarto is installed; Quarto is not on our machines).

Markdown cells are copied; code cells become ```python blocks (cells marked `#| hide` are left out, `#|` directives are
stripped; `#| echo: false` cells show only their output); markdown outputs are copied as they are, text outputs follow in blocks. Run by tools/execute.sh and checked by .ci/run."""
import json, sys
from pathlib import Path

def cell_text(c): return ''.join(c['source'])

def render(nb:dict) -> str:
    out = []
    for c in nb['cells']:
        src = cell_text(c)
        lines = src.splitlines()
        directives = [l for l in lines if l.startswith('#|')]
        if any('hide' in l or 'include: false' in l for l in directives): continue
        body = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
        if c['cell_type'] == 'markdown': out.append(body)
        elif body:
            if not any('echo: false' in l for l in directives): out.append(f"```python\n{body}\n```")
            for o in c.get('outputs', []):
                md = ''.join(o.get('data', {}).get('text/markdown', ''))
                if md.strip(): out.append(md.rstrip()); continue       # rendered tables stay tables
                txt = ''.join(o.get('text', '')) or ''.join(o.get('data', {}).get('text/plain', ''))
                if txt.strip(): out.append(f"```\n{txt.rstrip()}\n```")
    return '<!-- Generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file. -->\n\n' + '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    root = Path(__file__).resolve().parents[1]
    text = render(json.loads((root/'nbs'/'index.ipynb').read_text()))
    dest = root/'README.md'
    if '--check' in sys.argv:
        if not dest.exists() or dest.read_text() != text: sys.exit('README.md is out of date: run `python tools/readme.py`')
    else:
        tmp = dest.with_suffix('.md.tmp'); tmp.write_text(text); tmp.replace(dest)
