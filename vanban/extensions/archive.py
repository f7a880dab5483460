"""Python-Markdown extension: the archive list, written under a list page's own text.

A page whose front matter says `archive: index` (docs/van-ban/index.md) gets, after its text,
the list of the site's documents (`vanban.archive`): each as "<form> số <number>" linked to its
page, "ngày <date> của <issuer>", and its abstract (trích yếu), newest first and grouped by year.

- Without year pages (the default; Zensical, which runs extensions but adds no pages): the index
  lists every document.
- With `year_pages` (set by the MkDocs adapter `hooks/archive.py`, which adds the pages): the
  index lists the `newest` documents and links every year's list; a page whose front matter says
  `archive: "2024"` or `archive: "2024/3"` is a year's list page, with links to the year's other
  pages.

Lists stay out of the site search (`data-search-exclude`; the year pages are excluded whole):
each document is found on its own page, not on every list that names it.

The index's list carries what the filters (assets/archive-filter.js) offer, the forms and the
years (`data-loai`, `data-nam`), so that they need no data until the reader uses them. Links
point at the documents' `.md` files: MkDocs and Zensical resolve and check them.

Priority 6.5: after `abbr` (7) and the document links (7.5) have read the page's own text, so
the list is not re-read; before `toc` (5), so its year headings get permalinks and toc entries.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from vanban import archive
from vanban import catalog as catalog_module
from vanban.archive import Limits, ListPage
from vanban.catalog import Catalog, Document, relative_link
from vanban.extensions.context import page_context

LIST_CLASS = "vb-list"


def _sub(parent: etree.Element, tag: str, text: str | None = None, **attributes: str) -> etree.Element:
    element = etree.SubElement(parent, tag, {key.rstrip("_").replace("_", "-"): value
                                             for key, value in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _iso(document: Document) -> str:
    issued = document.issued
    return issued.isoformat() if issued else ""


def item(parent: etree.Element, document: Document, source: str) -> etree.Element:
    """One document of a list: "<a>Kế hoạch số 855/KH-UBND</a> ngày <time>28/02/2024</time> của
    UBND tỉnh Ninh Thuận" and its abstract under it."""
    entry = _sub(parent, "li", class_="vb-item")
    link = _sub(entry, "a", document.name, href=relative_link(source, document.path))
    link.tail = " ngày "
    time = _sub(entry, "time", document.date_text, datetime=_iso(document))
    time.tail = f" của {document.issuer}" if document.issuer else ""
    if document.abstract:
        _sub(entry, "span", document.abstract, class_="vb-item__abstract")
    return entry


def item_list(parent: etree.Element, documents: list[Document] | tuple[Document, ...], source: str) -> etree.Element:
    listing = _sub(parent, "ul", class_=LIST_CLASS)
    for document in documents:
        item(listing, document, source)
    return listing


def _count(number: int) -> str:
    return f"{archive.vietnamese_count(number)} văn bản"


class ListTreeprocessor(Treeprocessor):
    """Appends the archive list to a page whose front matter has `archive:`."""

    def __init__(self, md: Markdown, extension: ArchiveExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        context = page_context(self.md, self.extension.page, self.extension.getConfig("docs_dir"))
        value = context.meta.get("archive")
        if value is None or context.path is None or context.docs_dir is None:
            return
        kind, year, number = archive.parse_value(value)
        if not kind:
            raise ValueError(f"{context.path}: front matter 'archive: {value}' is neither 'index' "
                             "nor a year's list page ('2024', '2024/2')")
        catalog = catalog_module.read(context.docs_dir, context.build)
        limits = self.extension.limits()
        if kind == archive.INDEX:
            self.index(root, catalog, context.path, limits)
            return
        index = catalog.archive_index()
        pages = [page for page in archive.year_pages(catalog, index or "", limits) if page.year == year]
        current = next((page for page in pages if page.number == number), None)
        if index is None or current is None:
            raise ValueError(f"{context.path}: no list page {value} (no documents of that year, or no "
                             "page with 'archive: index')")
        self.year_page(root, current, pages, context.path, index)

    def index(self, root: etree.Element, catalog: Catalog, path: str, limits: Limits) -> None:
        year_pages = bool(self.extension.getConfig("year_pages"))
        groups = archive.by_year(catalog.documents)
        box = _sub(root, "div", class_="vb-archive", id="danh-sach", data_search_exclude="",
                   data_loai="|".join(archive.kinds(catalog)),
                   data_nam="|".join(str(year) for year, _ in groups))
        if not groups:
            _sub(box, "p", "Chưa có văn bản nào.")
            return
        shown = catalog.documents[:limits.newest] if year_pages else catalog.documents
        if year_pages and len(shown) < len(catalog.documents):
            _sub(box, "p", f"{archive.vietnamese_count(len(shown))} văn bản mới nhất trong "
                           f"{_count(len(catalog.documents))}; danh sách đầy đủ theo từng năm ở cuối trang.",
                 class_="vb-archive__summary")
        else:
            box.set("data-complete", "")
        for year, documents in archive.by_year(shown):
            _sub(box, "h2", f"Năm {year}", id=f"nam-{year}")
            item_list(box, documents, path)
        if year_pages:
            _sub(box, "h2", "Theo năm", id="theo-nam")
            listing = _sub(box, "ul", class_="vb-years")
            for year, documents in groups:
                entry = _sub(listing, "li")
                _sub(entry, "a", f"Năm {year}", href=relative_link(path, archive.year_page_path(path, year)))
                entry[-1].tail = f": {_count(len(documents))}"

    def year_page(self, root: etree.Element, page: ListPage, pages: list[ListPage], path: str,
                  index: str) -> None:
        box = _sub(root, "div", class_="vb-archive", data_search_exclude="")
        last = page.first + len(page.documents) - 1
        if page.count > 1:
            summary = (f"Văn bản thứ {archive.vietnamese_count(page.first)} đến "
                       f"{archive.vietnamese_count(last)} trong {_count(page.total)} năm {page.year}, "
                       "mới nhất trước.")
        else:
            summary = f"{_count(page.total)} ban hành năm {page.year}, mới nhất trước."
        _sub(box, "p", summary, class_="vb-archive__summary")
        item_list(box, page.documents, path)
        if page.count > 1:
            nav = _sub(box, "nav", class_="vb-pages", aria_label=f"Các trang danh sách năm {page.year}")
            listing = _sub(nav, "ul")
            for other in pages:
                entry = _sub(listing, "li")
                label = f"Trang {other.number}"
                if other.number == page.number:
                    _sub(entry, "span", label, aria_current="page")
                else:
                    _sub(entry, "a", label, href=relative_link(path, other.path))
        more = _sub(box, "p", class_="vb-archive__more")
        link = _sub(more, "a", "Tìm và lọc trong mọi văn bản", href=relative_link(path, index))
        link.tail = ", theo loại, năm hay từ ngữ."


class ArchiveExtension(Extension):
    """The archive list on pages with front matter `archive:`."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "docs_dir": ["docs", "The docs folder whose pages' front matter lists the site's "
                                 "documents, when the page context (MkDocs, Zensical) does not say."],
            "year_pages": [False, "True when the year list pages exist (hooks/archive.py adds "
                                  "them): the index then lists only the newest documents."],
            "newest": [Limits.newest, "Documents on the list index when year pages exist."],
            "per_page": [Limits.per_page, "At most this many documents on a year's list page."],
            "page_bytes": [Limits.page_bytes, "At most about this many bytes of list items on a "
                                              "year's list page."],
        }
        super().__init__(**kwargs)
        self.page: tuple[str, dict[str, Any]] | None = None

    def limits(self) -> Limits:
        return Limits(int(self.getConfig("newest")), int(self.getConfig("per_page")),
                      int(self.getConfig("page_bytes")))

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.treeprocessors.register(ListTreeprocessor(md, self), "archive-list", 6.5)

    def reset(self) -> None:
        pass


def makeExtension(**kwargs: Any) -> ArchiveExtension:  # noqa: N802 (Python-Markdown's name)
    return ArchiveExtension(**kwargs)
