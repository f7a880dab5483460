"""Document numbers in running text, and which documents cite which.

A document is cited by its số ký hiệu, usually after its form and "số" ("Quyết định số
1826/QĐ-UBND") and often before its date ("… ngày 25/12/2023"). `find(text, catalog)` returns
each mention of a document the site holds: where it starts (at the form, when the words before
the number are the cited document's form, with or without "số") and ends (after the number).

Numbers of administrative documents start again every year ("12/KH-UBND" of 2024 and of 2025 are
two plans), so a number that several of the site's documents share names one of them only when a
date follows it; and a date that follows a number and is not the date of the site's document of
that number means another document, which is not linked.

`relations(catalog)` answers, for each document, the documents it cites and those that cite it,
from the text of its own page and of the pages that hold a part of it (`part_of`): front matter
(`document.can_cu`, `document.trich_yeu`) and body, without code, HTML comments and front matter
of other kinds. Pages that only present a document (`about`) are not its text. A document cites
only documents issued on or before its own date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from vanban.catalog import Catalog, Document

# A token shaped like a số ký hiệu: digits, then "/" segments of letters and digits joined by "-"
# ("855/KH-UBND", "202/2025/QH15", "1826/QĐ-UBND"). Dates and fractions match too ("25/12/2023",
# "20/63") and are dropped by the lookup; a token inside a longer one (an address, a longer
# number) is not read.
_TOKEN = r"(?<![\w/.\-])\d+[A-Za-z]?(?:/[0-9A-Za-zĐđ]+(?:-[0-9A-Za-zĐđ]+)*)+(?![\w])"
# A date written right after a number: ", ngày 25/12/2023", " ngày 25 tháng 12 năm 2023".
_DATE_AFTER = re.compile(
    r"\s*,?\s*ngày\s+(\d{1,2})(?:\s*([/.-])\s*(\d{1,2})\s*\2\s*|\s+tháng\s+(\d{1,2})\s+năm\s+)(\d{4})",
    re.IGNORECASE)
# What is never read for mentions in a page's Markdown: fenced and indented code, inline code,
# HTML comments.
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_INDENTED = re.compile(r"(?:^(?: {4}|\t)[^\n]*\n?)+", re.M)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)

RELATION_FIELDS = ("can_cu", "trich_yeu")  # front-matter fields of a document read for mentions


@dataclass(frozen=True)
class Mention:
    """One mention of a document of the site in a piece of text."""

    start: int  # at the cited document's form when it precedes the number, else at the number
    end: int  # after the number
    document: Document


def _pattern(catalog: Catalog) -> re.Pattern[str]:
    """The token pattern, plus the site's numbers that the token shape does not cover."""
    pattern = catalog.cache.get("references.pattern")
    if pattern is None:
        token = re.compile(_TOKEN)
        odd = sorted((number for number in catalog.by_number if not token.fullmatch(number)), key=len, reverse=True)
        alternatives = [_TOKEN] + [rf"(?<![\w/]){re.escape(number)}(?![\w])" for number in odd]
        pattern = re.compile("|".join(f"(?:{alternative})" for alternative in alternatives))
        catalog.cache["references.pattern"] = pattern
    return pattern


def _date_after(text: str, end: int) -> date | None:
    match = _DATE_AFTER.match(text, end)
    if not match:
        return None
    day, month, year = match.group(1), match.group(3) or match.group(4), match.group(5)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _lead(text: str, start: int, kind: str) -> int:
    """Where a mention starts: at "<form> số " or "<form> " right before the number."""
    if not kind:
        return start
    words = r"\s+".join(re.escape(word) for word in kind.split())
    low = max(0, start - 80)
    match = re.search(rf"(?<!\w){words}\s+(?:số\s+)?$", text[low:start], re.IGNORECASE)
    return low + match.start() if match else start


def find(text: str, catalog: Catalog) -> list[Mention]:
    """Every mention in `text` (NFC) of a document the site holds, in order."""
    if not catalog.by_number or not text:
        return []
    text = unicodedata.normalize("NFC", text)
    mentions = []
    for match in _pattern(catalog).finditer(text):
        candidates = catalog.by_number.get(match.group())
        if not candidates:
            continue
        written = _date_after(text, match.end())
        if written is not None:
            candidates = [document for document in candidates if document.issued == written]
        if len(candidates) != 1:
            continue  # another document of that number, or several and no date to tell them apart
        document = candidates[0]
        mentions.append(Mention(_lead(text, match.start(), document.kind), match.end(), document))
    return mentions


def readable(markdown: str) -> str:
    """A page's Markdown without what is never read for mentions (code, HTML comments); each
    removed part is replaced by a line break so that nothing is joined across it."""
    for pattern in (_COMMENT, _FENCE, _INDENTED, _CODE_SPAN):
        markdown = pattern.sub("\n", markdown)
    return markdown


@dataclass(frozen=True)
class Relations:
    """The documents one document cites and those citing it, each newest first."""

    cites: tuple[Document, ...] = ()
    cited_by: tuple[Document, ...] = ()


def _texts(catalog: Catalog) -> dict[str, list[str]]:
    """The text each document is written in, by its page: its front matter's fields, its own
    page's body and the bodies of the pages holding a part of it."""
    texts = {document.path: [str(document.fields.get(key) or "") for key in RELATION_FIELDS]
             for document in catalog.documents}
    for page in catalog.pages.values():
        if page.path in texts:
            texts[page.path].append(readable(page.body))
        elif page.meta.get("part_of") and not isinstance(page.meta.get("document"), dict):
            document, _ = catalog.document_of(page.path)
            if document is not None:
                texts[document.path].append(readable(page.body))
    return texts


def _may_cite(source: Document, target: Document) -> bool:
    """A document cites only documents issued by its own date: a later one it cannot know. (A
    page's editorial note, such as "this decision is the basis of Plan 855", names a later
    document without the decision citing it.)"""
    return source.issued is None or target.issued is None or target.issued <= source.issued


def relations(catalog: Catalog) -> dict[str, Relations]:
    """Relations of every document, by its page (computed once per catalog)."""
    found = catalog.cache.get("references.relations")
    if found is not None:
        return found
    cites: dict[str, set[str]] = {document.path: set() for document in catalog.documents}
    for path, texts in _texts(catalog).items():
        for text in texts:
            for mention in find(text, catalog):
                if mention.document.path != path and _may_cite(catalog.by_path[path], mention.document):
                    cites[path].add(mention.document.path)
    cited_by: dict[str, set[str]] = {document.path: set() for document in catalog.documents}
    for source, targets in cites.items():
        for target in targets:
            cited_by[target].add(source)
    order = {document.path: index for index, document in enumerate(catalog.documents)}

    def documents(paths: set[str]) -> tuple[Document, ...]:
        return tuple(catalog.by_path[path] for path in sorted(paths, key=order.__getitem__))

    found = {path: Relations(documents(cites[path]), documents(cited_by[path])) for path in cites}
    catalog.cache["references.relations"] = found
    return found


def segments(text: str, catalog: Catalog, exclude: str | None = None) -> list[tuple[str, Document | None]]:
    """`text` cut into (piece, document it names or None), mentions of `exclude` (a page) left
    as text: for templates that show a front-matter value with its mentions linked."""
    text = unicodedata.normalize("NFC", text)
    pieces: list[tuple[str, Document | None]] = []
    position = 0
    for mention in find(text, catalog):
        if mention.document.path == exclude:
            continue
        if mention.start > position:
            pieces.append((text[position:mention.start], None))
        pieces.append((text[mention.start:mention.end], mention.document))
        position = mention.end
    if position < len(text) or not pieces:
        pieces.append((text[position:], None))
    return pieces
