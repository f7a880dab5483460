"""Make the PDF of the whole plan from the print edition's combined page.

Usage: python -m scripts.pdf PRINT_PAGE OUT.pdf [--config mkdocs.print.yml]
       python -m scripts.pdf --text FILE.pdf

The print page (mkdocs-print-site-plugin, `mkdocs.print.yml`) holds a cover
with the document properties, a table of contents and every page in nav order.
Chromium, driven by Playwright and launched through `scripts.browser`, prints
it to an A4, tagged PDF with an outline, a running title and page numbers,
twice: the first print tells on which page each heading falls, and those
numbers are written into the table of contents for the second. Every request
that would leave the build folder is refused, and one attempted fails the
build. pypdf then sets the metadata (title, author, subject, language), the
dates from SOURCE_DATE_EPOCH (so one commit always gives the same bytes) and
the bookmarks' titles from the headings. Chromium embeds (subsets of) every
font it uses; the print styles (docs/assets/site.css) ask for Noto Serif,
which has every Vietnamese letter.

`--text` prints the text of the page bodies (running title and page numbers
cropped away) as `pdftotext` (poppler-utils) extracts it: what the tests check.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT_CONFIG = ROOT / "mkdocs.print.yml"

# Same margins as the @page rule of docs/assets/site.css (Nghị định
# 30/2020/NĐ-CP): the running title and page numbers are drawn inside them.
MARGINS_MM = {"top": 20, "right": 15, "bottom": 20, "left": 30}
LANGUAGE = "vi"
# Chromium's A4, in PostScript points.
PAGE_HEIGHT_PT = 842.88
PT_PER_MM = 72 / 25.4

_FONT = "font-family: 'Noto Serif', 'Times New Roman', serif; font-size: 8pt; color: #444;"
FOOTER = (f'<div style="{_FONT} box-sizing: border-box; width: 100%; padding: 0 15mm 0 30mm; text-align: right;">'
          'Trang <span class="pageNumber"></span>/<span class="totalPages"></span></div>')


def header(title: str) -> str:
    """Running title of every page (Chromium's header template)."""
    return (f'<div style="{_FONT} box-sizing: border-box; width: 100%; padding: 0 15mm 0 30mm;">'
            f'{html.escape(title)}</div>')


class PdfError(RuntimeError):
    """The PDF could not be made as required."""


@dataclass(frozen=True)
class Metadata:
    """The PDF's document information (shown by readers, read by archives)."""

    title: str
    author: str
    subject: str
    language: str = LANGUAGE


def metadata_from_config(config_file: Path = PRINT_CONFIG) -> Metadata:
    """Title, author and subject from the site's configuration (one source)."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return Metadata(title=config.site_name, author=config.site_author or "",
                    subject=config.site_description or "")


# The printed headings in document order, and for each link of the table of
# contents the index of the first printed heading at its target (-1: none).
HEADINGS_JS = r"""() => {
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(heading => heading.checkVisibility());
  const toc = [...document.querySelectorAll('#print-page-toc a[href^="#"]')].map(link => {
    const target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    const heading = target && headings.find(h => h === target || target.contains(h));
    return heading ? headings.indexOf(heading) : -1;
  });
  return {titles: headings.map(h => h.innerText.replace(/\s+/g, ' ').trim()), toc};
}"""

# Write each entry's page number into the table of contents (the print styles
# lay it out at the right, after a dotted leader).
TOC_PAGES_JS = r"""(pages) => {
  [...document.querySelectorAll('#print-page-toc a[href^="#"]')].forEach((link, i) => {
    const number = document.createElement('span');
    number.className = 'print-toc-page';
    number.textContent = pages[i];
    link.append(number);
  });
}"""


def outline_pages(data: bytes) -> list[int]:
    """The page (from 1) of every outline entry, depth first: document order."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages: list[int] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                pages.append(reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return pages


# Links to files of the site other than pages (van-ban.json, say) would point
# at the temporary print folder on this machine: make them absolute on the
# published site when its address is known, else plain text.
LOCAL_LINKS_JS = """siteUrl => {
  for (const link of document.querySelectorAll("a[href]")) {
    if (link.protocol !== "file:" || link.pathname === location.pathname) continue;
    if (siteUrl) link.href = new URL(link.getAttribute("href"), siteUrl).href;
    else link.removeAttribute("href");
  }
}"""


def launch_chromium(playwright):
    """Chromium for printing (`scripts.browser.launch_options`), or PdfError saying how to install it."""
    from playwright.sync_api import Error as PlaywrightError

    from scripts.browser import launch_options

    try:
        return playwright.chromium.launch(**launch_options())
    except PlaywrightError as error:
        raise PdfError(f"Chromium did not start ({error.message.splitlines()[0]}); "
                       "install it: `python -m scripts.browser --install`") from error


def only_from(prefixes: tuple[str, ...], outside: list[str]):
    """A Playwright route handler: requests whose URL starts with one of `prefixes` go on; any
    other is aborted and its URL appended to `outside` (a printed page requests nothing else)."""
    def route(route) -> None:
        url = route.request.url
        if url.startswith(prefixes):
            route.continue_()
        else:
            outside.append(url)
            route.abort()
    return route


def print_to_pdf(print_page: Path, header: str) -> tuple[bytes, list[str]]:
    """Chromium's PDF of the page, with no request outside its folder, and the
    text of the page's printed headings in document order (for the outline).

    Chromium cannot number the table of contents (no CSS target-counter), so
    the page is printed twice: the first PDF's outline tells on which page each
    heading falls; those numbers go into the table of contents, and the second
    PDF must put every heading on the same page."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []
    options = {
        "format": "A4",
        "margin": {side: f"{mm}mm" for side, mm in MARGINS_MM.items()},
        "display_header_footer": True,
        "header_template": header,
        "footer_template": FOOTER,
        "outline": True,
        "tagged": True,
    }
    route = only_from(("file:", "data:", "about:"), outside)

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            if not print_page.is_file():
                raise PdfError(f"no print page at {print_page}")
            page = browser.new_page()
            page.route("**/*", route)
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(print_page.resolve().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            page.evaluate(LOCAL_LINKS_JS, os.environ.get("SITE_URL", ""))
            page.evaluate("document.fonts.ready.then(() => true)")
            found = page.evaluate(HEADINGS_JS)
            if not found["toc"] or -1 in found["toc"]:
                raise PdfError(f"table of contents missing or pointing nowhere: {found['toc']}")
            pages = outline_pages(page.pdf(**options))
            if len(pages) != len(found["titles"]):
                raise PdfError(f"the PDF outline has {len(pages)} entries for {len(found['titles'])} headings")
            page.evaluate(TOC_PAGES_JS, [pages[index] for index in found["toc"]])
            data = page.pdf(**options)
            if outline_pages(data) != pages:
                raise PdfError("numbering the table of contents moved headings to other pages")
        except PlaywrightError as error:
            raise PdfError(f"Chromium: {error.message.splitlines()[0]}") from error
        finally:
            browser.close()
    if outside:
        raise PdfError(f"the print page requested outside URLs: {sorted(set(outside))}")
    if errors:
        raise PdfError(f"the print page had errors: {errors}")
    return data, found["titles"]


def retitle_outline(root, titles: list[str]) -> None:
    """Give the outline entries (bookmarks) the headings' text, in document order.

    Chromium 156 builds each entry's title from the heading's laid-out text and
    sometimes repeats it ("Mục lụcMục lục") or drops the space at a line
    wrap; its destinations are right. The outline lists the printed headings in
    document order, so a depth-first walk pairs them one to one."""
    from pypdf.generic import NameObject, TextStringObject

    entries = []

    def walk(item) -> None:
        while item is not None:
            item = item.get_object()
            entries.append(item)
            walk(item.get("/First"))
            item = item.get("/Next")

    outlines = root.get("/Outlines")
    walk(outlines.get_object().get("/First") if outlines else None)
    if len(entries) != len(titles):
        raise PdfError(f"the PDF outline has {len(entries)} entries for {len(titles)} headings")
    for entry, title in zip(entries, titles):
        entry[NameObject("/Title")] = TextStringObject(title)


def pdf_date(epoch: int) -> str:
    """A PDF date string (UTC) for a Unix time."""
    return time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch))


def finish(data: bytes, headings: list[str], metadata: Metadata, epoch: int) -> bytes:
    """The PDF with its title, author, subject, language, fixed dates and the
    outline's titles taken from the headings."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # keep Chromium's version (tagged PDF needs 1.4)
    date = pdf_date(epoch)
    writer.add_metadata({
        "/Title": metadata.title,
        "/Author": metadata.author,
        "/Subject": metadata.subject,
        "/Creator": "MkDocs, mkdocs-print-site-plugin, Chromium",
        "/CreationDate": date,
        "/ModDate": date,
    })
    # Chromium writes /Lang for a tagged PDF from <html lang>; set it anyway.
    writer.root_object[NameObject("/Lang")] = TextStringObject(metadata.language)
    retitle_outline(writer.root_object, headings)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_pdf(print_page: Path, out: Path, metadata: Metadata, epoch: int) -> None:
    """Print the page to `out` as the finished PDF."""
    out.parent.mkdir(parents=True, exist_ok=True)
    data, headings = print_to_pdf(print_page, header(metadata.title))
    out.write_bytes(finish(data, headings, metadata, epoch))


def body_text(pdf: Path, first_page: int = 1, last_page: int = 0) -> str:
    """`pdftotext` of the page bodies only (from `first_page` to `last_page`,
    0 for the last page of the document): the running
    title and page numbers in the margins are cropped away, so a sentence that
    runs over a page break comes out whole. Reading order, not `-layout`:
    `-layout` keeps lines side by side, so table cells that wrap over several
    lines would come out interleaved."""
    top = MARGINS_MM["top"] * PT_PER_MM
    height = PAGE_HEIGHT_PT - top - MARGINS_MM["bottom"] * PT_PER_MM
    # At the default 72 dpi, pdftotext's crop box is in points.
    command = ["pdftotext", "-enc", "UTF-8", "-f", str(first_page), "-l", str(last_page), "-x", "0", "-y", f"{top - 2:.0f}",
               "-W", "1000", "-H", f"{height + 4:.0f}", str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True, encoding="utf-8").stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the print page (or, with --text, a PDF)")
    parser.add_argument("out", type=Path, nargs="?", help="the PDF to write")
    parser.add_argument("--config", type=Path, default=PRINT_CONFIG, help="config for title and author")
    parser.add_argument("--epoch", type=int, default=None, help="dates (default: SOURCE_DATE_EPOCH)")
    parser.add_argument("--text", action="store_true", help="print the body text of a PDF")
    args = parser.parse_args(argv)
    if args.text:
        sys.stdout.write(body_text(args.source))
        return 0
    if args.out is None:
        parser.error("OUT.pdf is required")
    from scripts.build_site import source_date_epoch

    epoch = args.epoch if args.epoch is not None else source_date_epoch()
    try:
        build_pdf(args.source, args.out, metadata_from_config(args.config), epoch)
    except PdfError as error:
        print(f"PDF failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
