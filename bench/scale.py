"""Scale benchmark: build synthetic archives of 10, 100 and 1,000 pages.

Usage: python -m bench.scale [--sizes 10 100 1000] [--layout ...] [--variant ...] [--keep]

The province will add documents for years. Each archive is generated from the
source post's real sentences and built with this
project's own `mkdocs.yml` (theme, hooks, plugins, extensions, strict) in a
fresh subprocess; only `docs_dir`, `site_dir`, the `nav` and, per variant, the
theme's features change. Two layouts (see LAYOUTS). When build/zensical-venv
exists, Zensical builds the same archives too.

Two kinds of page content (CONTENTS): "plain", the pages as before (titles and
real sentences in three sections), and "structured", real document pages
(`document:` front matter; I. -> 1. -> a) -> - with about 100 provisions a
page, 52 in the archive layout as in issue 11, from the same sentences) that
the provisions extension reads, as an archive of documents will be. The extension's own cost per page is measured
in-process: the same pages converted by Python-Markdown with the site's
extensions, with and without it.

The "archive" layout files the documents as `make new` does (docs/van-ban/<slug>.md,
nothing in the nav: the archive list and one nav entry per year lead to them),
dated over ten years (half in the last one), of five forms, each citing the
first document and the one before it (`synthetic_document`).

Reports wall time, CPU time (user + system), peak memory of the build process
and output size as a Markdown table, then, for the archive layout, the weight
of the archive list page (HTML bytes; first view in Chromium, gzip) and of the
heaviest pages (reported, never asserted; tests/test_archive_scale.py asserts
the budgets at 1,000 documents). Wall time depends on what else the machine
runs; CPU time much less."""

from __future__ import annotations

import argparse
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench-scale"
CONFIG = ROOT / "mkdocs.yml"
PAGE_TREE = "# Page tree\n"
ZENSICAL = ROOT / "build" / "zensical-venv" / "bin" / "zensical"
PAGES_PER_SUBSECTION = 10
SUBSECTIONS_PER_SECTION = 10
UNITS_PER_PAGE = 12
ARCHIVE_SECTION = "Văn bản"
# Layouts: "archive" adds documents to the real site as `make new` does
# (docs/van-ban/<slug>.md, not in the nav); "sections" makes 10 top-level
# sections of plain pages (10 pages per subsection, 10 subsections per
# section) in an explicit nav, each expanded on every page by navigation.sections.
LAYOUTS = ("archive", "sections")

# Variants: how the theme features differ from mkdocs.yml (None = as it is).
VARIANTS: dict[str, dict[str, list[str]]] = {
    "mkdocs.yml": {},
    "without navigation.prune": {"remove": ["navigation.prune"]},
    "without navigation.sections": {"remove": ["navigation.sections"]},
}


def sentences() -> list[str]:
    """The source post's sentences, verbatim (the same split the tests use)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from site_text import source_units

    return source_units()


def page_markdown(number: int, units: list[str]) -> str:
    """One synthetic page: front matter, a title and three sections of real sentences."""
    start = (number * 7) % len(units)
    chosen = [units[(start + i) % len(units)] for i in range(UNITS_PER_PAGE)]
    title = f"Văn bản {number}"
    lines = ["---", f"title: {title}", f"description: {json.dumps(chosen[0], ensure_ascii=False)}", "---", "", f"# {title}", ""]
    for section in range(3):
        lines += [f"## Phần {section + 1}", ""]
        lines += [unit + "\n" for unit in chosen[section * 4:(section + 1) * 4]]
    return "\n".join(lines)


CONTENTS = ("plain", "structured")
SECTIONS, KHOAN, POINTS, DASHES = 2, 3, 4, 3  # 2 + 6 + 24 + 72 = 104 provisions a page
POINT_LETTERS = "a b c d đ e g h".split()
ROMAN = ["I", "II", "III", "IV"]
SYNTHETIC_FROM = 10000


def structured_markdown(number: int, units: list[str], document: dict[str, str] | None = None,
                        sections: int = SECTIONS) -> str:
    """One synthetic document as printed: mục, khoản, điểm (some on consecutive lines, some as
    paragraphs) and dash items, each with a real sentence; 52 provisions a mục (about 100 with
    the default two). `document`: its front matter (default: Plan <number>/KH-UBND of 2024)."""
    units = [re.sub(r"^(?:[a-zđ]\)|\d+\.|[-–])\s+", "", unit) for unit in units]
    units = [unit for unit in units if len(unit) > 20]
    cursor = (number * 7) % len(units)

    def sentence() -> str:
        nonlocal cursor
        cursor += 1
        return units[cursor % len(units)].rstrip(".;:") + ";"

    # Numbered from 10001: a synthetic document never takes the số ký hiệu of a real one (the
    # 855th would be 855/KH-UBND, and the build refuses two different documents with one number).
    document = document or {
        "loai_van_ban": "Kế hoạch", "so_ky_hieu": f"{SYNTHETIC_FROM + number}/KH-UBND",
        "co_quan_ban_hanh": "UBND tỉnh Ninh Thuận", "ngay_ban_hanh": f"{1 + number % 28:02d}/0{1 + number % 9}/2024",
        "trich_yeu": units[(cursor + 3) % len(units)][:120]}
    title = f"{document['loai_van_ban']} số {document['so_ky_hieu']}"
    lines = front_matter(title, units[cursor % len(units)], document) + [f"# {title}", ""]
    for section in range(sections):
        lines += [f"## {ROMAN[section]}. {sentence().rstrip(';').upper()[:60].rstrip()}", ""]
        for khoan in range(1, KHOAN + 1):
            lines += [f"### {khoan}. {sentence()[:80].rstrip()}", ""]
            for point in range(POINTS):
                letter = POINT_LETTERS[point]
                if khoan % 2:  # points typed on consecutive lines, dash items as a list
                    lines += [f"{letter}) {sentence()}"]
                    lines += [""] + [f"- {sentence()}" for _ in range(DASHES)] + [""]
                else:  # points as paragraphs, dash items on consecutive lines
                    lines += [f"{letter}) {sentence()}"] + [f"– {sentence()}" for _ in range(DASHES)] + [""]
    lines.append("Trên đây là kế hoạch./.")
    return "\n".join(lines) + "\n"


def front_matter(title: str, description: str, document: dict[str, str]) -> list[str]:
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}",
             f"description: {json.dumps(description, ensure_ascii=False)}", "document:"]
    lines += [f"  {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in document.items()]
    return lines + ["---", ""]


# Forms of the synthetic archive's documents, with the code of their số ký hiệu (of another
# issuer than the real documents', whose numbers they must not take).
KINDS = [("Kế hoạch", "KH-SNV"), ("Quyết định", "QĐ-SNV"), ("Báo cáo", "BC-SNV"),
         ("Thông báo", "TB-SNV"), ("Công văn", "SNV-VP")]
ISSUER = "Sở Nội vụ tỉnh Ninh Thuận"
FIRST_YEAR, LAST_YEAR = 2015, 2024
# An archive's structured documents have one mục each: 52 provisions, "about 50" as in issue 11.
ARCHIVE_SECTIONS = 1


def synthetic_document(number: int, total: int, units: list[str]) -> dict[str, str]:
    """Front matter of document `number` (1 … total) of a synthetic archive: half of them issued
    in the last year (one year of a big archive spans many list pages), the others over the nine
    years before; later numbers later. Every one names the first document in its căn cứ (one
    document cited by all the others) and the one before it."""
    kind, code = KINDS[number % len(KINDS)]
    half = total // 2
    if number > half:
        year, rank, count = LAST_YEAR, number - half, total - half
    else:
        years = LAST_YEAR - FIRST_YEAR
        year = FIRST_YEAR + (number - 1) * years // max(half, 1)
        first = next(n for n in range(1, number + 1) if FIRST_YEAR + (n - 1) * years // max(half, 1) == year)
        last = max(n for n in range(number, half + 1) if FIRST_YEAR + (n - 1) * years // max(half, 1) == year)
        rank, count = number - first + 1, last - first + 1
    day_of_year = 1 + (rank - 1) * 360 // max(count, 1)  # never decreasing with the number
    month, day = 1 + (day_of_year - 1) // 30, min(28, 1 + (day_of_year - 1) % 30)
    document = {"loai_van_ban": kind, "so_ky_hieu": f"{number}/{code}", "co_quan_ban_hanh": ISSUER,
                "ngay_ban_hanh": f"{day:02d}/{month:02d}/{year}"}
    if number > 1:
        first_kind, first_code = KINDS[1 % len(KINDS)]
        basis = [f"{first_kind} số 1/{first_code}"]
        if number > 2:
            previous_kind, previous_code = KINDS[(number - 1) % len(KINDS)]
            basis.append(f"{previous_kind} số {number - 1}/{previous_code}")
        document["can_cu"] = "; ".join(basis)
    # Not a sentence of the body: a trích yếu typed again in the text is refused as pasted.
    document["trich_yeu"] = "Về việc " + units[(number * 3) % len(units)][:150].rstrip(" .;:")
    return document


def plain_document(number: int, units: list[str], document: dict[str, str]) -> str:
    """A small document page: front matter and three real sentences (`units` without printed
    markers: no provisions), each a paragraph."""
    title = f"{document['loai_van_ban']} số {document['so_ky_hieu']}"
    start = (number * 7) % len(units)
    body = [units[(start + i) % len(units)] for i in range(3)]
    return "\n".join(front_matter(title, body[0], document) + [f"# {title}", "", "\n\n".join(body), ""])


def synthetic_archive(count: int, docs: Path, content: str = "plain") -> list[str]:
    """Write `count` documents into `docs/van-ban/` as `make new` files them (one page each,
    nothing in the nav: the archive list and its years lead to them); return their paths."""
    from vanban.text import slugify

    units = sentences()
    structured_units = [re.sub(r"^(?:[a-zđ]\)|\d+\.|[-–])\s+", "", unit) for unit in units]
    structured_units = [unit for unit in structured_units if len(unit) > 20]
    paths = []
    for number in range(1, count + 1):
        document = synthetic_document(number, count, structured_units)
        path = docs / "van-ban" / f"{slugify(document['loai_van_ban'] + ' ' + document['so_ky_hieu'])}.md"
        text = structured_markdown(number, units, document, sections=ARCHIVE_SECTIONS) if content == "structured" \
            else plain_document(number, structured_units, document)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def synthetic_pages(pages: int, docs: Path, folder: str, content: str = "plain") -> list:
    """Write `pages` pages under `docs/folder`, 10 per subsection, 10 subsections
    per section; return their nav entries (sections of subsections of pages)."""
    units = sentences()
    nav: list = []
    for number in range(pages):
        sub_index, _ = divmod(number, PAGES_PER_SUBSECTION)
        section, sub = divmod(sub_index, SUBSECTIONS_PER_SECTION)
        path = f"{folder}phan-{section + 1}/muc-{sub + 1}/van-ban-{number + 1}.md"
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        markdown = structured_markdown(number + 1, units) if content == "structured" else page_markdown(number + 1, units)
        (docs / path).write_text(markdown, encoding="utf-8")
        if len(nav) <= section:
            nav.append({f"Phần {section + 1}": []})
        subsections = nav[section][f"Phần {section + 1}"]
        if len(subsections) <= sub:
            subsections.append({f"Mục {section + 1}.{sub + 1}": []})
        subsections[sub][f"Mục {section + 1}.{sub + 1}"].append({f"Văn bản {number + 1}": path})
    return nav


def generate(layout: str, pages: int, docs: Path, content: str = "plain") -> dict:
    """Write the archive for one layout; return how the child changes the nav."""
    shutil.rmtree(docs, ignore_errors=True)
    if layout == "archive":
        # The real site, with the new documents filed as `make new` files them.
        shutil.copytree(ROOT / "docs", docs)
        synthetic_archive(pages, docs, content)
        return {"extend": None, "nav": None}
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(
        "---\ntitle: Trang chủ\ndescription: Kho văn bản thử nghiệm.\n---\n\n# Trang chủ\n\n"
        + sentences()[0] + "\n", encoding="utf-8")
    return {"extend": None, "nav": [{"Trang chủ": "index.md"}, *synthetic_pages(pages, docs, "", content)]}


def build_command(docs: Path, site: Path, nav: dict, variant: dict[str, list[str]],
                  config_file: Path = CONFIG) -> list[str]:
    """A fresh Python that loads mkdocs.yml with overrides and builds, as `make site` does."""
    code = f"""
import json, logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
config = load_config({str(config_file)!r}, docs_dir={str(docs)!r}, site_dir={str(site)!r})
nav = json.loads({json.dumps(nav, ensure_ascii=False)!r})
if nav["extend"]:
    section = next(e for e in config.nav if isinstance(e, dict) and nav["extend"] in e)
    section[nav["extend"]].extend(nav["nav"])
elif nav["nav"] is not None:
    config.nav = nav["nav"]
    # Pages of their own, not the site's: the register of the site's published ids is not theirs.
    config.mdx_configs.get("vanban.extensions.provisions", {{}}).pop("register", None)
features = [f for f in config.theme["features"] if f not in {variant.get("remove", [])!r}]
config.theme["features"] = features + {variant.get("add", [])!r}
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
try:
    build(config)
except Abort as error:
    sys.exit(str(error))
finally:
    config.plugins.on_shutdown()
"""
    return [sys.executable, "-c", code]


def zensical_project(layout: str, pages: int, project: Path, content: str = "plain") -> list[str]:
    """The same archive as a project folder for Zensical, which reads mkdocs.yml but
    builds only inside its project folder and has no --site-dir; return the command."""
    shutil.rmtree(project, ignore_errors=True)
    nav = generate(layout, pages, project / "docs", content)
    text = CONFIG.read_text(encoding="utf-8")
    head, tree = text.split(PAGE_TREE)
    settings = yaml.safe_load(tree)  # not_in_nav and nav
    full = nav["nav"] if nav["nav"] is not None else settings["nav"]
    if nav["extend"]:
        full = settings["nav"]
        next(e for e in full if isinstance(e, dict) and nav["extend"] in e)[nav["extend"]] \
            .extend(nav["nav"])
    (project / "mkdocs.yml").write_text(
        head + PAGE_TREE + yaml.safe_dump({**settings, "nav": full}, allow_unicode=True), encoding="utf-8")
    for folder in ("overrides", "includes", "archive"):
        shutil.copytree(ROOT / folder, project / folder)
    return [str(ZENSICAL), "build", "--strict"]


def measure(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None,
            output: list[str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident memory (MB) of one build process (with `env`
    added to its environment; its standard output's lines appended to `output`, when given).
    CPU time and peak memory include the processes it waited for (Chromium, say)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": "1709078400", **(env or {})}
    with tempfile.TemporaryFile() as stdout:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout if output is not None else subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        stdout.seek(0)
        if output is not None:
            output += stdout.read().decode("utf-8", "replace").splitlines()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"build failed:\n{stderr.decode('utf-8', 'replace')[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def tree_size(site: Path) -> tuple[int, int]:
    """Total bytes of the output and the number of HTML files."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(p.suffix == ".html" for p in files)


def row(label: str, pages: int, seconds: float, cpu: float, peak_mb: float, site: Path,
        previous: tuple[int, float] | None) -> str:
    """One table row; growth is the CPU cost of each page added since the previous size."""
    size, html = tree_size(site)
    growth = f"{(cpu - previous[1]) / (pages - previous[0]) * 1000:.1f}" if previous else "–"
    return (f"| {label} | {pages:,} | {html:,} | {seconds:.1f} | {cpu:.1f} | {growth} "
            f"| {peak_mb:.0f} | {size / 1e6:.1f} |")


def extension_cost(pages: int = 100) -> tuple[float, float, int]:
    """CPU milliseconds per structured page to convert with the site's Markdown extensions without
    and with the provisions extension (best of three runs each), and provisions per page."""
    import markdown
    from mkdocs.config import load_config

    from vanban.extensions.provisions import ProvisionsExtension

    config = load_config(str(CONFIG))
    names = list(config.markdown_extensions)
    options = dict(config.mdx_configs)
    units = sentences()
    bodies = [structured_markdown(n, units).split("---\n", 2)[2] for n in range(1, pages + 1)]
    found = 0

    def run(with_provisions: bool) -> float:
        nonlocal found
        best = float("inf")
        for _ in range(3):
            started = time.process_time()  # CPU time: less sensitive to other load
            for body in bodies:
                extensions = [ProvisionsExtension(document=True) if n == "vanban.extensions.provisions" else n
                              for n in names if with_provisions or n != "vanban.extensions.provisions"]
                md = markdown.Markdown(extensions=extensions,
                                       extension_configs={k: v for k, v in options.items()
                                                          if k != "vanban.extensions.provisions"})
                md.convert(body)
                found = len(getattr(md, "provisions", [])) or found
            best = min(best, time.process_time() - started)
        return best / pages * 1000

    without, with_ = run(False), run(True)
    return without, with_, found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--layout", choices=LAYOUTS, nargs="+", default=list(LAYOUTS))
    parser.add_argument("--keep", action="store_true", help="keep the built sites in build/")
    parser.add_argument("--content", choices=CONTENTS, nargs="+", default=list(CONTENTS),
                        help="plain pages (as before) or structured documents (provisions)")
    parser.add_argument("--variant", choices=[*VARIANTS, "zensical"], nargs="+",
                        default=["mkdocs.yml", "zensical"] if ZENSICAL.exists() else ["mkdocs.yml"],
                        help="MkDocs with mkdocs.yml's features or a variant of them, or Zensical "
                             "(build/zensical-venv, `make zensical`) on the same archive")
    args = parser.parse_args(argv if argv is not None else [])
    if "structured" in args.content:
        without, with_, found = extension_cost()
        print(f"Provisions extension, per structured page ({found} provisions): Markdown conversion "
              f"{without:.1f} ms without it, {with_:.1f} ms with it: {with_ - without:.1f} ms its own "
              f"({(with_ - without) / found * 1000:.0f} µs a provision).\n")
    print("| layout | content | config | pages | HTML files | wall s | CPU s | CPU ms per added page "
          "| peak RSS MB | output MB |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    lists: list[str] = []
    for layout, content in ((layout, content) for layout in args.layout for content in args.content):
        for name in args.variant:
            previous = None
            for pages in args.sizes:
                docs, site = WORK / f"docs-{layout}-{pages}", WORK / f"site-{layout}-{pages}"
                if name == "zensical":
                    project = WORK / f"zensical-{layout}-{pages}"
                    command = zensical_project(layout, pages, project, content)
                    seconds, cpu, peak = measure(command, cwd=project)
                    site = project / "site"
                else:
                    nav = generate(layout, pages, docs, content)
                    seconds, cpu, peak = measure(build_command(docs, site, nav, VARIANTS[name]))
                print(row(f"{layout} | {content} | {name}", pages, seconds, cpu, peak, site, previous), flush=True)
                previous = (pages, cpu)
                if layout == "archive":
                    lists.append(list_row(f"{content} | {name}", pages, seconds, peak, site))
                    print(f"<!-- archive list: {lists[-1]} -->", flush=True)
                if not args.keep:
                    shutil.rmtree(project if name == "zensical" else site, ignore_errors=True)
    if lists:
        print("\nThe archive list (the \"Văn bản\" page, van-ban/index) and the heaviest pages of the same "
              "builds; first view: every response of a fresh load in Chromium at 1280 px, gzip level 9 "
              f"(budgets: HTML {HTML_BUDGET // 1024} KiB a page, first view {FIRST_VIEW_BUDGET // 1024} KiB).\n")
        print("| content | config | documents | list HTML KiB | list first view KiB gzip | heaviest year list "
              "HTML KiB | heaviest document HTML KiB | heaviest page | wall s | peak RSS MB |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
        for line in lists:
            print(line)


HTML_BUDGET, FIRST_VIEW_BUDGET = 60 * 1024, 80 * 1024


def first_view_bytes(site: Path, path: str) -> int:
    """Gzip bytes of every response of a fresh load of `path` in Chromium, as tests/test_budget.py
    measures the first view."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from scripts import browser as browser_setup

    sys.path.insert(0, str(ROOT / "tests"))
    from test_budget import first_view

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(**browser_setup.launch_options())
            sizes = first_view(chromium, f"http://127.0.0.1:{server.server_address[1]}/{path}",
                               {"width": 1280, "height": 900})
            chromium.close()
    finally:
        server.shutdown()
    return sum(sizes.values())


def list_row(label: str, documents: int, seconds: float, peak_mb: float, site: Path) -> str:
    """Weights of the archive list page and of the heaviest pages of one build."""
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in {"assets", "search"}]
    index = site / "van-ban" / "index.html"
    years = [p for p in pages if p.relative_to(site).as_posix().startswith("van-ban/nam-")]
    listed = {p for p in years} | {index}
    documents_html = [p for p in pages if p.parent.parent == site / "van-ban" and p not in listed]
    heaviest = max(pages, key=lambda p: p.stat().st_size)
    kib = lambda path: f"{path.stat().st_size / 1024:.1f}" if path else "–"  # noqa: E731
    return (f"| {label} | {documents:,} | {kib(index)} | {first_view_bytes(site, 'van-ban/') / 1024:.1f} "
            f"| {kib(max(years, key=lambda p: p.stat().st_size)) if years else '–'} "
            f"| {kib(max(documents_html, key=lambda p: p.stat().st_size))} "
            f"| {heaviest.relative_to(site).as_posix()} ({kib(heaviest)}) | {seconds:.1f} | {peak_mb:.0f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
