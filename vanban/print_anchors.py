"""Every id and every internal link of the site's pages, kept in the combined print page.

mkdocs-print-site-plugin joins all pages into one print page (the PDF's
source). Two pages may use the same id, so it makes ids unique by prefixing
the page's key ("muc-tieu" + "-" + "muc-tieu-e") and rewrites internal links
to match ("muc-tieu.html#muc-tieu-e" becomes "#muc-tieu-muc-tieu-e"). But it
renames ids only on the few tags a regular expression finds (h1-h6, sup, li,
with the id in the same line as the tag's start): a link to an id on a
paragraph, a <div>, a span or a table cell points at nothing, and Chromium
prints it as plain text with no link in the PDF.

`relink()` redoes both halves for every element, from each page's own HTML
(as the plugin received it), so it does not depend on what the plugin's
regular expressions matched:
- every element that has an id X on page P gets the id `key(P)-X` (the
  plugin's own scheme, so the headings and the table of contents it builds
  keep their targets), and keeps X in `data-site-id` (site.css's print styles print it as
  the clause's citable id);
- every link to a page of the print edition, with or without a fragment,
  points at `#key(P)` or `#key(P)-X`; attributes that name ids (`for`,
  `headers`, `aria-labelledby`, ...) follow the renamed ids;
- links outside the pages (external, files such as van-ban.json) are left as
  the plugin made them.

The page sections of the print page are paired with the pages by their key,
and within a section the tags that carry an id, an id reference or a link are
paired one to one, in document order, with the page's own: the plugin changes
attribute values, never which elements exist (except one <h1> it adds to a
page without one, which is recognised). Any mismatch is reported, as are
duplicate ids and links to ids that do not exist; the MkDocs hook
(hooks/print_anchors.py) turns reports into warnings, which fail the strict
build.

Pure functions on strings; no MkDocs import.
"""

from __future__ import annotations

import html
import posixpath
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

# Attributes whose value is a list of ids of the same document.
IDREF_ATTRIBUTES = frozenset({
    "for", "headers", "aria-activedescendant", "aria-controls", "aria-describedby",
    "aria-details", "aria-errormessage", "aria-flowto", "aria-labelledby", "aria-owns",
})
# Elements whose href is a link the PDF turns into an annotation.
LINK_TAGS = frozenset({"a", "area"})
# The element's id on the site, kept on the renamed element in the print page.
SITE_ID = "data-site-id"
# Elements without an end tag.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


@dataclass(frozen=True)
class SourcePage:
    """One page of the print edition, as mkdocs-print-site-plugin received it."""

    key: str  # the id of its <section class="print-page"> in the print page
    url: str  # its URL from the site root, e.g. "muc-tieu.html", "van-ban/index.html"
    html: str  # its content HTML (no theme around it)


@dataclass
class _Tag:
    start: int
    end: int
    name: str
    attrs: list[tuple[str, str | None]]
    self_closing: bool

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    @property
    def interesting(self) -> bool:
        """Has an id, names ids, or links somewhere."""
        return any(key == "id" or key in IDREF_ATTRIBUTES or (key == "href" and self.name in LINK_TAGS)
                   for key, _ in self.attrs)


@dataclass
class _Section:
    key: str
    tags: list[_Tag] = field(default_factory=list)


class _Scanner(HTMLParser):
    """Start tags with their offsets; the page sections of a print page."""

    def __init__(self, text: str, section_keys: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
        self._keys = section_keys
        self._section: _Section | None = None
        self._depth = 0  # <section> elements open inside the current page section
        self.tags: list[_Tag] = []
        self.sections: list[_Section] = []
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _tag(self, name: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> _Tag:
        start = self._offset()
        tag = _Tag(start, start + len(self.get_starttag_text() or ""), name, attrs, self_closing)
        self.tags.append(tag)
        return tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = self._tag(tag, attrs, self_closing=False)
        if tag != "section":
            if self._section is not None:
                self._section.tags.append(found)
            return
        if self._section is not None:
            self._depth += 1
            self._section.tags.append(found)
            return
        classes = (found.get("class") or "").split()
        if "print-page" in classes and found.get("id") in self._keys:
            self._section = _Section(found.get("id") or "")
            self.sections.append(self._section)
            self._depth = 0

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = self._tag(tag, attrs, self_closing=True)
        if self._section is not None:
            self._section.tags.append(found)

    def handle_endtag(self, tag: str) -> None:
        if tag != "section" or self._section is None:
            return
        if self._depth:
            self._depth -= 1
        else:
            self._section = None


def _start_tag(tag: _Tag, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag.name] + [name if value is None else f'{name}="{html.escape(value, quote=True)}"'
                          for name, value in attrs]
    return "<" + " ".join(parts) + (" />" if tag.self_closing else ">")


def start_tags(text: str) -> list[_Tag]:
    """Every start tag of an HTML text, in document order, with its offsets and attributes
    (values unescaped); `write_start_tag` writes one back with other attributes."""
    return _Scanner(text).tags


def write_start_tag(tag: _Tag, attrs: list[tuple[str, str | None]]) -> str:
    """The start tag `tag` with the attributes `attrs` (escaped)."""
    return _start_tag(tag, attrs)


def print_id(key: str, element_id: str) -> str:
    """The id in the print page of the element with id `element_id` on the page with key `key`."""
    return f"{key}-{element_id}"


def page_ids(page_html: str) -> list[str]:
    """Every id of a page's HTML, in document order."""
    return [value for tag in _Scanner(page_html).tags for key, value in tag.attrs if key == "id" and value]


class _Resolver:
    """Where a link of a page points in the print page."""

    def __init__(self, pages: Sequence[SourcePage]) -> None:
        self.keys = {page.url: page.key for page in pages}
        self.ids = {page.url: set(page_ids(page.html)) for page in pages}

    def target_page(self, path: str) -> str | None:
        """The URL of the page at `path` (already resolved from the site root), if any."""
        path = "" if path in (".", "") else path
        candidates = [path, posixpath.join(path, "index.html")] if path else ["index.html"]
        return next((url for url in candidates if url in self.keys), None)

    def on_site(self, href: str, page_url: str, site_url: str) -> str:
        """`href`, relative to `page_url` in the print edition (`use_directory_urls: false`:
        `van-ban/nam-2024/trang-2.html`), as the hosted site's address of that page under
        `site_url` (directory URLs: `https://…/van-ban/nam-2024/trang-2/`)."""
        parts = urlsplit(href)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unquote(parts.path)))
        path = "" if path == "." else path
        if path == "index.html" or path.endswith("/index.html"):
            path = path[: -len("index.html")]
        elif path.endswith(".html"):
            path = path[: -len(".html")] + "/"
        url = site_url.rstrip("/") + "/" + path
        return url + (f"#{parts.fragment}" if parts.fragment else "")

    def href(self, href: str, page_url: str, problems: list[str]) -> str | None:
        """The print page's href for `href` on `page_url`, or None when it leaves the pages."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None  # external, mailto:, tel:
        if parts.path:
            if parts.path.startswith("/"):
                return None  # absolute path on some server: not a page of this edition
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unquote(parts.path)))
            target = self.target_page(path)
            if target is None:
                return None  # a file of the site (van-ban.json) or outside it
        else:
            target = page_url
        fragment = unquote(parts.fragment)
        key = self.keys[target]
        if not fragment:
            return "#" + key
        if fragment not in self.ids[target]:
            problems.append(f"{page_url}: link {href!r} points at an id {target} does not have")
        return "#" + print_id(key, fragment)


def relink(print_html: str, pages: Sequence[SourcePage], site_url: str = "") -> tuple[str, list[str]]:
    """The print page with every page's ids and internal links made to work, and the problems found.

    `pages` are the pages the plugin put into `print_html`, with their own HTML. A link to a page
    of the site that is not printed points at that page on `site_url` (MkDocs' `site_url`), or
    is no link when `site_url` is empty."""
    by_key = {page.key: page for page in pages}
    scanner = _Scanner(print_html, frozenset(by_key))
    resolver = _Resolver(pages)
    problems: list[str] = []
    edits: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for section in scanner.sections:
        page = by_key[section.key]
        if section.key in seen:
            problems.append(f"{page.url}: printed twice (section #{section.key})")
            continue
        seen.add(section.key)
        own = [tag for tag in _Scanner(page.html).tags if tag.interesting]
        printed = [tag for tag in section.tags if tag.interesting]
        # The plugin adds `<h1 id="KEY">title</h1>` to a page that does not start with an
        # h1: the section already has that id, at the same place.
        if (len(printed) == len(own) + 1 and printed[0].name == "h1"
                and printed[0].get("id") == section.key):
            added = printed.pop(0)
            edits.append((added.start, added.end,
                          _start_tag(added, [(k, v) for k, v in added.attrs if k != "id"])))
        if [tag.name for tag in printed] != [tag.name for tag in own]:
            problems.append(f"{page.url}: the print page's elements do not match the page's "
                            f"({len(printed)} tags with ids or links printed, {len(own)} on the page)")
            continue
        ids = set(page_ids(page.html))
        for mine, theirs in zip(own, printed):
            attrs = list(theirs.attrs)

            def put(name: str, value: str) -> None:
                for index, (key, _) in enumerate(attrs):
                    if key == name:
                        attrs[index] = (name, value)
                        return
                attrs.append((name, value))

            for name, value in mine.attrs:
                if value is None:
                    continue
                if name == "id" and value:
                    put("id", print_id(page.key, value))
                    put(SITE_ID, value)
                elif name in IDREF_ATTRIBUTES:
                    put(name, " ".join(print_id(page.key, token) if token in ids else token
                                       for token in value.split()))
                elif name == "href" and mine.name in LINK_TAGS:
                    target = resolver.href(value, page.url, problems)
                    if target is not None:
                        put("href", target)
                    elif (theirs.get("href") or "").startswith("#") and not value.startswith("#"):
                        # The plugin made a same-document anchor of a link to a page it did
                        # not print (a page outside the nav: a year list's second page): the
                        # page on the site when its address is known, else plain text.
                        if site_url:
                            put("href", resolver.on_site(value, page.url, site_url))
                        else:
                            attrs = [(k, v) for k, v in attrs if k != "href"]
            if attrs != theirs.attrs:
                edits.append((theirs.start, theirs.end, _start_tag(theirs, attrs)))
    for key, page in by_key.items():
        if key not in seen:
            problems.append(f"{page.url}: not found in the print page (no section #{key})")

    out = []
    position = 0
    for start, end, text in sorted(edits):
        out.append(print_html[position:start])
        out.append(text)
        position = end
    out.append(print_html[position:])
    result = "".join(out)
    problems += check_anchors(result)
    return result, problems


def check_anchors(document: str) -> list[str]:
    """Duplicate ids, and same-document links (`href="#..."`) to an id the document does not have."""
    tags = _Scanner(document).tags
    counts = Counter(value for tag in tags for key, value in tag.attrs if key == "id" and value)
    problems = [f"id {value!r} is used {count} times" for value, count in sorted(counts.items()) if count > 1]
    for tag in tags:
        href = tag.get("href")
        if tag.name in LINK_TAGS and href is not None and href.startswith("#"):
            target = unquote(href[1:])
            if target not in counts:
                problems.append(f"link {href!r} points at no element")
    return problems
