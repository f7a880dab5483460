"""Archive benchmark: every step of `make site` over 10, 100 and 1,000 synthetic documents, each
with its own PDF, then the rebuild after one document changed.

Usage: python -m bench.documents [--sizes 10 100 1000] [--whole-plan-max 100] [--keep]

The archive is bench/scale.py's "archive" layout with "structured" content: the real site with N
documents filed under its "Văn bản" section, each a real document page as printed (mục, khoản,
điểm, dash items, about 100 provisions, real sentences: `structured_markdown`). Each step runs as
`scripts/build_site.py` runs it, in its own process, with this project's configurations (only
`docs_dir`, `site_dir` and the nav change): the print edition (mkdocs.print.yml, with each
document's print page), the whole-plan PDF (scripts/pdf.py; skipped above `--whole-plan-max`
documents: its print page holds every page of the nav, so at 1,000 documents it is a book of
several thousand pages), every document's PDF (scripts/document_pdf.py, with an empty cache
first), the offline edition and its zip, the hosted edition. Then one document's text changes
(one provision gets another real sentence) and every step runs again: the documents' PDFs come
from the cache but that one.

Reports wall and CPU seconds (CPU includes Chromium) and peak memory per step, how many PDFs were
printed or taken from the cache, and the weight of the list page (van-ban/index.html) and of a
document page. Reported, never asserted; wall time depends on what else the machine runs.
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import sys
from pathlib import Path

from bench.scale import ROOT, WORK, build_command, generate, measure, sentences
from hooks.downloads import FOLDER, PDF_NAME, ZIP_NAME

PRINT_CONFIG = ROOT / "mkdocs.print.yml"
OFFLINE_CONFIG = ROOT / "mkdocs.offline.yml"
CONFIG = ROOT / "mkdocs.yml"
EPOCH = "1709078400"
STEPS = ("print edition", "whole-plan PDF", "document PDFs", "offline edition + zip", "hosted edition")


def first_synthetic_document(docs: Path) -> Path:
    """The first synthetic document of the archive (`docs/van-ban/<slug>.md`, as `make new`
    files it): a page there that the site's own docs folder does not have."""
    own = {path.name for path in (ROOT / "docs" / "van-ban").glob("*.md")}
    return next(path for path in sorted((docs / "van-ban").glob("*.md")) if path.name not in own)


def change_one_document(docs: Path) -> Path:
    """Give the first điểm of the first synthetic document another real sentence."""
    page = first_synthetic_document(docs)
    text = page.read_text(encoding="utf-8")
    first = re.search(r"^a\) (.+)$", text, re.M)
    units = [unit for unit in sentences() if len(unit) > 20 and unit.rstrip(".;:") not in text]
    page.write_text(text[:first.start(1)] + units[0].rstrip(".;:") + ";" + text[first.end(1):], encoding="utf-8")
    return page


def run_steps(docs: Path, nav: dict, work: Path, cache: Path, whole_plan: bool) -> dict[str, tuple]:
    """Every step of the publish pipeline over `docs`; per step (wall s, CPU s, peak MB, notes)."""
    print_site, downloads, offline, hosted = (work / "print", work / FOLDER, work / "offline", work / "site")
    for folder in (print_site, downloads, offline, hosted):
        shutil.rmtree(folder, ignore_errors=True)
    downloads.mkdir(parents=True)
    python = sys.executable
    results: dict[str, tuple] = {}
    results["print edition"] = (*measure(build_command(docs, print_site, nav, {}, PRINT_CONFIG)), "")
    if whole_plan:
        results["whole-plan PDF"] = (*measure([python, "-m", "scripts.pdf", str(print_site / "print_page.html"),
                                               str(downloads / PDF_NAME), "--epoch", EPOCH]), "")
    output: list[str] = []
    step = measure([python, "-m", "scripts.document_pdf", str(print_site), str(downloads), "--epoch", EPOCH,
                    "--cache", str(cache)], output=output)
    printed = sum(line.startswith("printed ") for line in output)
    cached = sum(line.startswith("cached ") for line in output)
    results["document PDFs"] = (*step, f"{printed} printed, {cached} from the cache")
    env = {"SITE_DOWNLOADS": str(downloads)}
    wall, cpu, peak = measure(build_command(docs, offline, nav, {}, OFFLINE_CONFIG), env=env)
    zip_wall, zip_cpu, zip_peak = measure([python, "-m", "scripts.offline_zip", str(offline),
                                           str(downloads / ZIP_NAME), "--epoch", EPOCH])
    results["offline edition + zip"] = (wall + zip_wall, cpu + zip_cpu, max(peak, zip_peak), "")
    results["hosted edition"] = (*measure(build_command(docs, hosted, nav, {}, CONFIG), env=env), "")
    return results


def weight(path: Path) -> str:
    data = path.read_bytes()
    return f"{len(data) / 1000:.0f} kB ({len(gzip.compress(data, 9)) / 1000:.0f} kB gzip)"


def rows(size: int, label: str, results: dict[str, tuple]) -> list[str]:
    lines = []
    for name in STEPS:
        if name not in results:
            lines.append(f"| {size:,} | {label} | {name} | – | – | – | skipped |")
            continue
        wall, cpu, peak, notes = results[name]
        lines.append(f"| {size:,} | {label} | {name} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | {notes} |")
    total = sum(result[0] for result in results.values())
    cpu = sum(result[1] for result in results.values())
    peak = max(result[2] for result in results.values())
    lines.append(f"| {size:,} | {label} | **total** | **{total:.1f}** | {cpu:.1f} | {peak:.0f} | |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--whole-plan-max", type=int, default=100,
                        help="print the whole-plan PDF only up to this many documents")
    parser.add_argument("--keep", action="store_true", help="keep the archives and outputs in build/")
    args = parser.parse_args(argv if argv is not None else [])
    print("| documents | build | step | wall s | CPU s | peak RSS MB | |")
    print("| ---: | --- | --- | ---: | ---: | ---: | --- |", flush=True)
    weights = []
    for size in args.sizes:
        work = WORK / f"documents-{size}"
        shutil.rmtree(work, ignore_errors=True)
        docs = work / "docs"
        nav = generate("archive", size, docs, "structured")
        cache = work / "pdf-cache"
        whole_plan = size <= args.whole_plan_max
        for line in rows(size, "full, empty cache", run_steps(docs, nav, work, cache, whole_plan)):
            print(line, flush=True)
        site = work / "site"
        document = site / "van-ban" / first_synthetic_document(docs).stem / "index.html"
        pdfs = [path for path in (site / FOLDER).glob("*.pdf") if path.name != PDF_NAME]
        whole = site / FOLDER / PDF_NAME
        weights.append(f"| {size:,} | {weight(site / 'van-ban' / 'index.html')} | {weight(document)} "
                       f"| {len(pdfs):,}: {sum(path.stat().st_size for path in pdfs) / 1e6:.1f} MB "
                       f"| {f'{whole.stat().st_size / 1e6:.1f} MB' if whole.is_file() else '–'} "
                       f"| {(site / FOLDER / ZIP_NAME).stat().st_size / 1e6:.1f} MB |")
        change_one_document(docs)
        for line in rows(size, "one document changed", run_steps(docs, nav, work, cache, whole_plan)):
            print(line, flush=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n| documents | list page (van-ban/index.html) | a document page | documents' PDFs | whole-plan PDF "
          "| offline zip |")
    print("| ---: | --- | --- | ---: | ---: | ---: |")
    for line in weights:
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
