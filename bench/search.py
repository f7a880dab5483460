"""Search benchmark: the site's search beside stock Material's, at 1x, 10x and 100x the real
content and on a 1,000-document archive.

Usage: python -m bench.search [--factors 1 10 100] [--archive 1000] [--runs 5] [--repeats 2]
                              [--delay 80] [--throttle 4]

Content: the real pages, plus synthetic documents written as printed (sections, numbered
khoản, points a) … đ)), from the sentences of the archived post and of the three real documents
of tests/fixtures/realdocs, until the text is that many times the real one; the archive is the
real pages plus that many documents of 100 points each (125 provisions). Two strict builds of
each: this project's configuration, and stock Material search (`vi`, Material's worker and
lunr, no provision entries).

Measured, for both, over HTTP in Chromium (Playwright):
- quality (1x only): precision@3 and MRR over the judged query set
  (tests/fixtures/search/judged.json), typed as readers type them;
- index bytes: every file a reader may fetch for search, raw and gzip (ours: the settings file
  and every file under search/vi/; stock: search_index.json), and ours for the timed queries;
- open -> first results: from the focus of the search box (the hosted edition starts the search
  worker then) until results are drawn for a query put in at once; fresh page each run;
- keystroke -> results: the query typed key by key, from the last keyup until its results are
  drawn;
each unthrottled and with the CPU throttled (`Emulation.setCPUThrottlingRate`). Chromium does
not throttle dedicated workers (Playwright cannot reach their targets, and DevTools answers
"only supported for pages"), so the throttled runs start each search worker through the
iframe-worker shim (docs/assets/vendor/iframe-worker, as the offline edition does): the worker's
code then runs on the page's own, throttled, thread (with the Content-Security-Policy bypassed:
the shim's inline script is what the hosted edition's policy forbids). Medians and 95th
percentiles. Numbers are
reported, never asserted: they depend on what else the machine runs.
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
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench import search_ui
from scripts.browser import launch_options
from scripts.build_site import CONFIG, ROOT, mkdocs_build
from scripts.check_content import read_config
from vanban import search_index

SOURCE = ROOT / "archive" / "000_6e4504a7be753a4b.txt"
REALDOCS = ROOT / "tests" / "fixtures" / "realdocs"
DOCS_DIR = ROOT / "docs"
SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker" / "iframe-worker-shim.js"
LABELS = ["a", "b", "c", "d", "đ"]
ROMAN = ["I", "II", "III", "IV", "V"]
# Typed for the timings: unaccented, accented, a number, a prefix, an abbreviation.
QUERIES = [
    "van hoa cong vu", "tham nhung dan tri", "dich vu cong truc tuyen", "uy ban mat tran",
    "cải cách hành chính", "855/KH-UBND", "PAPI", "tuyen tru", "phan bien xa hoi", "69,5",
]
# Recorded on every page: the last keyup, and the frame after each drawing of the results.
_WATCH = """() => {
  const input = document.querySelector("input.md-search__input");
  const state = window.__watch = { keyup: 0, rendered: 0, renders: 0, focus: 0, first: 0 };
  input.addEventListener("keyup", () => { state.keyup = performance.now(); });
  input.addEventListener("focus", () => { if (!state.focus) state.focus = performance.now(); });
  new MutationObserver(() => {
    requestAnimationFrame(() => {
      state.rendered = performance.now();
      state.renders++;
      if (!state.first && document.querySelector(".md-search-result__item")) state.first = state.rendered;
    });
  }).observe(document.querySelector(".md-search-result__list"), { childList: true });
}"""
# Throttled runs: every worker of the page runs on its main thread (see the module docstring).
_SAME_THREAD = "window.__nativeWorker = window.Worker; window.Worker = window.IFrameWorker;"


# --- Content ----------------------------------------------------------------------------------

def sentences() -> list[str]:
    """Sentences of the archived post and of the three real documents, without their markup."""
    text = SOURCE.read_text(encoding="utf-8").split("Thống kê truy cập", 1)[0]
    found = re.split(r"(?<=[.;:])\s+", " ".join(text.split()))
    for path in sorted(REALDOCS.glob("*-*.md")):  # the documents, not their README
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for line in body.splitlines():
            line = re.sub(r"<sup>\d+</sup>|[¹²³]|\*\*|`", "", line).strip()
            line = re.sub(r"^(?:#+\s*|[-+*]\s+|\d+(?:\.\d+)*\.\s+|[a-zđ]\)\s+|[IVX]+\.\s+|>\s*)+", "", line)
            if line and not line.startswith(("|", "[", "!", "{", "<")):
                found += re.split(r"(?<=[.;])\s+", line)
    clean = set()
    for sentence in found:
        sentence = re.sub(r"\s*\{[^}]*\}", "", sentence)
        sentence = re.sub(r"^(?:[-–+*]\s+|[a-zđ]\)\s+|\d+(?:\.\d+)*\.\s+)+", "", sentence.strip())
        if 30 <= len(sentence) <= 320 and not re.search(r"[\[|#<>]", sentence):
            # A printed "(*)" written as the check asks editors to (rule star-mark).
            clean.add((sentence[0].upper() + sentence[1:]).replace("*", "\\*"))
    return sorted(clean)


def document_page(number: int, pool: list[str], rng: random.Random, sections: int = 5, clauses: int = 4) -> str:
    """A document as printed: sections I., II. …, numbered khoản, points a) … đ)."""
    number += 3000  # clear of the site's own documents (855/KH-UBND)
    title = f"Kế hoạch số {number}/KH-UBND"
    # `document` front matter: the provisions extension gives the points their entries.
    lines = ["---", f"title: {title}", f"description: Văn bản thử số {number}, ghép từ câu chữ của các văn bản thật.",
             "document:", "  loai_van_ban: Kế hoạch", f"  so_ky_hieu: {number}/KH-UBND",
             "  co_quan_ban_hanh: UBND tỉnh Ninh Thuận", f"  ngay_ban_hanh: {1 + number % 28:02d}/{1 + number % 12:02d}/2024",
             f"  trich_yeu: Văn bản thử số {number}", "---", "", f"# {title}", ""]
    for section in range(sections):
        heading = " ".join(rng.choice(pool).split()[:5]).rstrip(",;:.")
        lines += [f"## {ROMAN[section]}. {heading.upper()}", ""]
        for clause in range(clauses):
            heading = " ".join(rng.choice(pool).split()[:6]).rstrip(",;:.")
            lines += [f"### {clause + 1}. {heading}", ""]
            for label in LABELS:
                lines += [f"{label}) {rng.choice(pool)}", ""]
    return "\n".join(lines)


def real_text_size(docs_dir: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in docs_dir.rglob("*.md"))


def make_content(target: Path, *, factor: int = 1, documents: int = 0, seed: int = 855) -> list[str]:
    """Copy the real docs into `target`, add documents until the text is `factor` times the real
    text (or exactly `documents` documents); their paths."""
    shutil.copytree(DOCS_DIR, target)
    wanted = (factor - 1) * real_text_size(DOCS_DIR)
    pool, rng, written, pages = sentences(), random.Random(seed), 0, []
    while (len(pages) < documents) if documents else (written < wanted):
        page = document_page(len(pages) + 1, pool, rng)
        path = f"tong-hop/van-ban-{len(pages) + 1:04d}.md"
        (target / path).parent.mkdir(exist_ok=True)
        (target / path).write_text(page, encoding="utf-8")
        written += len(page)
        pages.append(path)
    return pages


def _config() -> dict:
    return read_config(CONFIG.read_text(encoding="utf-8"))


def write_config(folder: Path, docs_dir: Path, pages: list[str], stock: bool) -> Path:
    """A config inheriting mkdocs.yml for `docs_dir`; `stock` = Material's search as shipped."""
    nav = _config()["nav"] + ([{"Tổng hợp": pages}] if pages else [])
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


# --- Sizes ------------------------------------------------------------------------------------

def index_sizes(site: Path) -> tuple[int, int]:
    """Raw and gzip bytes of every file a reader may fetch for search (served one by one)."""
    settings = site / "search" / "search_index.json"
    files = search_index.index_files(site) if (site / "search" / "vi").is_dir() else [settings]
    return (sum(path.stat().st_size for path in files),
            sum(len(gzip.compress(path.read_bytes(), 9)) for path in files))


# --- Browser ----------------------------------------------------------------------------------

@contextmanager
def serve(site: Path, served: list[int] | None = None) -> Iterator[str]:
    """Serve `site` on 127.0.0.1; the gzip bytes of each search file served are appended to
    `served` (counted by the server: the worker's own fetches are not the page's network events)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if served is not None and "/search/" in self.path and path.is_file():
                served.append(len(gzip.compress(path.read_bytes(), 9)))
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Timing:
    open_ms: list[float] = field(default_factory=list)
    key_ms: list[float] = field(default_factory=list)
    transfer: list[int] = field(default_factory=list)
    opened: int = 0  # gzip bytes of search files (engine and index) sent on opening search


def _page(browser, url: str, throttle: float):
    # The shim writes an inline script into its iframe, which the hosted edition's policy
    # forbids (as it should): the throttled runs measure with the policy bypassed.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=throttle > 1)
    if throttle > 1:
        context.add_init_script(path=str(SHIM))
        context.add_init_script(_SAME_THREAD)
    page = context.new_page()
    # Stock Material builds its index on the page's thread in the throttled runs: minutes at
    # a thousand documents, during which the page answers nothing.
    page.set_default_timeout(900_000)
    if throttle > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate(_WATCH)
    return context, page


def _quiet(page, renders: int, timeout: float = 900.0) -> None:
    """Wait until results were drawn after `renders`, then until no drawing for 500 ms."""
    page.wait_for_function("n => window.__watch.renders > n", arg=renders, timeout=timeout * 1000)
    last = -1
    while True:
        page.wait_for_timeout(500)
        now = page.evaluate("() => window.__watch.renders")
        if now == last:
            return
        last = now


def measure_browser(site: Path, queries: list[str], *, runs: int, repeats: int, delay: int,
                    throttle: float) -> Timing:
    from playwright.sync_api import sync_playwright

    timing = Timing()
    fetched: list[int] = []  # bytes of search files the server sent
    with serve(site, fetched) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        # Open -> first results: a fresh page each run, the query put in at once.
        for run in range(runs):
            context, page = _page(browser, url, throttle)
            query = queries[run % len(queries)]
            box = page.locator("input.md-search__input")
            box.focus()
            box.fill(query)
            box.dispatch_event("keyup")
            page.wait_for_function("() => window.__watch.first > 0", timeout=900_000)
            timing.open_ms.append(page.evaluate("() => window.__watch.first - window.__watch.focus"))
            context.close()
        # Keystroke -> results: typed key by key on one page, search already open.
        fetched.clear()
        context, page = _page(browser, url, throttle)
        box = page.locator("input.md-search__input")
        box.click()
        page.wait_for_function(search_ui._IDLE, arg=search_ui.INITIALIZER, timeout=900_000)
        timing.opened = sum(fetched)
        for turn, query in enumerate(queries * repeats):
            box.fill("")
            page.keyboard.press("Backspace")  # a keyup, so Material sees the empty box
            page.wait_for_timeout(300)
            renders = page.evaluate("() => window.__watch.renders")
            before = sum(fetched)
            page.keyboard.type(query, delay=delay)
            if not query[-1].isascii():
                page.keyboard.press("End")
            _quiet(page, renders)
            timing.key_ms.append(page.evaluate("() => window.__watch.rendered - window.__watch.keyup"))
            if turn < len(queries):  # a query typed again loads nothing new
                timing.transfer.append(sum(fetched) - before)
        context.close()
        browser.close()
    return timing


def measure_quality(site: Path) -> tuple[float, float]:
    """Precision@3 and MRR over the judged query set."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        search_ui.open_search(page)
        precision, mrr, _ = search_ui.measure(page, url, search_ui.judged())
        browser.close()
    return precision, mrr


# --- Report -----------------------------------------------------------------------------------

@dataclass
class Row:
    content: str
    pages: int
    entries: int
    sizes: dict[str, tuple[int, int]]
    timings: dict[tuple[str, float], Timing]
    quality: dict[str, tuple[float, float]]


def run(label: str, *, factor: int = 1, documents: int = 0, runs: int, repeats: int, delay: int,
        throttle: float, log) -> Row:
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        folder = Path(tmp)
        pages = make_content(folder / "docs", factor=factor, documents=documents)
        sites = {"ours": folder / "site", "stock": folder / "site-stock"}
        for name, site in sites.items():
            started = time.monotonic()
            mkdocs_build(write_config(folder, folder / "docs", pages, stock=name == "stock"), site)
            log(f"{label}: {name} built in {time.monotonic() - started:.0f} s")
        row = Row(label, sum(1 for _ in (folder / "docs").rglob("*.md")),
                  len(search_index.site_entries(sites["ours"])),
                  {name: index_sizes(site) for name, site in sites.items()}, {}, {})
        for name, site in sites.items():
            if factor == 1 and not documents:
                row.quality[name] = measure_quality(site)
                log(f"{label}: {name} P@3 {row.quality[name][0]:.3f} MRR {row.quality[name][1]:.3f}")
            for rate in (1.0, throttle):
                row.timings[(name, rate)] = measure_browser(site, QUERIES, runs=runs, repeats=repeats,
                                                            delay=delay, throttle=rate)
                t = row.timings[(name, rate)]
                log(f"{label}: {name} x{rate:g} open {statistics.median(t.open_ms):.0f} ms, "
                    f"key {statistics.median(t.key_ms):.0f} ms, search files {t.opened:,} B gzip on "
                    f"opening, {sum(t.transfer):,} B over {len(t.transfer)} first-typed queries")
    return row


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} / {percentile(values, 0.95):,.0f}"


def table(rows: list[Row], throttle: float, head: bool = True) -> str:
    lines = ["| content | pages | entries | engine | index raw (B) | index gzip (B) | per query (B) "
             "| P@3 | MRR | open→first results (ms) | keystroke→results (ms) "
             f"| open→first, CPU ÷{throttle:g} (ms) | keystroke→results, CPU ÷{throttle:g} (ms) |",
             "|" + "---|" * 13] if head else []
    for row in rows:
        for name in ("ours", "stock"):
            raw, packed = row.sizes[name]
            fast, slow = row.timings[(name, 1.0)], row.timings[(name, throttle)]
            quality = row.quality.get(name)
            per_query = f"{statistics.median(fast.transfer):,.0f}" if name == "ours" else f"{packed:,} (all)"
            lines.append(
                f"| {row.content} | {row.pages:,} | {row.entries:,} | {name} | {raw:,} | {packed:,} | {per_query} "
                f"| {f'{quality[0]:.3f}' if quality else '–'} | {f'{quality[1]:.3f}' if quality else '–'} "
                f"| {_ms(fast.open_ms)} | {_ms(fast.key_ms)} | {_ms(slow.open_ms)} | {_ms(slow.key_ms)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--archive", type=int, default=1000, help="documents of the archive (0: none)")
    parser.add_argument("--runs", type=int, default=5, help="fresh pages for open→first results")
    parser.add_argument("--repeats", type=int, default=2, help="times each query is typed")
    parser.add_argument("--delay", type=int, default=80, help="milliseconds between keys")
    parser.add_argument("--throttle", type=float, default=4.0, help="CPU slowdown of the throttled runs")
    # Stock Material at a thousand documents takes minutes per run when throttled.
    parser.add_argument("--archive-runs", type=int, default=2, help="--runs for the archive")
    parser.add_argument("--archive-repeats", type=int, default=1, help="--repeats for the archive")
    # `make bench` calls main() with no arguments (bench/__main__.py): defaults.
    args = parser.parse_args([] if argv is None else argv)

    def log(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    options = dict(runs=args.runs, repeats=args.repeats, delay=args.delay, throttle=args.throttle, log=log)
    # Each row is printed when it is measured: a long run that stops still reports what it did.
    print(table([], args.throttle), flush=True)
    for factor in args.factors:
        print(table([run(f"{factor}×", factor=factor, **options)], args.throttle, head=False), flush=True)
    if args.archive:
        options.update(runs=args.archive_runs, repeats=args.archive_repeats)
        row = run(f"{args.archive:,} documents", documents=args.archive, **options)
        print(table([row], args.throttle, head=False), flush=True)
    print(f"\nMedian / 95th percentile. {len(QUERIES) * args.repeats} typed queries per row "
          f"({len(QUERIES) * args.archive_repeats} for the archive; {args.delay} ms between keys), "
          f"{args.runs} fresh pages for open→first results ({args.archive_runs} for the archive); "
          "\"per query\": median bytes of search files the server sent for one query typed "
          "for the first time on a page where search is open (gzip, as the index columns; stock fetches its whole "
          "index with every page). Throttled runs start the search worker "
          "on the page's thread (iframe-worker shim): Chromium does not throttle workers.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
