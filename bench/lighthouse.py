"""Lighthouse benchmark: the home page and the largest page, mobile profile,
this site beside stock Material.

Usage: python -m bench.lighthouse [--runs N]

Builds the site as `make site` does, and "stock": the same pages built with
plain Material (no template overrides, no extra CSS or JavaScript, only the
three hooks the strict build needs to resolve the pages' links: the downloads,
van-ban.json and the provision ids; `font: false`, palette and features as ours). Serves both on
127.0.0.1 with gzip (as any real host would) and runs Lighthouse from npm,
installed on first use into build/tools at a pinned version, against the
system Chromium (CHROME_PATH), alternating ours and stock run by run so that
both see the same machine load. Prints, per page, the median of the runs of
each category score and metric for both, the render-blocking resources, and
ours against stock; reported, never asserted.
Target: performance 100 like stock, FCP and TBT within 10 % of stock's;
accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import yaml

from hooks.downloads import FOLDER
from scripts import browser
from scripts.build_site import CONFIG, mkdocs_build, publish

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "build" / "tools"
LIGHTHOUSE_VERSION = "13.5.0"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS",
           "total-byte-weight": "bytes"}
# Hooks that stock keeps: without them the strict build cannot resolve the
# pages' links to the downloads and to van-ban.json. Neither touches the theme.
# The hooks the pages' own content needs, not the theme: download links, the
# documents' list data, and the provisions extension's page context (the ids
# that links to a provision land on).
STOCK_HOOKS = ("hooks/downloads.py", "hooks/documents_json.py", "hooks/provisions.py")
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text types gzip-encoded when the client accepts it."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder URL
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """What `send_head` returns: a file-like object `copyfile` reads."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` with gzip on a free port of 127.0.0.1; yield its base URL."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def install() -> None:
    """Install the pinned Lighthouse into build/tools (npm registry only)."""
    installed = TOOLS / "node_modules" / "lighthouse" / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"] == LIGHTHOUSE_VERSION:
        return
    TOOLS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund",
                    "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)


def run_lighthouse(url: str, report: Path) -> dict:
    chrome = browser.system_chromium()
    if not chrome:
        raise SystemExit("Lighthouse needs a system Chromium: apt-get install chromium")
    flags = " ".join(["--headless=new", *browser.LAUNCH_ARGS])
    env = {**os.environ, "CHROME_PATH": chrome}
    subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json",
                    f"--output-path={report}", f"--chrome-flags={flags}",
                    f"--only-categories={','.join(CATEGORIES)}"],
                   env=env, check=True)
    return json.loads(report.read_text(encoding="utf-8"))


def build_stock(site: Path, work: Path) -> Path:
    """The same docs with plain Material, into work/stock; `site` is ours (its downloads)."""
    empty = work / "no-overrides"
    empty.mkdir()
    config = {
        "INHERIT": str(CONFIG),
        "docs_dir": str(ROOT / "docs"),
        # An empty folder: the theme's own templates (MkDocs cannot unset an
        # inherited custom_dir), with Material's own Vietnamese strings.
        "theme": {"custom_dir": str(empty), "language": "vi"},
        "hooks": [str(ROOT / hook) for hook in STOCK_HOOKS],
        "extra_css": [],
        "extra_javascript": [],
    }
    path = work / "mkdocs.stock.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    stock = work / "stock"
    mkdocs_build(path, stock, downloads=site / FOLDER)
    return stock


def summary(runs: list[dict], base: str) -> dict:
    """Medians over the runs of one page and one build."""
    audits = [run["audits"] for run in runs]
    blocking = Counter(item["url"].removeprefix(base) for a in audits
                       for item in a["render-blocking-insight"].get("details", {}).get("items", []))
    # In the order the page requested them.
    order = {item["url"].removeprefix(base): i
             for i, item in reversed(list(enumerate(audits[0]["network-requests"]["details"]["items"])))}
    return {
        "scores": [round(statistics.median(run["categories"][c]["score"] for run in runs) * 100)
                   for c in CATEGORIES],
        "metrics": {m: statistics.median(a[m]["numericValue"] for a in audits) for m in METRICS},
        # Named in at least half of the runs.
        "blocking": sorted((url for url, count in blocking.items() if 2 * count >= len(runs)),
                           key=lambda url: order.get(url, len(order))),
    }


def _row(page: str, name: str, result: dict) -> str:
    m = result["metrics"]
    cells = [f"/{page}", name, *map(str, result["scores"]),
             f"{m['first-contentful-paint'] / 1000:.2f} s", f"{m['largest-contentful-paint'] / 1000:.2f} s",
             f"{m['total-blocking-time']:.0f} ms", f"{m['cumulative-layout-shift']:.3f}",
             f"{m['total-byte-weight'] / 1024:.0f}",
             f"{len(result['blocking'])}: " + ", ".join(u.rsplit("/", 1)[-1] for u in result["blocking"])]
    return "| " + " | ".join(cells) + " |"


def _versus(page: str, ours: dict, stock: dict) -> str:
    def delta(metric: str, unit: str) -> str:
        a, b = ours["metrics"][metric], stock["metrics"][metric]
        share = f" ({(a - b) / b:+.0%})" if b else ""
        return f"{a - b:+.0f} {unit}{share}"
    scores = [f"{a - b:+d}" for a, b in zip(ours["scores"], stock["scores"])]
    cells = [f"/{page}", "ours − stock", *scores, delta("first-contentful-paint", "ms"),
             delta("largest-contentful-paint", "ms"), delta("total-blocking-time", "ms"),
             f"{ours['metrics']['cumulative-layout-shift'] - stock['metrics']['cumulative-layout-shift']:+.3f}",
             f"{(ours['metrics']['total-byte-weight'] - stock['metrics']['total-byte-weight']) / 1024:+.0f}",
             f"{len(ours['blocking']) - len(stock['blocking']):+d}"]
    return "| " + " | ".join(cells) + " |"


def largest_page(site: Path) -> str:
    """URL path of the largest HTML page other than the home page."""
    pages = [p for p in site.rglob("index.html")
             if p.relative_to(site).parts[0] not in {"assets", "search"} and p.parent != site]
    biggest = max(pages, key=lambda p: p.stat().st_size)
    return biggest.relative_to(site).as_posix().removesuffix("index.html")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page and build; medians are shown")
    args = parser.parse_args(argv if argv is not None else [])
    install()
    work = Path(tempfile.mkdtemp(prefix="bench-lighthouse-", dir=ROOT / "build"))
    try:
        site = work / "site"
        publish(site)
        sites = {"ours": site, "stock": build_stock(site, work)}
        print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile profile, simulated throttling, "
              f"gzip over http://127.0.0.1; medians of {args.runs} runs, ours and stock alternating\n")
        print("| page | build | performance | accessibility | best practices | SEO "
              "| FCP | LCP | TBT | CLS | transfer KiB | render-blocking |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        notes = []
        with ExitStack() as stack:
            bases = {name: stack.enter_context(serve(folder)) for name, folder in sites.items()}
            for path in ["", largest_page(site)]:
                runs: dict[str, list[dict]] = {name: [] for name in sites}
                for i in range(args.runs):
                    for name in sites:
                        runs[name].append(run_lighthouse(bases[name] + path,
                                                         work / f"report-{name}-{i}.json"))
                results = {name: summary(runs[name], bases[name]) for name in sites}
                for name, result in results.items():
                    print(_row(path, name, result), flush=True)
                print(_versus(path, results["ours"], results["stock"]), flush=True)
                # Audits not passed by ours, in its median run by performance.
                ours = sorted(runs["ours"], key=lambda r: r["categories"]["performance"]["score"])
                audits = ours[len(ours) // 2]["audits"]
                failing = [f"{a['id']} ({a['score']})" for a in audits.values()
                           if a.get("score") is not None and a["score"] < 1
                           and a.get("scoreDisplayMode") in {"binary", "metricSavings", "numeric"}]
                notes.append(f"- /{path} not passed by ours: {', '.join(sorted(failing)) or 'none'}")
        print("\n" + "\n".join(notes))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
