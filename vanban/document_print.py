"""One document's print page: the page the PDF of that document alone is printed from.

A document's text is on its own page (front matter `document:`) and on the pages that hold parts
of it (`part_of:`, in nav order). The print page is made from those pages *as the theme rendered
them* in the print edition, not from their Markdown, so whatever the theme puts into a document
page's content (the properties box today, the official header and signature block of Decree
30/2020/NĐ-CP when its template lands) is printed too:

- the document page's whole `<article>` (the theme's content block), with the text of each page
  holding a part of it inserted where the document page's own text ends (`TEXT_END`), in nav
  order, each in a `<section class="document-part">`;
- of a page holding a part, only its text: what lies between `TEXT_START` and `TEXT_END`, the two
  comments the print edition's hook puts around each such page's content (`mark_text`);
- the document page's stylesheets, and nothing else of its theme (no scripts, no navigation), so
  the print page changes only when the document, its template or the CSS changes. Its
  `<body>` gets the class `document-print`, which site.css's print styles lay out (page numbers from page 2).

Ids: a provision's id is its Akoma Ntoso eId, unique within its document, and is kept (the PDF
then has a named destination per provision: `…pdf#cl_1__point_a`); the document page keeps every
id; any other id of a part page gets the page's key in front (`muc-tieu-muc-tieu-e`), as in the
whole-plan print page. Links: to a page of the document (or an id on it) they point inside the
print page; to any other page or file of the site they point at its published address
(`published(path)`), or become plain text when it has none (a build without `site_url`);
external links stay. Other URLs (`src`, stylesheets) are made relative to the print page.

Problems (a missing marker, a duplicate id, a link to an id that is not there, a provision without
a link to itself, which the PDF's bookmarks need) are returned; the hook turns them into warnings,
which fail the strict build. Pure functions on strings; no MkDocs import.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from vanban.print_anchors import IDREF_ATTRIBUTES, LINK_TAGS, check_anchors, start_tags, write_start_tag

TEXT_START = "<!-- vanban:text -->"
TEXT_END = "<!-- /vanban:text -->"
BODY_CLASS = "document-print"
PART_CLASS = "document-part"
# URL-valued attributes other than a link's href, made relative to the print page.
_URL_ATTRIBUTES = frozenset({"src", "poster", "data"})
_ARTICLE = re.compile(r"<article\b[^>]*>")
_BODY = re.compile(r"<body\b([^>]*)>")
_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]*)\"")
_HEAD = re.compile(r"<head\b[^>]*>(.*?)</head>", re.S)


def mark_text(content: str) -> str:
    """A page's content HTML between the two markers of a document's text."""
    return f"{TEXT_START}{content}{TEXT_END}"


@dataclass(frozen=True)
class RenderedPage:
    """A page of the print edition as the theme wrote it."""

    key: str  # unique among the pages of one document, e.g. "muc-tieu"
    url: str  # its URL from the site root, e.g. "muc-tieu.html", "van-ban/ke-hoach-855-kh-ubnd.html"
    html: str  # the whole page


@dataclass
class _Chunk:
    page: RenderedPage
    text: str
    ids: dict[str, str]  # id on the page -> id in the print page


def _article(page: RenderedPage, problems: list[str]) -> tuple[str, str]:
    """The `<article>` start tag and its inner HTML."""
    match = _ARTICLE.search(page.html)
    end = page.html.rfind("</article>")
    if match is None or end < match.end():
        problems.append(f"{page.url}: no <article> (the theme's content block)")
        return "<article>", ""
    return match[0], page.html[match.end():end]


def _text(page: RenderedPage, problems: list[str]) -> str:
    """The text of a page holding part of a document: between the markers."""
    start, end = page.html.find(TEXT_START), page.html.find(TEXT_END)
    if start < 0 or end < start:
        problems.append(f"{page.url}: its text is not marked (hooks/document_print.py)")
        return ""
    return page.html[start + len(TEXT_START):end]


def _ids(page: RenderedPage, text: str, own: bool) -> dict[str, str]:
    """Each id of the page's text and its id in the print page."""
    renamed: dict[str, str] = {}
    for tag in start_tags(text):
        value = tag.get("id")
        if not value:
            continue
        keep = own or tag.get("data-eid") == value
        renamed.setdefault(value, value if keep else f"{page.key}-{value}")
    return renamed


def _relative(target: str, base_url: str) -> str:
    """`target` (from the site root) relative to the page at `base_url`."""
    return posixpath.relpath(target, posixpath.dirname(base_url) or ".")


def compose(own: RenderedPage, parts: Sequence[RenderedPage], *, url: str, title: str,
            published: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """The print page of one document and the problems found.

    `own` is the document's page, `parts` the pages holding parts of its text in nav order, `url`
    where the print page is written (from the site root); `published(path)` gives the published
    address of a page or file of the site (`path` from the site root, as the print edition names
    it, with its `#fragment`), or None when it has none."""
    problems: list[str] = []
    article_tag, inner = _article(own, problems)
    if TEXT_END in inner:
        before, after = inner.split(TEXT_END, 1)
    else:
        problems.append(f"{own.url}: its text is not marked (hooks/document_print.py)")
        before, after = inner, ""
    before = before.replace(TEXT_START, "")
    chunks = [_Chunk(own, before, {}), *(_Chunk(part, _text(part, problems), {}) for part in parts),
              _Chunk(own, after, {})]
    for chunk in chunks:
        chunk.ids = _ids(chunk.page, chunk.text, chunk.page is own)
    ids: dict[str, dict[str, str]] = {}
    for chunk in chunks:
        ids.setdefault(chunk.page.url, {}).update(chunk.ids)
    # Where a link to a whole page lands: the article (the document page), a part's section.
    anchors = {own.url: own.key, **{part.url: part.key for part in parts}}

    def link(href: str, page: RenderedPage) -> str | None:
        """Where a link of `page` points in the print page (None: nowhere, it becomes text)."""
        address = urlsplit(href)
        if address.scheme or address.netloc or href.startswith("/"):
            return href  # external, mailto:, tel:, or an absolute path
        target = page.url
        if address.path:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), unquote(address.path)))
            target = next((candidate for candidate in (path, posixpath.join(path, "index.html"))
                           if candidate in anchors), path)
        fragment = unquote(address.fragment)
        if target in anchors:
            if not fragment:
                return "#" + anchors[target]
            if fragment in ids[target]:
                return "#" + ids[target][fragment]
            if target == page.url:
                problems.append(f"{page.url}: link {href!r} points at an id the page does not have")
                return href
        return published(target + (f"#{fragment}" if fragment else ""))

    def rewrite(chunk: _Chunk) -> str:
        text, page = chunk.text, chunk.page
        edits: list[tuple[int, int, str]] = []
        for tag in start_tags(text):
            attrs = list(tag.attrs)
            changed: list[tuple[str, str | None]] = []
            for name, value in attrs:
                if value is None:
                    changed.append((name, value))
                elif name == "id":
                    changed.append((name, chunk.ids.get(value, value)))
                elif name in IDREF_ATTRIBUTES:
                    changed.append((name, " ".join(chunk.ids.get(token, token) for token in value.split())))
                elif name == "href" and tag.name in LINK_TAGS:
                    target = link(value, page)
                    if target is not None:
                        changed.append((name, target))
                elif (name in _URL_ATTRIBUTES or name == "href") and not urlsplit(value).scheme \
                        and not value.startswith(("/", "#")) and value:
                    path = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), value))
                    changed.append((name, _relative(path, url)))
                else:
                    changed.append((name, value))
            if changed != attrs:
                edits.append((tag.start, tag.end, write_start_tag(tag, changed)))
        out, position = [], 0
        for start, end, replacement in edits:
            out += [text[position:start], replacement]
            position = end
        return "".join(out) + text[position:]

    body = [rewrite(chunks[0])]
    for chunk in chunks[1:-1]:
        body.append(f'\n<section class="{PART_CLASS}" id="{html.escape(anchors[chunk.page.url])}">'
                    f"{rewrite(chunk)}</section>\n")
    body.append(rewrite(chunks[-1]))

    head = _HEAD.search(own.html)
    styles = []
    for tag in start_tags(head[1] if head else ""):
        if tag.name == "link" and "stylesheet" in (tag.get("rel") or "").split() and tag.get("href"):
            href = tag.get("href") or ""
            if not urlsplit(href).scheme and not href.startswith("/"):
                href = _relative(posixpath.normpath(posixpath.join(posixpath.dirname(own.url), href)), url)
            styles.append(f'<link rel="stylesheet" href="{html.escape(href)}">')
    lang = _HTML_LANG.search(own.html)
    body_attrs = _BODY.search(own.html)
    attributes = re.sub(r'\sclass="[^"]*"', "", body_attrs[1]) if body_attrs else ""
    article = article_tag.replace("<article", f'<article id="{html.escape(own.key)}"', 1) \
        if " id=" not in article_tag else article_tag
    document = "\n".join([
        "<!doctype html>",
        f'<html lang="{html.escape(lang[1] if lang else "vi")}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        *styles,
        "</head>",
        f'<body{attributes} class="{BODY_CLASS}">',
        '<div class="md-content">',
        article + "".join(body) + "</article>",
        "</div>",
        "</body>",
        "</html>",
        "",
    ])
    problems += check_anchors(document)
    problems += _unlinked_provisions(document)
    return document, problems


def _unlinked_provisions(document: str) -> list[str]:
    """Provisions that no same-page link points at: Chromium writes a named destination only for a
    link's target, and the PDF's bookmarks are built from those destinations."""
    tags = start_tags(document)
    targets = {unquote(href[1:]) for tag in tags if tag.name in LINK_TAGS
               and (href := tag.get("href") or "").startswith("#")}
    return [f"provision {eid!r} has no link to itself (its printed label)" for tag in tags
            if (eid := tag.get("data-eid")) and eid not in targets]
