"""Print each document's own PDF from the print edition, reusing a cached PDF when nothing printed changed.

Usage: python -m scripts.document_pdf PRINT_SITE OUT_DIR [--epoch SECONDS] [--cache DIR]

The print edition lists its documents in `ban-in/van-ban.json` (hooks/document_print.py): for
each, its print page (the document page as the theme renders it, with the text of its parts),
the PDF's name, its metadata and its provision tree. Each is printed by Chromium (Playwright,
`scripts.browser`) to an A4, tagged PDF with the margins of Decree 30/2020/NĐ-CP; site.css's print styles
numbers the pages from the second, centred at the top, and sets the text in Noto Serif, which
Chromium embeds. No request may leave the print edition's folder. pypdf then sets the metadata
(title: the document's designation; author: the issuing body; subject: its trích yếu; language;
dates from SOURCE_DATE_EPOCH), opens the bookmarks panel, and writes one bookmark per provision,
nested as the provision tree, titled by its printed label and the start of its text ("a) Nâng
cao vai trò, trách nhiệm của người đứng đầu…"), each pointing where the provision's own link
points: Chromium writes a named destination for every link target, and each provision's printed
label is a link to it (the print page refuses a provision without one).

The cache (`build/pdf-cache/`, or `--cache`, or $PDF_CACHE_DIR): a document is printed only when
what would be printed changed. Its key is a SHA-256 of the print page, of every file it loads
(stylesheets and what they load), of the metadata and provision tree, and of the printing set-up
(Chromium's version, the installed fonts, Playwright's and pypdf's versions, this file,
scripts/pdf.py and scripts/browser.py). The cached file is the finished PDF with a placeholder date; every build writes
its own date into it. A PDF date string has a fixed length, so the bytes are exactly those a fresh
print gives (the tests check it). A cached file not used for `PRUNE_DAYS` days is removed.

Prints one line per document: "printed <name>" or "cached <name>", then a total.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from scripts.pdf import LANGUAGE, MARGINS_MM, PdfError, launch_chromium, only_from, pdf_date

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "ban-in/van-ban.json"
CACHE_DIR = ROOT / "build" / "pdf-cache"
PRUNE_DAYS = 30
# Bump to throw every cached PDF away.
CACHE_VERSION = "1"
# The date a cached PDF holds in place of the build's own (as long as any other).
PLACEHOLDER_EPOCH = 0
# Longest bookmark title, in characters, before it is cut at a word and ends with "…".
TITLE_LENGTH = 80

OPTIONS = {
    "format": "A4",
    "margin": {side: f"{mm}mm" for side, mm in MARGINS_MM.items()},
    "display_header_footer": False,
    "outline": False,
    "tagged": True,
}


@dataclass
class Report:
    """What one run did: the PDFs printed and those taken from the cache, by name."""

    printed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)


# --- bookmarks -----------------------------------------------------------------------------------

def bookmark_title(provision: dict[str, Any], length: int = TITLE_LENGTH) -> str:
    """A provision's bookmark: its printed label and the start of its own text (its first
    paragraph: a heading's title, not the unmarked paragraphs under it), cut at a word with "…"
    when longer than `length`: "a) Nâng cao vai trò, trách nhiệm…"."""
    first = (provision["text"] or "").split("\n", 1)[0]
    text = " ".join(f"{provision['label']} {first}".split()) or provision["name"]
    if len(text) <= length:
        return text
    cut = text[:length - 1]
    if " " in cut:
        cut = cut[:cut.rfind(" ")]
    return cut.rstrip(" ,;:.") + "…"


def add_bookmarks(writer, reader, provisions: list[dict[str, Any]]) -> None:
    """One bookmark per provision, nested as the tree, at the provision's named destination
    (the page and height its own link lands on); the first level open, the rest closed."""
    from pypdf.generic import Fit

    # pypdf reads both forms of named destinations (the catalogue's /Dests, the /Names tree).
    destinations = {name.removeprefix("/"): value for name, value in reader.named_destinations.items()}

    def add(items: list[dict[str, Any]], parent, depth: int) -> None:
        for item in items:
            destination = destinations.get(item["eid"])
            if destination is None:
                raise PdfError(f"no destination for provision {item['eid']} in the PDF")
            page = reader.get_destination_page_number(destination)
            if page < 0:
                raise PdfError(f"the destination of {item['eid']} is on no page")
            entry = writer.add_outline_item(title=bookmark_title(item), page_number=page, parent=parent,
                                            fit=Fit.xyz(destination.left, destination.top, None),
                                            is_open=depth == 0 and bool(item["children"]))
            add(item["children"], entry, depth + 1)

    add(provisions, None, 0)


# --- finishing -----------------------------------------------------------------------------------

def finish(data: bytes, entry: dict[str, Any], epoch: int) -> bytes:
    """Chromium's PDF with its metadata, language, dates and bookmarks."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # keep Chromium's version (tagged PDF needs 1.4)
    date = pdf_date(epoch)
    meta = entry["metadata"]
    writer.add_metadata({
        "/Title": meta["title"],
        "/Author": meta["author"],
        "/Subject": meta["subject"],
        "/Keywords": meta["keywords"],
        "/Creator": "MkDocs, Chromium",
        "/CreationDate": date,
        "/ModDate": date,
    })
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(LANGUAGE)
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    preferences = root.get("/ViewerPreferences")
    preferences = preferences.get_object() if preferences is not None else DictionaryObject()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    root[NameObject("/ViewerPreferences")] = preferences
    add_bookmarks(writer, reader, entry["provisions"])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def dated(data: bytes, epoch: int) -> bytes:
    """A PDF finished with the placeholder date, with `epoch`'s date instead: the same length,
    so every offset stays; the information dictionary holds it twice (creation, modification)."""
    placeholder, date = _serialised(pdf_date(PLACEHOLDER_EPOCH)), _serialised(pdf_date(epoch))
    if len(placeholder) != len(date) or data.count(placeholder) != 2:
        raise PdfError("a cached PDF does not hold the placeholder date twice")
    return data.replace(placeholder, date)


def _serialised(text: str) -> bytes:
    """A string as pypdf writes it into the PDF (with its escapes, "(D\\07220240228…)")."""
    from pypdf.generic import TextStringObject

    out = io.BytesIO()
    TextStringObject(text).write_to_stream(out)
    return out.getvalue()


# --- the cache key -------------------------------------------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_HTML_URL = re.compile(r"""<(?:link|script|img|source|video|audio|iframe|object|embed)\b[^>]*?\s(?:href|src|data)="([^"]+)\"""")


def _local(reference: str, base: Path, site: Path) -> Path | None:
    """The file of the print edition a relative reference names, if any."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path or reference.startswith(("#", "/")):
        return None
    path = (base.parent / unquote(parts.path)).resolve()
    return path if path.is_file() and path.is_relative_to(site.resolve()) else None


def resources(page: Path, site: Path) -> list[Path]:
    """Every file of the print edition the page loads, and what they load (CSS url(), @import)."""
    found: dict[Path, None] = {}
    pending = [path for reference in _HTML_URL.findall(page.read_text(encoding="utf-8"))
               if (path := _local(reference, page, site))]
    while pending:
        path = pending.pop(0)
        if path in found:
            continue
        found[path] = None
        if path.suffix == ".css":
            for match in _CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
                nested = _local(match[2] or match[4], path, site)
                if nested:
                    pending.append(nested)
    return sorted(found)


def chromium_version() -> str:
    """The version string of the Chromium that prints (`--version`), or its path when it has none."""
    from scripts.browser import system_chromium

    path = system_chromium()
    if path is None:
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                path = playwright.chromium.executable_path
        except Exception:  # noqa: BLE001 - any failure: the print will report it
            return "unknown"
    try:
        result = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60, check=False)
        return result.stdout.strip() or path
    except (OSError, subprocess.SubprocessError):
        return path


def fonts() -> str:
    """The installed fonts as fontconfig lists them, with each file's size and time: a font
    installed, removed or updated changes what Chromium may draw with."""
    try:
        listing = subprocess.run(["fc-list", "--format", "%{file}|%{fontversion}|%{style}\n"],
                                 capture_output=True, text=True, check=False).stdout
    except OSError:
        return "no fontconfig"
    lines = []
    for line in sorted(set(listing.splitlines())):
        path = Path(line.split("|", 1)[0])
        stat = path.stat() if path.is_file() else None
        lines.append(f"{line}|{stat.st_size if stat else ''}|{stat.st_mtime_ns if stat else ''}")
    return "\n".join(lines)


def setup_key() -> bytes:
    """What every document's PDF depends on besides its own page: the printing set-up."""
    parts = [CACHE_VERSION, chromium_version(), fonts(), json.dumps(OPTIONS, sort_keys=True)]
    for package in ("playwright", "pypdf"):
        parts.append(f"{package} {package_metadata.version(package)}")
    for source in (Path(__file__), ROOT / "scripts" / "pdf.py", ROOT / "scripts" / "browser.py"):
        parts.append(hashlib.sha256(source.read_bytes()).hexdigest())
    return "\n".join(parts).encode("utf-8")


def cache_key(page: Path, site: Path, entry: dict[str, Any], setup: bytes,
              digests: dict[Path, str] | None = None) -> str:
    """The SHA-256 of everything the document's finished PDF (before its date) depends on."""
    digests = {} if digests is None else digests
    key = hashlib.sha256(setup)
    key.update(hashlib.sha256(page.read_bytes()).digest())
    for path in resources(page, site):
        if path not in digests:
            digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        key.update(f"{path.relative_to(site.resolve()).as_posix()} {digests[path]}\n".encode())
    key.update(json.dumps({k: v for k, v in entry.items() if k != "print_page"}, sort_keys=True,
                          ensure_ascii=False).encode("utf-8"))
    return key.hexdigest()


# --- printing ------------------------------------------------------------------------------------

def print_pages(pages: list[Path], site: Path) -> Iterator[bytes]:
    """Chromium's PDF of each page, one after the other, in one browser (each is finished and
    cached before the next is printed); no request may leave the print edition."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []
    route = only_from((site.resolve().as_uri() + "/", "data:", "about:"), outside)

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for path in pages:
                # A fresh context (and renderer) for each document: Chromium numbers the tagged
                # PDF's structure elements (/ID (node00000144)) by the renderer's DOM nodes, so a
                # page printed after another would not give the bytes it gives alone.
                context = browser.new_context()
                page = context.new_page()
                page.route("**/*", route)
                page.on("console", lambda message: message.type == "error" and errors.append(message.text))
                page.on("pageerror", lambda error: errors.append(str(error)))
                page.emulate_media(media="print")
                try:
                    page.goto(path.resolve().as_uri(), wait_until="load")
                    page.evaluate("document.fonts.ready.then(() => true)")
                    data = page.pdf(**OPTIONS)
                except PlaywrightError as error:
                    raise PdfError(f"Chromium, printing {path.name}: {error.message.splitlines()[0]}") from error
                finally:
                    context.close()
                if outside:
                    raise PdfError(f"{path.name} requested outside URLs: {sorted(set(outside))}")
                if errors:
                    raise PdfError(f"{path.name} had errors: {errors}")
                yield data
        finally:
            browser.close()


def _prune(cache: Path, used: set[Path]) -> None:
    limit = time.time() - PRUNE_DAYS * 86400
    for path in cache.glob("*.pdf"):
        if path not in used and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def build(site: Path, out_dir: Path, epoch: int, cache: Path | None = None) -> Report:
    """Every document's PDF into `out_dir`, printed or from the cache."""
    cache = cache or Path(os.environ.get("PDF_CACHE_DIR") or CACHE_DIR)
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))["documents"]
    report = Report()
    if not manifest:
        return report
    cache.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    setup = setup_key()
    digests: dict[Path, str] = {}
    keyed = [(entry, cache / f"{cache_key(site / entry['print_page'], site, entry, setup, digests)}.pdf")
             for entry in manifest]
    missing = [(entry, path) for entry, path in keyed if not path.is_file()]
    pending = iter(missing)
    # Every page printed is finished and cached at once; the loop runs the printer to its end.
    for data in print_pages([site / entry["print_page"] for entry, _ in missing], site) if missing else ():
        entry, path = next(pending)
        finished = finish(data, entry, PLACEHOLDER_EPOCH)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(finished)
        temporary.replace(path)  # atomic: a concurrent build never reads half a file
    fresh = {path for _, path in missing}
    for entry, path in keyed:
        (out_dir / entry["pdf"]).write_bytes(dated(path.read_bytes(), epoch))
        if path in fresh:
            report.printed.append(entry["pdf"])
        else:
            os.utime(path)  # recently used: kept by the pruning
            report.cached.append(entry["pdf"])
    _prune(cache, {path for _, path in keyed})
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built print edition")
    parser.add_argument("out", type=Path, help="folder for the PDFs")
    parser.add_argument("--epoch", type=int, default=None, help="dates (default: SOURCE_DATE_EPOCH)")
    parser.add_argument("--cache", type=Path, default=None, help=f"default: $PDF_CACHE_DIR or {CACHE_DIR}")
    args = parser.parse_args(argv)
    from scripts.build_site import source_date_epoch

    epoch = args.epoch if args.epoch is not None else source_date_epoch()
    started = time.perf_counter()
    try:
        report = build(args.site, args.out, epoch, args.cache)
    except PdfError as error:
        print(f"PDF failed: {error}", file=sys.stderr)
        return 1
    for name in report.printed:
        print(f"printed {name}")
    for name in report.cached:
        print(f"cached {name}")
    print(f"document PDFs: {len(report.printed)} printed, {len(report.cached)} from the cache "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
