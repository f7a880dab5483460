"""Python-Markdown extension: the site's documents cited in a page link to their pages.

Wherever a page names a document the site holds ("Quyết định số 1826/QĐ-UBND ngày 25/12/2023",
"Kế hoạch 855/KH-UBND", "855/KH-UBND"), the words from its form to its number become a link to
the `.md` page of that document (`<a class="doc-ref" href="../van-ban/quyet-dinh-1826-qd-ubnd.md">`),
which MkDocs and Zensical turn into the page's address in either URL style, and check. Not
linked: a page's own document (no self-links), and text inside links, headings, code, `abbr`
and raw HTML. Which mentions count and which document a shared number means:
`vanban.references`.

It also writes, for the templates, what the page shows of the documents into the page's
front-matter dict under `vanban` (the dict the templates read, under MkDocs and under Zensical,
which runs extensions but no hooks; see `vanban.extensions.context`):

- `document`, `url`, `relation`: the document the page shows (its own `document`, or the one it
  presents, `about:`, or holds part of, `part_of:`) and the address of that document's page
  relative to the site root (for the template's `url` filter);
- `fields`: the document's `can_cu` and `trich_yeu` cut into pieces, each `{text, url}` (`url`
  empty for plain text), so the properties box links the documents they name;
- on a document's own page, `cites` and `cited_by`: the site's documents it cites and those
  citing it (newest first, at most `relations_shown` each; `cites_more`, `cited_by_more`: how
  many more), each `{name, kind, number, date, issuer, abstract, url}`.

The site's documents come from the front matter of the docs folder (`vanban.catalog`), read once
per build. Priority 7.5: after inline parsing (20) and `attr_list` (8), before `abbr` (7) splits
"QĐ" and "UBND" into their own elements.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from vanban import catalog as catalog_module
from vanban.catalog import Catalog, Document, page_url, relative_link
from vanban.extensions.context import page_context
from vanban.references import find, relations, segments

LINK_CLASS = "doc-ref"
META_KEY = "vanban"
_SKIP_TAGS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "abbr",
                        "script", "style", "svg", "math"})


def _skipped(element: etree.Element) -> bool:
    return element.tag in _SKIP_TAGS or "headerlink" in (element.get("class") or "").split()


class LinkTreeprocessor(Treeprocessor):
    """Links mentions of the site's documents and describes the page's document for templates."""

    def __init__(self, md: Markdown, extension: ReferencesExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        context = page_context(self.md, self.extension.page, self.extension.getConfig("docs_dir"))
        self.md.document_references = []  # type: ignore[attr-defined]
        if context.path is None or context.docs_dir is None or not context.docs_dir.is_dir():
            return
        catalog = catalog_module.read(context.docs_dir, context.build)
        self.path = context.path
        self.catalog = catalog
        self.found: list[Document] = []
        if catalog.by_number:
            self.visit(root)
        self.md.document_references = [document.path for document in self.found]  # type: ignore[attr-defined]
        shown = describe(catalog, context.path, context.use_directory_urls,
                         int(self.extension.getConfig("relations_shown")))
        if shown:
            context.meta[META_KEY] = shown
        else:
            context.meta.pop(META_KEY, None)

    # --- links ---

    def visit(self, element: etree.Element) -> None:
        if element.text:
            self.link_text(element, None)
        for child in list(element):
            if not _skipped(child):
                self.visit(child)
            if child.tail:
                self.link_text(element, child)

    def link_text(self, parent: etree.Element, before: etree.Element | None) -> None:
        """Link the mentions in `parent.text` (before is None) or in `before.tail`."""
        text = unicodedata.normalize("NFC", (parent.text if before is None else before.tail) or "")
        mentions = [m for m in find(text, self.catalog) if m.document.path != self.path]
        if not mentions:
            return
        pieces: list[etree.Element] = []
        head = text[:mentions[0].start]
        for index, mention in enumerate(mentions):
            link = etree.Element("a", {"href": relative_link(self.path, mention.document.path),
                                       "class": LINK_CLASS})
            link.text = text[mention.start:mention.end]
            following = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
            link.tail = text[mention.end:following]
            pieces.append(link)
            self.found.append(mention.document)
        if before is None:
            parent.text = head
            insert_at = 0
        else:
            before.tail = head
            insert_at = list(parent).index(before) + 1
        for offset, piece in enumerate(pieces):
            parent.insert(insert_at + offset, piece)


def _entry(document: Document, use_directory_urls: bool) -> dict[str, str]:
    return {"name": document.name, "kind": document.kind, "number": document.number, "date": document.date_text,
            "issuer": document.issuer, "abstract": document.abstract,
            "url": page_url(document.path, use_directory_urls)}


def describe(catalog: Catalog, path: str, use_directory_urls: bool = True,
             shown: int = 20) -> dict[str, Any] | None:
    """What the templates show of the document a page holds, presents or is part of (None: the
    page shows no document)."""
    document, relation = catalog.document_of(path)
    if document is None:
        return None
    result: dict[str, Any] = {
        "document": dict(document.fields),
        "url": page_url(document.path, use_directory_urls),
        "relation": relation,
        "fields": {},
    }
    for key in ("can_cu", "trich_yeu"):
        value = document.fields.get(key)
        if value:
            result["fields"][key] = [
                {"text": piece, "url": page_url(target.path, use_directory_urls) if target else ""}
                for piece, target in segments(str(value), catalog, exclude=document.path)]
    if relation == "own":
        related = relations(catalog)[document.path]
        for key, documents in (("cites", related.cites), ("cited_by", related.cited_by)):
            result[key] = [_entry(other, use_directory_urls) for other in documents[:shown]]
            result[f"{key}_more"] = max(0, len(documents) - shown)
    return result


class ReferencesExtension(Extension):
    """Links to the site's documents; the page's document described for templates."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "docs_dir": ["docs", "The docs folder whose pages' front matter lists the site's "
                                 "documents, when the page context (MkDocs, Zensical) does not say."],
            "relations_shown": [20, "At most this many documents in each relation list of a "
                                    "document page (the rest are counted)."],
        }
        super().__init__(**kwargs)
        # Set by a caller that renders pages itself: (page path relative to docs/, front matter).
        self.page: tuple[str, dict[str, Any]] | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.treeprocessors.register(LinkTreeprocessor(md, self), "document-references", 7.5)

    def reset(self) -> None:
        pass


def makeExtension(**kwargs: Any) -> ReferencesExtension:  # noqa: N802 (Python-Markdown's name)
    return ReferencesExtension(**kwargs)
