"""Scale benchmark: build synthetic archives of 10, 100 and 1,000 pages.

Usage: python -m bench.scale [--sizes 10 100 1000] [--layout ...] [--variant ...] [--keep]

The province will add documents for years. Each archive is generated from the
source post's real sentences into nested sections (10 pages per subsection,
10 subsections per section) with an explicit `nav`, and built with this
project's own `mkdocs.yml` (theme, hooks, plugins, extensions, strict) in a
fresh subprocess; only `docs_dir`, `site_dir`, the `nav` and, per variant, the
theme's features change. Two layouts (see LAYOUTS). When build/zensical-venv
exists, Zensical builds the same archives too.

Two kinds of page content (CONTENTS): "plain", the pages as before (titles and
real sentences in three sections), and "structured", real document pages
(`document:` front matter; I. -> 1. -> a) -> - with about 100 provisions a
page, from the same sentences) that the provisions extension reads, as an
archive of documents will be. The extension's own cost per page is measured
in-process: the same pages converted by Python-Markdown with the site's
extensions, with and without it.

Reports wall time, CPU time (user + system), peak memory of the build process
and output size as a Markdown table (reported, never asserted). Wall time
depends on what else the machine runs; CPU time much less."""

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
# Layouts: "archive" files the new pages under the real site's "Văn bản"
# section (Văn bản > Phần > Mục > page), next to its 11 pages; "sections" makes
# 10 top-level sections, each expanded on every page by navigation.sections.
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


def structured_markdown(number: int, units: list[str]) -> str:
    """One synthetic document as printed: mục, khoản, điểm (some on consecutive lines, some as
    paragraphs) and dash items, each with a real sentence; about 100 provisions."""
    units = [re.sub(r"^(?:[a-zđ]\)|\d+\.|[-–])\s+", "", unit) for unit in units]
    units = [unit for unit in units if len(unit) > 20]
    cursor = (number * 7) % len(units)

    def sentence() -> str:
        nonlocal cursor
        cursor += 1
        return units[cursor % len(units)].rstrip(".;:") + ";"

    # Numbered from 10001: a synthetic document never takes the số ký hiệu of a real one (the
    # 855th would be 855/KH-UBND, and the build refuses two different documents with one number).
    symbol = f"{SYNTHETIC_FROM + number}/KH-UBND"
    title = f"Kế hoạch số {symbol}"
    lines = ["---", f"title: {title}", f"description: {json.dumps(units[cursor % len(units)], ensure_ascii=False)}",
             "document:", "  loai_van_ban: Kế hoạch", f"  so_ky_hieu: {symbol}",
             "  co_quan_ban_hanh: UBND tỉnh Ninh Thuận", f"  ngay_ban_hanh: {1 + number % 28:02d}/0{1 + number % 9}/2024",
             f"  trich_yeu: {json.dumps(units[(cursor + 3) % len(units)][:120], ensure_ascii=False)}",
             "---", "", f"# {title}", ""]
    for section in range(SECTIONS):
        lines += [f"## {ROMAN[section]}. {sentence().rstrip(';').upper()[:60].strip()}", ""]
        for khoan in range(1, KHOAN + 1):
            lines += [f"### {khoan}. {sentence()[:80].strip()}", ""]
            for point in range(POINTS):
                letter = POINT_LETTERS[point]
                if khoan % 2:  # points typed on consecutive lines, dash items as a list
                    lines += [f"{letter}) {sentence()}"]
                    lines += [""] + [f"- {sentence()}" for _ in range(DASHES)] + [""]
                else:  # points as paragraphs, dash items on consecutive lines
                    lines += [f"{letter}) {sentence()}"] + [f"– {sentence()}" for _ in range(DASHES)] + [""]
    lines.append("Trên đây là kế hoạch./.")
    return "\n".join(lines) + "\n"


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
        # The real site, with the new documents filed under its "Văn bản" section.
        shutil.copytree(ROOT / "docs", docs)
        return {"extend": ARCHIVE_SECTION, "nav": synthetic_pages(pages, docs, "van-ban/", content)}
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
else:
    config.nav = nav["nav"]
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
    full = nav["nav"]
    if nav["extend"]:
        full = yaml.safe_load(tree)["nav"]
        next(e for e in full if isinstance(e, dict) and nav["extend"] in e)[nav["extend"]] \
            .extend(nav["nav"])
    (project / "mkdocs.yml").write_text(
        head + PAGE_TREE + yaml.safe_dump({"nav": full}, allow_unicode=True), encoding="utf-8")
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
                if not args.keep:
                    shutil.rmtree(project if name == "zensical" else site, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
