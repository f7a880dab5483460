"""The archive list: every document of the site, newest first, grouped by year.

Generated from the documents' front matter (`vanban.catalog`), never written by hand. The page
with front matter `archive: index` (docs/van-ban/index.md) lists the newest documents and the
years; each year has its own list pages (`van-ban/nam-2024/index.md`, then
`van-ban/nam-2024/trang-2.md` …), which the MkDocs adapter `hooks/archive.py` adds to the build
and the year's first page to the nav. A page holds at most `per_page` documents and about
`page_bytes` bytes of them, so that no list page outgrows the HTML budget however many documents
a year has and however long their abstracts (trích yếu) are; the nav lists years, never
documents.

Pure functions, no MkDocs: the archive extension (`vanban.extensions.archive`) renders the
pages the same way under MkDocs and Zensical.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import yaml

from vanban.catalog import Catalog, Document

INDEX = "index"
# Front matter `archive:` of a year's list page: "2024" (its first page) or "2024/3".
_YEAR_VALUE = re.compile(r"(\d{4})(?:/(\d+))?")
# What a list item costs in HTML besides its fields (markup, the link to the page, the date
# attribute), measured on the rendered list; used to fill pages by size.
ITEM_OVERHEAD = 170


@dataclass(frozen=True)
class Limits:
    """How much one list page holds."""

    newest: int = 20  # documents on the list index
    per_page: int = 50  # documents on a year's list page
    page_bytes: int = 30_000  # bytes of list items on a year's list page (UTF-8, estimated)


@dataclass(frozen=True)
class ListPage:
    """One generated list page of a year."""

    path: str  # relative to docs/: "van-ban/nam-2024/index.md", "van-ban/nam-2024/trang-2.md"
    year: int
    number: int  # 1, 2, … within the year
    count: int  # pages of that year
    documents: tuple[Document, ...]
    first: int  # position (1-based) of its first document among the year's
    total: int  # documents of the year

    @property
    def value(self) -> str:
        """Its front matter `archive:` value."""
        return str(self.year) if self.number == 1 else f"{self.year}/{self.number}"

    @property
    def title(self) -> str:
        suffix = f" (trang {self.number})" if self.number > 1 else ""
        return f"Văn bản năm {self.year}{suffix}"

    @property
    def nav_title(self) -> str:
        return f"Năm {self.year}"


def by_year(documents: Iterable[Document]) -> list[tuple[int, list[Document]]]:
    """Documents (newest first) grouped by the year they were issued, newest year first."""
    groups: dict[int, list[Document]] = {}
    for document in sorted(documents, key=Document.sort_key):
        if document.year is not None:
            groups.setdefault(document.year, []).append(document)
    return sorted(groups.items(), key=lambda item: -item[0])


def item_bytes(document: Document) -> int:
    """Estimated HTML bytes of a document's list item."""
    text = f"{document.name}{document.date_text}{document.issuer}{document.abstract}{document.path}"
    return len(text.encode("utf-8")) + ITEM_OVERHEAD


def paginate(documents: Sequence[Document], per_page: int, page_bytes: int) -> list[list[Document]]:
    """Consecutive pages of at most `per_page` documents and, unless a single document is larger,
    at most `page_bytes` estimated bytes."""
    pages: list[list[Document]] = []
    current: list[Document] = []
    size = 0
    for document in documents:
        cost = item_bytes(document)
        if current and (len(current) >= per_page or size + cost > page_bytes):
            pages.append(current)
            current, size = [], 0
        current.append(document)
        size += cost
    if current:
        pages.append(current)
    return pages


def year_folder(index_path: str, year: int) -> str:
    return posixpath.join(posixpath.dirname(index_path), f"nam-{year}")


def year_page_path(index_path: str, year: int, number: int = 1) -> str:
    """Where a year's list page lives, next to the list index: "van-ban/nam-2024/index.md",
    "van-ban/nam-2024/trang-2.md"."""
    name = "index.md" if number == 1 else f"trang-{number}.md"
    return posixpath.join(year_folder(index_path, year), name)


def year_pages(catalog: Catalog, index_path: str, limits: Limits = Limits()) -> list[ListPage]:
    """Every year's list pages, newest year first."""
    result = []
    for year, documents in by_year(catalog.documents):
        pages = paginate(documents, limits.per_page, limits.page_bytes)
        first = 1
        for number, chunk in enumerate(pages, start=1):
            result.append(ListPage(year_page_path(index_path, year, number), year, number, len(pages),
                                   tuple(chunk), first, len(documents)))
            first += len(chunk)
    return result


def parse_value(value: object) -> tuple[str, int | None, int | None]:
    """Front matter `archive:` read: ("index", None, None), ("year", 2024, 3), or ("", …) when
    the value is none of these."""
    text = str(value).strip() if value is not None else ""
    if text == INDEX:
        return INDEX, None, None
    match = _YEAR_VALUE.fullmatch(text)
    if match:
        return "year", int(match.group(1)), int(match.group(2) or 1)
    return "", None, None


def page_markdown(page: ListPage) -> str:
    """The Markdown of a generated year page: front matter (its title, a description, its
    `archive:` value; out of the site search, like every list) and its title; the archive
    extension writes the list under it."""
    where = f", trang {page.number}/{page.count}" if page.count > 1 else ""
    description = (f"Danh mục các văn bản ban hành năm {page.year} có trên trang{where}: "
                   "số ký hiệu, loại, ngày ban hành, cơ quan ban hành, trích yếu; mới nhất trước.")
    front = yaml.safe_dump({"title": page.title, "description": description, "archive": page.value,
                            "search": {"exclude": True}}, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n# {page.title}\n"


def vietnamese_count(number: int) -> str:
    """1000 -> "1.000" (Vietnamese groups thousands with dots)."""
    return f"{number:,}".replace(",", ".")


def kinds(catalog: Catalog) -> list[str]:
    """The forms (loại văn bản) of the site's documents, alphabetical."""
    return sorted({document.kind for document in catalog.documents if document.kind})


def years(catalog: Catalog) -> list[int]:
    return [year for year, _ in by_year(catalog.documents)]
