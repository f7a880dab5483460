"""The site's documents, read from the front matter of the docs folder's pages.

Everything the archive needs at build time comes from here: which pages hold a document
(front matter `document:`), which hold part of one (`part_of:`) or present one (`about:`), and
the text each page's document is written in (for the documents it cites). It is read straight
from the Markdown files, so the same answer is available to a Python-Markdown extension under
MkDocs or Zensical (which runs extensions but no hooks), to a MkDocs hook and to the checker.

`read(docs_dir)` parses every page's front matter once and keeps the result until a page is
added, removed or changed (size or modification time): a build that renders 1,000 pages reads
the folder once, `mkdocs serve` sees an edit. Looking for changes costs a walk of the folder
(tens of milliseconds at 1,000 pages), so a caller rendering many pages passes a `token` that
stays the same object for one build (MkDocs' `Files`): within it the folder is not looked at
again. Without one, the folder is looked at again after `max_age` seconds.
"""

from __future__ import annotations

import os
import posixpath
import re
import threading
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from vanban.front_matter import DATE_FORMAT, FRONT_MATTER_RE

try:  # libyaml when installed: parsing 1,000 front matters takes a tenth of the time
    _LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _LOADER = yaml.SafeLoader

_LEADING_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Document:
    """A document the site holds: the page whose front matter has `document:`."""

    path: str  # the page, relative to docs/, POSIX ("van-ban/ke-hoach-855-kh-ubnd.md")
    title: str
    fields: Mapping[str, Any]  # the `document` mapping as written

    @property
    def number(self) -> str:
        """Số ký hiệu, NFC: "855/KH-UBND"."""
        return unicodedata.normalize("NFC", str(self.fields.get("so_ky_hieu", "")).strip())

    @property
    def kind(self) -> str:
        """Loại văn bản: "Kế hoạch"."""
        return str(self.fields.get("loai_van_ban", "")).strip()

    @property
    def issuer(self) -> str:
        return str(self.fields.get("co_quan_ban_hanh", "")).strip()

    @property
    def abstract(self) -> str:
        return str(self.fields.get("trich_yeu", "")).strip()

    @property
    def date_text(self) -> str:
        """Ngày ban hành as written, dd/mm/yyyy."""
        return str(self.fields.get("ngay_ban_hanh", "")).strip()

    @property
    def issued(self) -> date | None:
        try:
            return datetime.strptime(self.date_text, DATE_FORMAT).date()
        except ValueError:
            return None

    @property
    def year(self) -> int | None:
        issued = self.issued
        return issued.year if issued else None

    @property
    def name(self) -> str:
        """How the document is named in running text: "Kế hoạch số 855/KH-UBND"."""
        return f"{self.kind} số {self.number}".strip()

    def sort_key(self) -> tuple:
        """Newest first (`newest_first`)."""
        return newest_first(self.issued, self.number, self.path)


def newest_first(issued: date | None, number: str, path: str) -> tuple:
    """Sort key of the archive's order: later date first, then the higher number of the same day
    (numbers grow through the year), then the number and the page."""
    match = _LEADING_NUMBER.match(number)
    return (-(issued or date.min).toordinal(), -(int(match.group()) if match else 0), number, path)


@dataclass(frozen=True)
class SourcePage:
    """One Markdown page of the docs folder."""

    path: str  # relative to docs/, POSIX
    meta: Mapping[str, Any]
    body: str  # the Markdown after the front matter


@dataclass
class Catalog:
    """Every page of a docs folder, and the documents among them."""

    pages: dict[str, SourcePage]
    documents: list[Document]  # newest first
    by_number: dict[str, list[Document]] = field(default_factory=dict)
    by_path: dict[str, Document] = field(default_factory=dict)
    # Filled on first use by vanban.references (relations need every page's mentions).
    cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_pages(cls, pages: dict[str, SourcePage]) -> Catalog:
        documents = []
        for page in pages.values():
            document = page.meta.get("document")
            if isinstance(document, dict) and document.get("so_ky_hieu"):
                documents.append(Document(page.path, str(page.meta.get("title", "")), document))
        documents.sort(key=Document.sort_key)
        by_number: dict[str, list[Document]] = {}
        for document in documents:
            by_number.setdefault(document.number, []).append(document)
        return cls(pages, documents, by_number, {document.path: document for document in documents})

    def document_of(self, path: str) -> tuple[Document | None, str]:
        """The document a page shows and how: ("own" | "about" | "part_of"), or (None, "")."""
        if path in self.by_path:
            return self.by_path[path], "own"
        page = self.pages.get(path)
        if page is None:
            return None, ""
        for key in ("part_of", "about"):
            number = page.meta.get(key)
            if number:
                found = self.by_number.get(unicodedata.normalize("NFC", str(number).strip()), [])
                if len(found) == 1:
                    return found[0], key
        return None, ""

    def archive_index(self) -> str | None:
        """The page that lists the archive (front matter `archive: index`), if any."""
        for page in sorted(self.pages.values(), key=lambda page: page.path):
            if str(page.meta.get("archive", "")).strip() == "index":
                return page.path
        return None


def split(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a page's text, as MkDocs splits them (no front matter: {})."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1), Loader=_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return {}, text[match.end():]
    return (meta if isinstance(meta, dict) else {}), text[match.end():]


def _markdown_files(docs_dir: Path) -> list[tuple[str, os.stat_result]]:
    found: list[tuple[str, os.stat_result]] = []
    stack = [(str(docs_dir), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                stack.append((entry.path, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".md"):
                found.append((f"{prefix}{entry.name}", entry.stat()))
    return sorted(found, key=lambda item: item[0])


def signature(docs_dir: Path) -> tuple:
    """What changes when a page is added, removed or edited."""
    return tuple((path, stat.st_size, stat.st_mtime_ns) for path, stat in _markdown_files(docs_dir))


@dataclass
class _Cached:
    stamp: tuple
    catalog: Catalog
    checked: float  # time.monotonic() of the last look at the folder
    token: object = None


_cache: dict[str, _Cached] = {}
_lock = threading.Lock()


def read(docs_dir: str | Path, token: object = None, max_age: float = 1.0) -> Catalog:
    """The catalog of a docs folder (cached until one of its pages changes; see the module)."""
    root = Path(docs_dir).resolve()
    key = str(root)
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key)
        if cached is not None and (cached.token is token if token is not None else now - cached.checked < max_age):
            return cached.catalog
    files = _markdown_files(root)
    stamp = tuple((path, stat.st_size, stat.st_mtime_ns) for path, stat in files)
    if cached is not None and cached.stamp == stamp:
        catalog = cached.catalog
    else:
        pages = {}
        for path, _ in files:
            meta, body = split((root / path).read_text(encoding="utf-8"))
            pages[path] = SourcePage(path, meta, body)
        catalog = Catalog.from_pages(pages)
    with _lock:
        _cache[key] = _Cached(stamp, catalog, now, token)
    return catalog


def relative_link(source: str, target: str) -> str:
    """A Markdown link from page `source` to page `target` (both relative to docs/):
    "van-ban/a.md" -> "van-ban/b.md" is "b.md"; MkDocs and Zensical turn it into the page's
    address in either URL style, and check that the page exists."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def page_url(path: str, use_directory_urls: bool = True) -> str:
    """The address of a page relative to the site root, as MkDocs writes `File.url`:
    "van-ban/a.md" -> "van-ban/a/" (or "van-ban/a.html"), "van-ban/index.md" -> "van-ban/",
    "index.md" -> "./"."""
    stem = path[:-3] if path.endswith(".md") else path
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        html = posixpath.join(folder, "index.html")
    elif use_directory_urls:
        html = posixpath.join(stem, "index.html")
    else:
        html = f"{stem}.html"
    if use_directory_urls and html.endswith("index.html"):
        folder = posixpath.dirname(html)
        return f"{folder}/" if folder else "./"
    return html
