"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does where Quarto is installed; Quarto is not on our machines).

Markdown cells are copied; code cells become ```python blocks (cells marked `#| hide` are left out, `#|` directives are
stripped; `#| echo: false` cells show only their output); markdown outputs are copied as they are, text outputs follow in blocks. Run by tools/execute.sh and checked by .ci/run.
Links to chapters become links to the published docs (settings.ini's doc_host and doc_baseurl), which work on GitHub."""
import configparser, json, re, sys
from pathlib import Path

def docs_url(root:Path) -> str:
    "The published docs' address from settings.ini (doc_host + doc_baseurl)."
    c = configparser.ConfigParser(); c.read(root/'settings.ini')
    return c['DEFAULT']['doc_host'].rstrip('/') + '/' + c['DEFAULT']['doc_baseurl'].strip('/')

def link_chapters(md:str, base:str) -> str:
    "Chapter links (`NN_name.ipynb#anchor`) as addresses of the published pages, named as nbdev names them (`name.html#anchor`)."
    page = lambda m: f"]({base}/{re.sub(r'^[0-9]+[a-zA-Z0-9]*_', '', m[1].lower())}.html{m[2] or ''})"
    return re.sub(r'\]\(([0-9]+[a-zA-Z0-9]*_[A-Za-z0-9_]+|index)\.ipynb(#[^)]*)?\)', page, md)

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
    text = link_chapters(render(json.loads((root/'nbs'/'index.ipynb').read_text())), docs_url(root))
    dest = root/'README.md'
    if '--check' in sys.argv:
        if not dest.exists() or dest.read_text() != text: sys.exit('README.md is out of date: run `python tools/readme.py`')
    else:
        tmp = dest.with_suffix('.md.tmp'); tmp.write_text(text); tmp.replace(dest)
