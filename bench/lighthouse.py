"""Lighthouse benchmark: the home page and the largest page, mobile profile.

Usage: python -m bench.lighthouse [--runs N]

Builds the site as `make site` does, serves it on 127.0.0.1 with gzip (as any
real host would), and runs Lighthouse from npm, installed on first use into
build/tools at a pinned version, against the system Chromium (CHROME_PATH).
Prints each category score and the main metrics; reported, never asserted.
Target: performance >= 98, accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts import browser
from scripts.build_site import publish

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "build" / "tools"
LIGHTHOUSE_VERSION = "13.5.0"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS",
           "total-byte-weight": "bytes"}
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


def largest_page(site: Path) -> str:
    """URL path of the largest HTML page other than the home page."""
    pages = [p for p in site.rglob("index.html")
             if p.relative_to(site).parts[0] not in {"assets", "search"} and p.parent != site]
    biggest = max(pages, key=lambda p: p.stat().st_size)
    return biggest.relative_to(site).as_posix().removesuffix("index.html")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is shown")
    args = parser.parse_args(argv if argv is not None else [])
    install()
    work = Path(tempfile.mkdtemp(prefix="bench-lighthouse-", dir=ROOT / "build"))
    try:
        site = work / "site"
        publish(site)
        print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile profile, simulated throttling, "
              "gzip over http://127.0.0.1\n")
        print("| page | performance | accessibility | best practices | SEO "
              "| FCP | LCP | TBT | CLS | transfer KiB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        notes = []
        with serve(site) as base:
            for path in ["", largest_page(site)]:
                runs = [run_lighthouse(base + path, work / f"report-{i}.json")
                        for i in range(args.runs)]
                runs.sort(key=lambda r: r["categories"]["performance"]["score"])
                result = runs[len(runs) // 2]
                scores = [round(result["categories"][c]["score"] * 100) for c in CATEGORIES]
                audits = result["audits"]
                metrics = [audits[m]["displayValue"] for m in list(METRICS)[:4]]
                weight = audits["total-byte-weight"]["numericValue"] / 1024
                print(f"| /{path} | " + " | ".join(map(str, scores)) + " | "
                      + " | ".join(metrics) + f" | {weight:.0f} |", flush=True)
                failing = [f"{a['id']} ({a['score']})" for a in audits.values()
                           if a.get("score") is not None and a["score"] < 1
                           and a.get("scoreDisplayMode") in {"binary", "metricSavings", "numeric"}]
                notes.append(f"- /{path} not passed: {', '.join(sorted(failing)) or 'none'}")
        print("\n" + "\n".join(notes))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
