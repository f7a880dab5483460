"""The register of published provision ids (`archive/clause-ids.txt`).

An id, once published, is never removed (PROVISIONS.md §6). Each line of the register names a
page (relative to docs/) and an id on it; a third column makes the id an alias that lands on the
provision with that eId (an id published before the provisions had eIds, or one moved by a fixed
transcription error). Lines starting with `#` are comments. Shapes: `read(path) -> list[Entry]`,
`aliases_for(path, page) -> {eid: (alias, ...)}`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    """One published id: its page, the id, and the eId it lands on when it is an alias."""

    page: str
    id: str
    lands_on: str = ""
    line: int = 0

    @property
    def target(self) -> str:
        """The id of the element a link to this id must reach."""
        return self.lands_on or self.id


def parse(text: str) -> list[Entry]:
    """The entries of a register's text. Raises ValueError naming the line of a malformed entry."""
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) not in (2, 3):
            raise ValueError(f"line {number}: expected 'page id [lands-on]', got {line!r}")
        entries.append(Entry(*fields, line=number) if len(fields) == 3 else Entry(fields[0], fields[1], line=number))
    return entries


def read(path: Path) -> list[Entry]:
    """The entries of the register file at `path` (UTF-8)."""
    return parse(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=8)
def _aliases(path: str, mtime: float) -> dict[str, dict[str, tuple[str, ...]]]:
    table: dict[str, dict[str, list[str]]] = {}
    for entry in read(Path(path)):
        if entry.lands_on:
            table.setdefault(entry.page, {}).setdefault(entry.lands_on, []).append(entry.id)
    return {page: {eid: tuple(ids) for eid, ids in by_eid.items()} for page, by_eid in table.items()}


def aliases_for(path: Path, page: str) -> dict[str, tuple[str, ...]]:
    """The alias ids the register gives `page`, by the eId they land on ({} without a register)."""
    if not path.is_file():
        return {}
    return _aliases(str(path.resolve()), path.stat().st_mtime).get(page, {})


def missing(entries: list[Entry], ids_by_page: dict[str, set[str]]) -> list[Entry]:
    """Register entries whose target id is not among the provision ids of its page (`ids_by_page`
    holds every rendered page, documents or not: a page that is gone loses all its ids)."""
    return [entry for entry in entries if entry.target not in ids_by_page.get(entry.page, set())]


def additions(entries: list[Entry], ids_by_page: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(page, eid) of every provision id not yet in the register, pages in order, ids in reading order."""
    known = {(entry.page, entry.id) for entry in entries}
    return [(page, eid) for page in sorted(ids_by_page) for eid in ids_by_page[page] if (page, eid) not in known]


def format_line(page: str, eid: str) -> str:
    """One register line, aligned like the file's own."""
    return f"{page:<17} {eid}"
