"""MkDocs hook: one search index entry per provision, so results link to `page#cl_1__point_a`.

Material's search plugin cuts a page into index entries at headings only, and most provisions
(điểm, khoản written as paragraphs or list items) are not headings. This hook gives every
provision down to the điểm (every element with `data-eid` that is not a dash item: dash items stay
in their parent's entry) an entry of its own at `page#eid`, right after the section that holds it
(Material expects a page's own entry first), titled by its citation and the heading above it
without the heading's printed label ("điểm a khoản 1 — Mục tiêu", not "— 1. Mục tiêu"), and moves its text out of that section's entry, so that a
provision holding every query word is found as itself. Provisions that are headings already have
their own section.

How: `on_page_content` notes each provision element of the page's HTML (written by
`vanban.extensions.provisions`: `data-eid`, and a label link whose `aria-label` is "Liên kết đến
<citation>"). After the search plugin has written `search/search_index.json` (priority 0) and
before the offline plugin turns it into `search_index.js` (priority -100), the entries are split.
Each provision's text is rendered with Material's own index parser, so it is byte for byte what
the section entry holds. The pages' HTML is not touched.
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from material.plugins.search.plugin import Parser as MaterialIndexParser
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.search_provisions")

# Marks a provision's entry (Material's index field `boost`): the site's index (vanban/search_index.py)
# reads boost > 1 as "a provision", which its worker ranks a little higher.
PROVISION_BOOST = 2.5
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LINK_PREFIX = "Liên kết đến "


@dataclass(frozen=True)
class Provision:
    """A provision element of a page's HTML: its eId, citation, own HTML (without the provisions
    nested in it that get entries of their own), and whether it is a heading."""

    eid: str
    citation: str
    html: str
    heading: bool

    @property
    def label(self) -> str:
        """Its printed label ("1.", "a)", "Điều 5."): the text of its first label link."""
        found = _LABEL.search(self.html)
        return html_lib.unescape(re.sub(r"<[^>]+>", "", found[1])).strip() if found else ""


_LABEL = re.compile(r'<a\b[^>]*\bclass="[^"]*\bprovision-label\b[^"]*"[^>]*>(.*?)</a>', re.S)


def without_label(title: str, label: str) -> str:
    """A heading's title without its printed label: "1. Mục tiêu" -> "Mục tiêu"."""
    if label and title.startswith(label) and title[len(label):].strip():
        return title[len(label):].strip()
    return title


def entry_level(eid: str) -> bool:
    """Provisions that get a search entry: every one but dash items (`…__indent_2`)."""
    return not eid.rsplit("__", 1)[-1].startswith("indent_")


# Elements without an end tag.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ProvisionFinder(HTMLParser):
    """Offsets of every element with `data-eid`, its nesting, and its label's citation."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._html = html
        self._line_starts = [0] + [i + 1 for i, char in enumerate(html) if char == "\n"]
        self._open: list[tuple[str, dict | None]] = []
        self.found: list[dict] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        attributes = dict(attrs)
        record = None
        if attributes.get("data-eid"):
            record = {"eid": attributes["data-eid"], "tag": tag, "start": self._offset(), "end": None,
                      "citation": "", "depth": len(self._open)}
            self.found.append(record)
        elif tag == "a" and "provision-label" in (attributes.get("class") or "").split():
            owner = next((item for _, item in reversed(self._open) if item is not None), None)
            label = attributes.get("aria-label") or ""
            if owner is not None and not owner["citation"]:
                owner["citation"] = label.removeprefix(LINK_PREFIX)
        self._open.append((tag, record))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag not in (name for name, _ in self._open):
            return
        while True:
            name, record = self._open.pop()
            if record is not None:
                record["end"] = self._html.index(">", self._offset()) + 1
            if name == tag:
                return


def find_provisions(html: str) -> list[Provision]:
    """The provisions of a page's content HTML, in document order, each with its own HTML: its
    element with the entry-level provisions nested in it cut out."""
    finder = _ProvisionFinder(html)
    finder.feed(html)
    finder.close()
    records = [item for item in finder.found if item["end"] is not None]
    result = []
    for record in records:
        if not entry_level(record["eid"]):
            continue
        cuts = [(inner["start"], inner["end"]) for inner in records
                if inner is not record and entry_level(inner["eid"])
                and record["start"] < inner["start"] and inner["end"] <= record["end"]]
        pieces, cursor = [], record["start"]
        for start, end in sorted(cuts):
            if start >= cursor:
                pieces.append(html[cursor:start])
                cursor = end
        pieces.append(html[cursor:record["end"]])
        result.append(Provision(record["eid"], record["citation"], "".join(pieces), record["tag"] in HEADINGS))
    return result


def index_text(html: str) -> str:
    """A fragment's text exactly as Material's search plugin indexes it."""
    parser = MaterialIndexParser()
    parser.feed(html)
    parser.close()
    return "".join(part for section in parser.data for part in section.text).strip()


def split_entries(docs: list[dict], pages: dict[str, tuple[str, list[Provision]]]) -> list[str]:
    """Give each provision of `pages` (page URL -> (page title, provisions)) its own entry after the
    entry of the section that holds it, and take its text out of that section (in place). A
    section whose heading is a provision is titled by its citation and heading too.
    Returns the eIds whose text was not found in their section (they get an entry all the same)."""
    result: list[dict] = []
    missing: list[str] = []
    placed: set[tuple[str, str]] = set()
    for entry in docs:
        result.append(entry)
        path, _, anchor = entry["location"].partition("#")
        if path not in pages:
            continue
        page_title, provisions = pages[path]
        labels = {p.eid: p.label for p in provisions if p.heading}
        if not anchor:  # the page's own entry: its title is the page's <h1>
            labels[""] = next((p.label for p in provisions if p.heading and p.html.startswith("<h1")), "")
        heading = without_label(entry.get("title") or page_title, labels.get(anchor, ""))
        citations = {p.eid: p.citation for p in provisions if p.heading}
        if anchor and citations.get(anchor):
            # A section whose heading is a provision ("1. Mục đích"): named like the others,
            # "khoản 1 Mục I — Mục đích".
            entry["title"] = f"{citations[anchor]} — {heading}"
        for provision in provisions:
            if provision.heading or (path, provision.eid) in placed:
                continue
            text = index_text(provision.html)
            if not text or text not in entry["text"]:
                continue
            placed.add((path, provision.eid))
            entry["text"] = " ".join(entry["text"].replace(text, " ", 1).split())
            result.append({
                "location": f"{path}#{provision.eid}",
                "title": f"{provision.citation} — {heading}" if provision.citation else heading,
                "text": text,
                "boost": PROVISION_BOOST,
            })
    for path, (page_title, provisions) in pages.items():
        for provision in provisions:
            if provision.heading or (path, provision.eid) in placed:
                continue
            missing.append(provision.eid)
            result.append({"location": f"{path}#{provision.eid}",
                           "title": f"{provision.citation} — {page_title}" if provision.citation else page_title,
                           "text": index_text(provision.html), "boost": PROVISION_BOOST})
    docs[:] = result
    return missing


_pages: dict[str, tuple[str, list[Provision]]] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    _pages.clear()


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    found = find_provisions(html)
    if found:
        _pages[page.url] = (str(page.meta.get("title") or page.title or ""), found)
    return html


@event_priority(-50)  # after `search` (0) writes the index, before `offline` (-100) reads it
def on_post_build(*, config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists() or not _pages:
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for eid in split_entries(index["docs"], _pages):
        log.debug("Provision '%s': its text was not found in its section's entry; indexed apart.", eid)
    # Same serialisation as Material's plugin (ASCII, compact).
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
