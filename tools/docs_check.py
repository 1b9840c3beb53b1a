"""Docs check where Quarto is not available: render the notebooks as nbdev processes them, open every page in headless
Chromium, and fail on a missing image, a link or anchor that does not resolve (between chapters, to the published address of a
chapter, to a source line on the repository), a Python error or a warning shown in an output, or a chapter with fewer figures
than `tools/docs_figures.json` records; save a screenshot of each page (kept in OUT/screenshots) and remove `_proc/` afterwards.

Usage (via tools/docs_check.sh): python tools/docs_check.py [--out _docs_check] [--report runs/demo/report.html] [--record-figures]
Pages: nbdev_proc_nbs processes nbs/ into _proc/ (directives applied, hidden cells removed); each notebook of the sidebar is then
shown as Quarto shows it (`as_quarto`: the front matter as title and description, `echo: false` inputs hidden, cell directives
stripped, link attributes applied, no prompts) and rendered to HTML by nbconvert (links to .ipynb rewritten to .html); Selenium
drives Debian's chromium + chromedriver; screenshots are the whole page, stitched from tiles. A page fails when such markup
leaks into its text (`LEAKS`)."""
import argparse, base64, configparser, io, json, re, shutil, subprocess, sys, threading, functools, http.server, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / 'tools' / 'docs_figures.json'
CFG = configparser.ConfigParser(); CFG.read(ROOT / 'settings.ini'); CFG = CFG['DEFAULT']
SITE = CFG['doc_host'].rstrip('/') + CFG['doc_baseurl'].rstrip('/') + '/'
SOURCE = CFG['git_url'].rstrip('/') + '/blob/' + CFG.get('branch', 'main') + '/'

def site_name(page:str) -> str:
    "The published file name of a rendered page: nbdev drops a chapter's number prefix (00_data.html -> data.html)."
    return re.sub(r'^\d+[a-z]?_', '', page)

def sidebar_pages() -> list:
    "Notebook names in the sidebar order of nbs/sidebar.yml."
    return re.findall(r'-\s+(\S+\.ipynb)', (ROOT / 'nbs' / 'sidebar.yml').read_text())

def readme_blocks() -> set:
    "README's Python blocks: the index's quick start, which must run as copied (imports and all; the index chapter tests it)."
    return {b.strip() for b in re.findall(r"```python\n(.*?)```", (ROOT / 'README.md').read_text(), re.S)}


def executed_at_build() -> list:
    "Cells that nbdev's docs processing would run besides imports, exported definitions and show_doc calls (demo or test code)."
    import ast
    from nbdev.process import NBProcessor
    from nbdev.processors import _do_eval
    found, copied = [], readme_blocks()
    for nb in sidebar_pages():
        for c in NBProcessor(ROOT / 'nbs' / nb, procs=[]).nb.cells:
            if c.cell_type != 'code' or not c.source or c.directives_.keys() & {'export', 'exports', 'exporti', 'exec_doc'}: continue
            if nb == 'index.ipynb' and c.source.strip() in copied: continue   # self-contained by its test; runs at build
            trees = c.parsed_()
            if _do_eval(c) and not all(isinstance(t, (ast.Import, ast.ImportFrom)) for t in trees) and 'show_doc' not in c.source:
                found.append(f"{nb}: cell {c.idx_} would be executed by the docs build (imports and other code in one cell): "
                             + c.source.strip().splitlines()[0][:80])
    return found

FRONT = re.compile(r'^---\n(.*?)\n---', re.S)   # a page's YAML front matter (nbdev writes it as the first, raw cell)
ATTRS = re.compile(r'(\]\([^)\s]*\))\{[^}\n]*\}')   # [text](url){target="_blank" ...}: Quarto's link attributes


def directives(src:str) -> dict:
    "A code cell's Quarto directives (`#| key: value` lines) as strings."
    found = (re.match(r'#\|\s*([\w-]+):\s*(.*)', line) for line in src.splitlines())
    return {m[1]: m[2].strip() for m in found if m}


def front_cell(src:str):
    "The markdown cell Quarto makes of a front matter: the title as the page's heading, the description below it."
    import nbformat, yaml
    meta = yaml.safe_load(FRONT.match(src.strip())[1]) or {}
    text = f"# {meta.get('title', '')}" + (f"\n\n{meta['description']}" if meta.get('description') else '')
    return nbformat.v4.new_markdown_cell(text)


def quarto_code(c):
    "A code cell as Quarto shows it (None when `include: false`): directives stripped, input hidden for `echo: false`."
    d = directives(c.source)
    if d.get('include') == 'false': return None
    c.source = '\n'.join(line for line in c.source.splitlines() if not line.startswith('#|'))
    if d.get('echo') == 'false': c.metadata['transient'] = {'remove_source': True}
    if d.get('output') == 'false': c.outputs = []
    for o in c.outputs:
        if 'text/markdown' in o.get('data', {}): o['data']['text/markdown'] = ATTRS.sub(r'\1', o['data']['text/markdown'])
    return c


def as_quarto(nb):
    "A processed notebook as Quarto would show it, for nbconvert (which knows none of Quarto's markup)."
    cells = []
    for c in nb.cells:
        if c.cell_type == 'raw' and FRONT.match(c.source.strip()): c = front_cell(c.source)
        elif c.cell_type == 'markdown': c.source = ATTRS.sub(r'\1', c.source)
        elif c.cell_type == 'code': c = quarto_code(c)
        if c is not None: cells.append(c)
    nb.cells = cells
    return nb


def render(out: Path) -> list:
    "Process the notebooks as nbdev does and render them to HTML pages in `out`; returns the page names."
    import nbformat
    from nbconvert import HTMLExporter
    r = subprocess.run([str(ROOT / '.venv' / 'bin' / 'nbdev_proc_nbs')], cwd=ROOT, capture_output=True, text=True)
    if r.returncode: sys.exit("docs check: the docs build fails (nbdev_proc_nbs):\n" + r.stderr[-3000:])
    proc = ROOT / '_proc'
    exp = HTMLExporter(template_name='lab', exclude_input_prompt=True, exclude_output_prompt=True)
    pages = []
    for nb in sidebar_pages():
        src = proc / nb
        if not src.exists(): sys.exit(f"docs check: {nb} is in nbs/sidebar.yml but not in {proc}")
        body, _ = exp.from_notebook_node(as_quarto(nbformat.read(src, as_version=4)))
        body = re.sub(r'href="([^"#:]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m[1]}.html{m[2] or ""}"', body)
        name = 'index.html' if nb == 'index.ipynb' else nb.replace('.ipynb', '.html')
        (out / name).write_text(body)
        pages.append(name)
    for folder in ('images', 'results'):   # what the pages link to, beside them as on the site
        shutil.copytree(ROOT / 'nbs' / folder, out / folder, dirs_exist_ok=True)
    return pages

JS_CHECK = """
const bad = [];
for (const img of document.images) { if (!img.complete || img.naturalWidth === 0) bad.push('missing image: ' + (img.getAttribute('src') || '').slice(0, 80)); }
const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => h);
const errs = [...document.querySelectorAll('.jp-OutputArea-output, .output_error, .output_area')]
  .map(e => e.innerText).filter(t => /Traceback \\(most recent call last\\)|^\\w*Error: /m.test(t)).map(t => 'python error: ' + t.slice(0, 200));
const warns = [...document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output pre, .output_area pre')]
  .map(e => e.innerText).filter(t => /Warning\\b|WARNING|^\\s*warn/m.test(t)).map(t => 'warning in an output: ' + t.slice(0, 160));
const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
const text = document.body.innerText;
const leaks = LEAKS.filter(([re, why]) => new RegExp(re, 'm').test(text)).map(([re, why]) => 'markup shown as text: ' + why);
return {bad: bad.concat(errs, [...new Set(warns)], leaks), links: links, ids: ids, images: document.images.length, height: document.body.scrollHeight};
"""

# Quarto's markup that must never reach a reader as text: (pattern over the page's text, what it is)
LEAKS = [[r'\{target="_blank"', 'link attributes {target=...}'], [r'^#\| ', 'a cell directive (#| ...)'],
         [r'^(output-file|title|description): ', 'front matter'], [r'^In \[\d*\]:', 'input prompts'],
         [r'show_doc\(', 'a show_doc call']]


def has_anchor(ids:list, anchor:str, exact:bool) -> bool:
    "Whether a page has the element an anchor names (Quarto lowercases heading ids, so published links match without case)."
    return not anchor or anchor in ids or (not exact and anchor.lower() in {i.lower() for i in ids})

def source_line(path:str, anchor:str) -> bool:
    "Whether a repository link (path#Ln) names a file of this checkout that has that line."
    f = ROOT / path
    if not f.is_file(): return False
    m = re.fullmatch(r'L(\d+)', anchor or '')
    return not m or int(m[1]) <= len(f.read_text().splitlines())

def unresolved(h:str, page:str, seen:dict) -> str:
    "Why link `h` on `page` does not resolve ('' when it does, or when it leaves the project and cannot be checked here)."
    target, _, anchor = h.partition('#')
    by_site = {site_name(q): q for q in seen}
    if h.startswith(SOURCE): return '' if source_line(target[len(SOURCE):], anchor) else 'broken source link'
    if h.startswith(SITE):
        q = by_site.get(target[len(SITE):] or 'index.html')
        return 'broken link to the published docs' if q is None else ('' if has_anchor(seen[q]['ids'], anchor, False) else 'missing anchor')
    if re.match(r'^[a-z]+:', h, re.I): return ''
    q = str((Path(page).parent / target).as_posix()) if target else page
    if q not in seen: return '' if (ROOT / 'nbs' / target).exists() and not target.endswith('.html') else 'broken internal link'
    return '' if has_anchor(seen[q]['ids'], anchor, True) else 'missing anchor'

def figure_drops(counts:dict) -> list:
    "Pages with fewer figures than tools/docs_figures.json records."
    want = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    return [f'{p}: {counts.get(p, 0)} figures, {n} recorded (tools/docs_figures.json)' for p, n in want.items() if counts.get(p, 0) < n]

def full_screenshot(drv, path:Path, tile:int=4000):
    "The whole page, however tall: tiles captured beyond the viewport (Chromium's DevTools protocol), stitched."
    from PIL import Image
    w, h = drv.execute_script('return [document.documentElement.clientWidth, document.documentElement.scrollHeight]')
    parts = []
    for y in range(0, h, tile):
        clip = dict(x=0, y=y, width=w, height=min(tile, h - y), scale=1)
        shot = drv.execute_cdp_cmd('Page.captureScreenshot', dict(format='png', captureBeyondViewport=True, clip=clip))
        parts.append(Image.open(io.BytesIO(base64.b64decode(shot['data']))))
    page = Image.new('RGB', (w, sum(im.height for im in parts)), 'white')
    for k, im in enumerate(parts): page.paste(im, (0, k * tile))
    page.save(path)
    return page.size


def check(out: Path, pages: list, shots: Path) -> tuple:
    "Open every page in headless Chromium; return the problems found and the figure count of each page."
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    handler = functools.partial(Quiet, directory=str(out))
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f'http://127.0.0.1:{srv.server_port}/'
    opts = webdriver.ChromeOptions()
    for a in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
              '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=1200,900'):
        opts.add_argument(a)
    opts.binary_location = shutil.which('chromium') or '/usr/bin/chromium'
    drv = webdriver.Chrome(service=Service(shutil.which('chromedriver') or '/usr/bin/chromedriver'), options=opts)
    problems, seen = [], {}
    try:
        for p in pages:
            drv.get(base + p)
            r = drv.execute_script('const LEAKS = ' + json.dumps(LEAKS) + ';\n' + JS_CHECK)
            seen[p] = r
            problems += [f'{p}: {b}' for b in r['bad']]
            full_screenshot(drv, shots / (Path(p).stem + '.png'))
            print(f'checked {p}: {len(r["links"])} links, {r["images"]} figures, height {r["height"]} px', flush=True)
    finally:
        drv.quit(); srv.shutdown()
    for p, r in seen.items(): problems += [f'{p}: {why} {h}' for h in r['links'] if (why := unresolved(h, p, seen))]
    return problems, {p: r['images'] for p, r in seen.items()}
    return problems

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--out', default=str(ROOT / '_docs_check')); ap.add_argument('--report', default=None)
    ap.add_argument('--record-figures', action='store_true', help='write the figure count of every page to tools/docs_figures.json')
    a = ap.parse_args(); had_proc = (ROOT / '_proc').exists()
    out = Path(a.out); shutil.rmtree(out, ignore_errors=True); (out / 'screenshots').mkdir(parents=True)
    t0 = time.perf_counter(); pages = render(out); print(f"rendered {len(pages)} pages in {time.perf_counter() - t0:.0f} s", flush=True)
    if not had_proc: shutil.rmtree(ROOT / '_proc', ignore_errors=True)
    if a.report:
        rep = Path(a.report)
        shutil.copytree(rep.parent / 'figures', out / 'report' / 'figures'); shutil.copy(rep, out / 'report' / 'report.html')
        pages.append('report/report.html')
    problems, counts = check(out, pages, out / 'screenshots')
    if a.record_figures: FIGURES.write_text(json.dumps({p: n for p, n in counts.items() if not p.startswith('report/')}, indent=1) + '\n')
    problems += figure_drops(counts) + executed_at_build()
    for p in problems: print('PROBLEM', p)
    print(f"docs check: {len(pages)} pages, {len(problems)} problems; screenshots in {out / 'screenshots'}")
    print(f"pages: {len(pages) - len({p.split(':')[0] for p in problems})} passed, {len({p.split(':')[0] for p in problems})} failed")
    sys.exit(1 if problems else 0)
