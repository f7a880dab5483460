"""Helpers shared by the tests: the archived source and the built pages' text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "archive" / "000_6e4504a7be753a4b.txt"

# The page footer's visitor counter is not part of the post.
COUNTER_START = "Thống kê truy cập"
# Split after a sentence end before a capital, a clause letter "d)" or a "- " item.
_UNIT_BREAK = re.compile(r"(?<=[.;:])\s+(?=- )|(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ]|[a-zđ]\) )")
_HEADING = re.compile(r"^\d+\. .+:$")


def generated_pages(docs: Path = ROOT / "docs") -> list[str]:
    """Pages the build adds that have no file in docs/ (the archive's year list pages,
    hooks/archive.py), as paths relative to docs/."""
    from vanban import archive, catalog

    site = catalog.read(docs)
    index = site.archive_index()
    return [page.path for page in archive.year_pages(site, index)] if index else []


def squash(text: str) -> str:
    """Collapse every run of white space (NBSP included) into one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def source_units() -> list[str]:
    """The source's sentences (and list items, headings, lines), in order, verbatim."""
    text = SOURCE.read_text(encoding="utf-8")
    body, counter_and_footer = text.split(COUNTER_START, 1)
    footer = [line for line in counter_and_footer.splitlines() if "•" not in line]
    text = body + "\n".join(footer)
    units: list[str] = []
    for line in text.splitlines():
        line = squash(line)
        if not line:
            continue
        if _HEADING.match(line):
            units.append(line[:-1])
            continue
        for unit in _UNIT_BREAK.split(line):
            unit = unit.removeprefix("- ").strip()
            if unit:
                units.append(unit)
    return units


# The official layout of a document page (overrides/partials/the-thuc.html) restates its front
# matter, as the properties box does: its tên loại and trích yếu, one under the other, read as the
# plan's title, which the home page holds. The source's sentences are counted in the pages' text.
LAYOUT = ".doc-header, .doc-title, .doc-recipients, .doc-footer"


def page_text(html: str) -> str:
    """Visible text of a page's article, permalink signs and the official layout removed."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    for element in article.select(f"a.headerlink, {LAYOUT}"):
        element.decompose()
    return squash(article.get_text(""))


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)
