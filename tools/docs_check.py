"""Docs check where Quarto is not available: render the notebooks as nbdev processes them, open every page in headless
Chromium, and fail on a missing image, a broken internal link or a Python error shown in an output; save a screenshot of each.

Usage (via tools/docs_check.sh): python tools/docs_check.py [--out _docs_check] [--report runs/demo/report.html]
Pages: nbdev_proc_nbs processes nbs/ into _proc/ (directives applied, hidden cells removed); nbconvert renders each notebook of
the sidebar to HTML (links to .ipynb rewritten to .html, as Quarto does); Selenium drives Debian's chromium + chromedriver."""
import argparse, re, shutil, subprocess, sys, threading, functools, http.server, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def sidebar_pages() -> list:
    "Notebook names in the sidebar order of nbs/sidebar.yml."
    return re.findall(r'-\s+(\S+\.ipynb)', (ROOT / 'nbs' / 'sidebar.yml').read_text())

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
const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
  .filter(h => h && !h.startsWith('#') && !/^[a-z]+:/i.test(h));
const errs = [...document.querySelectorAll('.jp-OutputArea-output, .output_error, .output_area')]
  .map(e => e.innerText).filter(t => /Traceback \\(most recent call last\\)|^\\w*Error: /m.test(t)).map(t => 'python error: ' + t.slice(0, 200));
return {bad: bad.concat(errs), links: links, height: document.body.scrollHeight};
"""

def check(out: Path, pages: list, shots: Path) -> list:
    "Open every page in headless Chromium; return the problems found."
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
    problems = []
    try:
        for p in pages:
            drv.get(base + p)
            r = drv.execute_script(JS_CHECK)
            problems += [f'{p}: {b}' for b in r['bad']]
            for h in r['links']:
                target = (out / Path(p).parent / h.split('#')[0]).resolve()
                if h.split('#')[0] and not target.exists(): problems.append(f'{p}: broken internal link {h}')
            drv.set_window_size(1200, min(max(r['height'], 900), 16000))
            drv.save_screenshot(str(shots / (Path(p).stem + '.png')))
            print(f'checked {p}: {len(r["links"])} internal links, height {r["height"]} px', flush=True)
    finally:
        drv.quit(); srv.shutdown()
    return problems

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--out', default=str(ROOT / '_docs_check')); ap.add_argument('--report', default=None)
    a = ap.parse_args()
    out = Path(a.out); shutil.rmtree(out, ignore_errors=True); (out / 'screenshots').mkdir(parents=True)
    t0 = time.perf_counter(); pages = render(out); print(f"rendered {len(pages)} pages in {time.perf_counter() - t0:.0f} s", flush=True)
    if a.report:
        rep = Path(a.report)
        shutil.copytree(rep.parent / 'figures', out / 'report' / 'figures'); shutil.copy(rep, out / 'report' / 'report.html')
        pages.append('report/report.html')
    problems = check(out, pages, out / 'screenshots')
    for p in problems: print('PROBLEM', p)
    print(f"docs check: {len(pages)} pages, {len(problems)} problems; screenshots in {out / 'screenshots'}")
    print(f"pages: {len(pages) - len({p.split(':')[0] for p in problems})} passed, {len({p.split(':')[0] for p in problems})} failed")
    sys.exit(1 if problems else 0)
