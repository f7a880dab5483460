"""MkDocs hook: one search index entry per clause, so results link to `#muc-tieu-a`.

Material's search plugin cuts a page into index entries at headings only, and
the objectives and requirements are paragraphs (`<p class="clause" id=...>`,
or a `<div class="clause">`) under one heading. Without this hook a search
lands on the page top, and a clause holding all the query words weighs no more
than a page where the words are scattered.

How: `on_page_content` notes each clause's id, label and HTML. After the
search plugin has written `search/search_index.json` (priority 0) and before
the offline plugin turns it into `search_index.js` (priority -100), the clause
text is moved out of its section's entry into an entry of its own at
`page#clause-id`, right after that section (Material expects a page's own
entry first). The clause text is rendered with Material's own index parser, so
it is byte-for-byte what the section entry holds. The pages' HTML is not
touched.

Why here and not in `on_page_content`: changing the HTML (hidden headings per
clause) would change what readers and screen readers get; the index is the
only thing that needs to know about clauses.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from material.plugins.search.plugin import Parser as MaterialIndexParser
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.search_clauses")

# Clause entries rank as high as a page's own entry: Material multiplies the
# score of page-level entries (those without `#`) by up to 5 and of sections
# by up to 2, which would put a page with scattered words above the clause
# that holds them all. See tests/test_search_browser.py for the ranking cases.
CLAUSE_BOOST = 2.5


@dataclass(frozen=True)
class Clause:
    id: str
    label: str
    html: str


# Elements without an end tag.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ClauseFinder(HTMLParser):
    """Offsets of the outermost elements with class `clause` and an id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._html = html
        # HTMLParser counts lines at "\n" only.
        self._line_starts = [0] + [i + 1 for i, char in enumerate(html) if char == "\n"]
        self._open: list[str] = []
        self._current: dict | None = None
        self.found: list[dict] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        self._open.append(tag)
        if self._current is None and "clause" in classes and attributes.get("id"):
            self._current = {"id": attributes["id"], "start": self._offset(),
                             "depth": len(self._open), "label": None, "in_label": False}
        elif self._current is not None and tag == "a" and "clause-label" in classes:
            self._current["in_label"] = True
            self._current["label"] = ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <br/>, <img/>: nothing to track

    def handle_data(self, data: str) -> None:
        if self._current is not None and self._current["in_label"]:
            self._current["label"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return
        while self._open.pop() != tag:
            pass
        if self._current is None:
            return
        if tag == "a":
            self._current["in_label"] = False
        if len(self._open) < self._current["depth"]:
            self._current["end"] = self._html.index(">", self._offset()) + 1
            self.found.append(self._current)
            self._current = None


def find_clauses(html: str) -> list[Clause]:
    """The clauses of a page's content HTML, in document order."""
    finder = _ClauseFinder(html)
    finder.feed(html)
    finder.close()
    return [Clause(c["id"], (c["label"] or "").strip(), html[c["start"]:c["end"]])
            for c in finder.found]


def index_text(html: str) -> str:
    """A fragment's text exactly as Material's search plugin indexes it."""
    parser = MaterialIndexParser()
    parser.feed(html)
    parser.close()
    return "".join(part for section in parser.data for part in section.text).strip()


def split_entries(docs: list[dict], clauses: dict[str, tuple[str, list[Clause]]]) -> list[str]:
    """Move each clause out of its page's entries into its own (in place).

    `clauses` maps a page URL to (page title, clauses). Returns the ids of
    clauses whose text was not found in the index.
    """
    result: list[dict] = []
    placed: set[tuple[str, str]] = set()
    for entry in docs:
        result.append(entry)
        path = entry["location"].split("#", 1)[0]
        if path not in clauses:
            continue
        title, page_clauses = clauses[path]
        for clause in page_clauses:
            text = index_text(clause.html)
            # In document order, each clause once: two clauses may read alike.
            if (path, clause.id) in placed or not text or text not in entry["text"]:
                continue
            placed.add((path, clause.id))
            entry["text"] = " ".join(entry["text"].replace(text, " ", 1).split())
            result.append({
                "location": f"{path}#{clause.id}",
                "title": f"{title} {clause.label}".strip(),
                "text": text,
                "boost": CLAUSE_BOOST,
            })
    docs[:] = result
    return [c.id for path, (_, page_clauses) in clauses.items() for c in page_clauses
            if (path, c.id) not in placed]


_clauses: dict[str, tuple[str, list[Clause]]] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    _clauses.clear()


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    found = find_clauses(html)
    if found:
        title = str(page.meta.get("title") or page.title or "")
        _clauses[page.url] = (title, found)
    return html


@event_priority(-50)  # after `search` (0) writes the index, before `offline` (-100) reads it
def on_post_build(*, config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists() or not _clauses:
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    missing = split_entries(index["docs"], _clauses)
    for clause_id in missing:
        log.warning("Clause '%s' is not in the search index as it was expected; "
                    "search results cannot link to it.", clause_id)
    # Same serialisation as Material's plugin (ASCII, compact).
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
