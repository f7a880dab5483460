"""Search benchmark: index size and speed at 1x, 10x and 100x the real content.

Usage: python -m bench.search [--factors 1 10 100] [--queries N] [--delay MS]

For each factor the real pages are copied into a temporary folder and
synthetic pages are added, built from the archived post's sentences in the
real pages' shape (headings and clauses with ids), until the text is that many
times the real one. Two strict builds of that content: this project's
configuration, and stock Material search (`vi`, no hooks or overrides for
search) for the size comparison. In Chromium over HTTP it then measures the
index build in the browser (the worker's setup message to its ready message)
and, typing queries key by key, the milliseconds from the last keystroke to
the rendered results. Prints one Markdown table. Numbers are reported, never
asserted.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.browser import launch_options
from scripts.build_site import CONFIG, ROOT, mkdocs_build
from scripts.check_content import read_config

SOURCE = ROOT / "archive" / "000_6e4504a7be753a4b.txt"
DOCS_DIR = ROOT / "docs"
LABELS = ["a", "b", "c", "d", "đ", "e", "g", "h"]
QUERIES = [
    "van hoa cong vu", "tham nhung dan tri", "dich vu cong truc tuyen", "uy ban mat tran",
    "cải cách hành chính", "855/KH-UBND", "PAPI", "tuyen tru", "phan bien xa hoi", "69,5",
]

# Wraps Material's worker to time the index build: setup message -> ready message.
_TIME_WORKER = """
(() => {
  const Native = window.Worker;
  window.__bench = {};
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("message", event => {
        if (event.data && event.data.type === 1) window.__bench.ready = performance.now();
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 0) window.__bench.setup = performance.now();
      return super.postMessage(message, ...rest);
    }
  };
})();
"""

# Records the last keyup and the paint after each rendering of the results.
_WATCH = """() => {
  const input = document.querySelector("input.md-search__input");
  const state = window.__watch = { keyup: 0, rendered: 0, renders: 0 };
  input.addEventListener("keyup", () => { state.keyup = performance.now(); });
  new MutationObserver(() => {
    requestAnimationFrame(() => { state.rendered = performance.now(); state.renders++; });
  }).observe(document.querySelector(".md-search-result__meta"), { childList: true });
}"""


@dataclass
class Row:
    factor: int
    pages: int
    raw: int
    gzip: int
    stock_raw: int
    stock_gzip: int
    build_ms: float
    median_ms: float
    p95_ms: float


def sentences() -> list[str]:
    """The archived post's sentences (before its page footer)."""
    text = SOURCE.read_text(encoding="utf-8").split("Thống kê truy cập", 1)[0]
    parts = re.split(r"(?<=[.;:])\s+", " ".join(text.split()))
    return [p.strip() for p in parts if len(p.split()) >= 4]


def real_text_size(docs_dir: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in docs_dir.rglob("*.md"))


def synthetic_page(number: int, pool: list[str], rng: random.Random) -> str:
    """A page shaped like muc-tieu.md: one heading, two sections of clauses."""
    lines = ["---", f"title: Trang tổng hợp {number}",
             f"description: Trang thử số {number}, ghép từ các câu của tin bài nguồn.", "---", "",
             f"# Trang tổng hợp {number}", ""]
    for section in (1, 2):
        lines += [f"## Phần {section} {{ #phan-{section} }}", ""]
        for label in LABELS[:4]:
            clause_id = f"phan-{section}-{label.replace('đ', 'dd')}"
            body = " ".join(rng.sample(pool, 2))
            lines += [f"[{label})](#{clause_id}){{ .clause-label }} {body}", f"{{ #{clause_id} .clause }}", ""]
    return "\n".join(lines)


def make_content(target: Path, factor: int, seed: int = 855) -> list[str]:
    """Copy the real docs into `target` and add synthetic pages; their paths."""
    shutil.copytree(DOCS_DIR, target)
    wanted = (factor - 1) * real_text_size(DOCS_DIR)
    pool, rng, written, pages = sentences(), random.Random(seed), 0, []
    while written < wanted:
        page = synthetic_page(len(pages) + 1, pool, rng)
        path = f"tong-hop/trang-{len(pages) + 1:04d}.md"
        (target / path).parent.mkdir(exist_ok=True)
        (target / path).write_text(page, encoding="utf-8")
        written += len(page)
        pages.append(path)
    return pages


def _config() -> dict:
    return read_config(CONFIG.read_text(encoding="utf-8"))


def _nav() -> list:
    return _config()["nav"]


def write_config(folder: Path, docs_dir: Path, pages: list[str], stock: bool) -> Path:
    """A config inheriting mkdocs.yml for `docs_dir`; `stock` = Material's search as shipped."""
    nav = _nav() + ([{"Tổng hợp": pages}] if pages else [])
    # Every hook of the site; "stock" leaves out the provision entries and the site's own index.
    hooks = [str(ROOT / hook) for hook in _config()["hooks"]
             if not (stock and hook.endswith(("search_provisions.py", "search_index.py")))]
    config: dict = {
        "INHERIT": str(CONFIG),
        "docs_dir": str(docs_dir),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "nav": nav,
    }
    if stock:
        config["theme"]["language"] = "vi"
        config["plugins"] = [{"search": {"lang": "vi"}}]
        config["extra_javascript"] = []
    config["hooks"] = hooks
    path = folder / ("mkdocs.stock.yml" if stock else "mkdocs.yml")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def index_sizes(site: Path) -> tuple[int, int]:
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, 9))


@contextmanager
def serve(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_browser(site: Path, queries: list[str], delay: int) -> tuple[float, list[float]]:
    """Index build time (ms) and the keystroke-to-results latencies (ms)."""
    from playwright.sync_api import sync_playwright

    latencies: list[float] = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(_TIME_WORKER)
        page.goto(url)
        page.evaluate(_WATCH)
        box = page.locator("input.md-search__input")
        box.click()  # the hosted edition starts its search worker on first use
        page.wait_for_function("() => window.__bench.ready", timeout=120_000)
        build_ms = page.evaluate("() => window.__bench.ready - window.__bench.setup")
        for query in queries:
            box.fill("")
            page.keyboard.press("Backspace")  # a keyup, so Material sees the empty box
            page.wait_for_timeout(300)
            renders = page.evaluate("() => window.__watch.renders")
            page.keyboard.type(query, delay=delay)
            if not query[-1].isascii():
                page.keyboard.press("End")
            # Results of the last keystroke: no new rendering for 500 ms.
            page.wait_for_function("n => window.__watch.renders > n", arg=renders, timeout=60_000)
            last = -1
            while True:
                page.wait_for_timeout(500)
                now = page.evaluate("() => window.__watch.renders")
                if now == last:
                    break
                last = now
            latencies.append(page.evaluate("() => window.__watch.rendered - window.__watch.keyup"))
        browser.close()
    return build_ms, latencies


def run(factor: int, queries: list[str], repeats: int, delay: int) -> Row:
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        folder = Path(tmp)
        pages = make_content(folder / "docs", factor)
        ours, stock = folder / "site", folder / "site-stock"
        mkdocs_build(write_config(folder, folder / "docs", pages, stock=False), ours)
        mkdocs_build(write_config(folder, folder / "docs", pages, stock=True), stock)
        raw, packed = index_sizes(ours)
        stock_raw, stock_packed = index_sizes(stock)
        build_ms, latencies = measure_browser(ours, queries * repeats, delay)
        page_count = sum(1 for _ in (folder / "docs").rglob("*.md"))
    return Row(factor, page_count, raw, packed, stock_raw, stock_packed, build_ms,
               statistics.median(latencies), percentile(latencies, 0.95))


def table(rows: list[Row]) -> str:
    head = ("| content | pages | index raw (B) | index gzip (B) | stock raw (B) | stock gzip (B) "
            "| vs stock raw / gzip | index build in browser (ms) | keystroke→results median (ms) | p95 (ms) |")
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        lines.append(f"| {r.factor}× | {r.pages} | {r.raw:,} | {r.gzip:,} | {r.stock_raw:,} | {r.stock_gzip:,} "
                     f"| {r.raw / r.stock_raw:.2f}× / {r.gzip / r.stock_gzip:.2f}× | {r.build_ms:.0f} "
                     f"| {r.median_ms:.1f} | {r.p95_ms:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeats", type=int, default=3, help="times each of the queries is typed")
    parser.add_argument("--delay", type=int, default=80, help="milliseconds between keystrokes")
    # `make bench` calls main() with no arguments (bench/__main__.py): defaults.
    args = parser.parse_args([] if argv is None else argv)
    rows = [run(factor, QUERIES, args.repeats, args.delay) for factor in args.factors]
    print(table(rows))
    print(f"\n{len(QUERIES) * args.repeats} typed queries per row ({args.delay} ms between keys); "
          "latency = last keyup to the frame after the results render.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
