"""Python-Markdown extension: a wide table scrolls in a region the keyboard can reach.

Material wraps each table in a horizontally scrolling `div.md-typeset__scrollwrap` at run time;
that wrapper takes no focus, so a keyboard user cannot scroll a table wider than the screen
(WCAG 2.1.1; axe-core rule `scrollable-region-focusable`). This extension wraps every `<table>`
of the page, at build time, in

    <div class="vb-table" role="region" tabindex="0" aria-label="Bảng: <its header cells>">

and `docs/assets/site.css` makes that div the scrolling box (Material's inner wrapper no longer
scrolls). `role="region"` with a name is what a focusable, non-interactive element needs to be
announced (WAI-ARIA 1.2, §5.3.2 "region"); the name is the table's header row, comma-separated,
cut at 80 characters, or "Bảng" when the table has no header.

Runs after Python-Markdown's `tables` (a treeprocessor, priority 0: after inline parsing) and
touches nothing else. No MkDocs import; Zensical runs it as MkDocs does.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

CLASS = "vb-table"
NAME_LENGTH = 80


def table_name(table: etree.Element) -> str:
    """The accessible name of `table`'s region: "Bảng: " + its header cells, or "Bảng"."""
    head = table.find("thead")
    row = head.find("tr") if head is not None else None
    cells = [" ".join("".join(cell.itertext()).split()) for cell in row] if row is not None else []
    header = ", ".join(cell for cell in cells if cell)
    if not header:
        return "Bảng"
    if len(header) > NAME_LENGTH:
        header = header[:NAME_LENGTH].rsplit(" ", 1)[0].rstrip(",") + "…"
    return f"Bảng: {header}"


class TableRegionTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table" or parent.get("class") == CLASS:
                    continue
                region = etree.Element("div", {"class": CLASS, "role": "region", "tabindex": "0",
                                               "aria-label": table_name(child)})
                region.tail, child.tail = child.tail, None
                parent.remove(child)
                region.append(child)
                parent.insert(index, region)


class TablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(TableRegionTreeprocessor(md), "vanban_tables", 0)


def makeExtension(**kwargs: object) -> TablesExtension:  # noqa: N802 (Python-Markdown's name)
    return TablesExtension(**kwargs)
