"""Docs check where Quarto is not available: render the notebooks as nbdev processes them, open every page in headless
Chromium, and fail on a missing image, a link or anchor that does not resolve (between chapters, to the published address of a
chapter, to a source line on the repository), a Python error or a warning shown in an output, or a chapter with fewer figures
than `tools/docs_figures.json` records; save a screenshot of each page (kept in OUT/screenshots) and remove `_proc/` afterwards.

Usage (via tools/docs_check.sh): python tools/docs_check.py [--out _docs_check] [--report runs/demo/report.html] [--record-figures]
Pages: nbdev_proc_nbs processes nbs/ into _proc/ (directives applied, hidden cells removed); nbconvert renders each notebook of
the sidebar to HTML (links to .ipynb rewritten to .html, as Quarto does); Selenium drives Debian's chromium + chromedriver."""
import argparse, configparser, json, re, shutil, subprocess, sys, threading, functools, http.server, time
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

def executed_at_build() -> list:
    "Cells that nbdev's docs processing would run besides imports, exported definitions and show_doc calls (demo or test code)."
    import ast
    from nbdev.process import NBProcessor
    from nbdev.processors import _do_eval
    found = []
    for nb in sidebar_pages():
        for c in NBProcessor(ROOT / 'nbs' / nb, procs=[]).nb.cells:
            if c.cell_type != 'code' or not c.source or c.directives_.keys() & {'export', 'exports', 'exporti', 'exec_doc'}: continue
            trees = c.parsed_()
            if _do_eval(c) and not all(isinstance(t, (ast.Import, ast.ImportFrom)) for t in trees) and 'show_doc' not in c.source:
                found.append(f"{nb}: cell {c.idx_} would be executed by the docs build (imports and other code in one cell): "
                             + c.source.strip().splitlines()[0][:80])
    return found

def render(out: Path) -> list:
    "Process the notebooks as nbdev does and render them to HTML pages in `out`; returns the page names."
    import nbformat
    from nbconvert import HTMLExporter
    subprocess.run([str(ROOT / '.venv' / 'bin' / 'nbdev_proc_nbs')], cwd=ROOT, check=True, capture_output=True)
    proc = ROOT / '_proc'
    exp = HTMLExporter(template_name='lab')
    pages = []
    for nb in sidebar_pages():
        src = proc / nb
        if not src.exists(): sys.exit(f"docs check: {nb} is in nbs/sidebar.yml but not in {proc}")
        body, _ = exp.from_notebook_node(nbformat.read(src, as_version=4))
        body = re.sub(r'href="([^"#:]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m[1]}.html{m[2] or ""}"', body)
        name = 'index.html' if nb == 'index.ipynb' else nb.replace('.ipynb', '.html')
        (out / name).write_text(body)
        pages.append(name)
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
return {bad: bad.concat(errs, [...new Set(warns)]), links: links, ids: ids, images: document.images.length, height: document.body.scrollHeight};
"""

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
            r = drv.execute_script(JS_CHECK); seen[p] = r
            problems += [f'{p}: {b}' for b in r['bad']]
            drv.set_window_size(1200, min(max(r['height'], 900), 16000))
            drv.save_screenshot(str(shots / (Path(p).stem + '.png')))
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
