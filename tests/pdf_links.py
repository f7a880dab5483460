"""Read a PDF's links back: where each link annotation points, and the words under it.

pypdf reads the annotations and resolves named destinations itself, through
the catalogue's /Dests dictionary or its /Names /Dests tree; `pdftotext
-bbox` (poppler-utils) gives every word with its box.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path


@dataclass(frozen=True)
class Word:
    text: str
    x0: float  # from the page's top left, in points
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Destination:
    page: int  # from 1
    top: float | None  # from the page's top, in points (None: the page's top)


@dataclass(frozen=True)
class Link:
    page: int  # from 1, the page that shows the link
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 from the page's top left
    name: str | None  # the named destination, when the link uses one
    destination: Destination | None  # None: internal, but resolves to no page
    uri: str | None  # an external link (URI action)

    @property
    def internal(self) -> bool:
        return self.uri is None


def _name(value) -> str:
    return str(value).removeprefix("/")


def _explicit(value, pages: dict[int, int], height: float) -> Destination | None:
    """An explicit destination [page /XYZ left top zoom] (or a dictionary holding one in /D)."""
    value = value.get_object()
    if hasattr(value, "keys") and "/D" in value:
        value = value["/D"].get_object()
    if not isinstance(value, list) or not value:
        return None
    page = pages.get(getattr(value[0], "idnum", None))  # an indirect reference to the page
    if page is None:
        return None
    top = None
    if len(value) > 3 and _name(value[1]) in ("XYZ", "FitH", "FitBH"):
        raw = value[3] if _name(value[1]) == "XYZ" else value[2]
        top = None if raw is None else height - float(raw)
    return Destination(page, top)


def pdf_links(pdf: Path) -> list[Link]:
    """Every /Link annotation of the PDF, in page order and, within a page, in the order written."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, 1)}
    # pypdf reads both forms of named destinations (the catalogue's /Dests, the /Names tree).
    names = {_name(name): value for name, value in reader.named_destinations.items()}
    links = []
    for number, page in enumerate(reader.pages, 1):
        height = float(page.mediabox.height)
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
            box = (min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1))
            target = annotation.get("/Dest")
            action = annotation.get("/A")
            action = action.get_object() if action is not None else None
            uri = None
            if target is None and action is not None:
                if action.get("/S") == "/GoTo":
                    target = action.get("/D")
                elif action.get("/S") == "/URI":
                    uri = str(action.get("/URI"))
            name = None
            destination = None
            if uri is None and target is not None:
                target = target.get_object() if hasattr(target, "get_object") else target
                if isinstance(target, list):
                    destination = _explicit(target, pages, height)
                else:
                    name = _name(target)
                    if name in names:
                        named = names[name]
                        page = reader.get_destination_page_number(named)
                        top = named.top if named.typ in ("/XYZ", "/FitH", "/FitBH") else None
                        destination = Destination(page + 1, None if top is None else height - float(top)) \
                            if page >= 0 else None
            links.append(Link(number, box, name, destination, uri))
    return links


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pdf_words(pdf: Path) -> list[list[Word]]:
    """The words of every page (index 0 is page 1), in pdftotext's reading order."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True, encoding="utf-8").stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        pages.append([Word(unescape(m[4]), float(m[0]), float(m[1]), float(m[2]), float(m[3]))
                      for m in _WORD.findall(chunk)])
    return pages


def words_under(words: list[Word], box: tuple[float, float, float, float]) -> list[str]:
    """The words whose centre lies in `box`."""
    x0, y0, x1, y1 = box
    return [w.text for w in words
            if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and y0 - 1 <= (w.y0 + w.y1) / 2 <= y1 + 1]


def words_below(words: list[Word], top: float, height: float) -> list[str]:
    """The words that start between `top` and `top + height`, in reading order."""
    return [w.text for w in words if top - 2 <= w.y0 and w.y0 <= top + height]


_EDGE_PUNCTUATION = ".,:;!?()[]\u201c\u201d\"'"


def normal_words(text: str) -> list[str]:
    """Words for comparing PDF text with HTML text: punctuation at their edges dropped, empty ones gone."""
    words = (word.strip(_EDGE_PUNCTUATION) for word in text.replace("\xa0", " ").split())
    return [word for word in words if word]


def contains(haystack: list[str], needle: list[str]) -> int:
    """How many times `needle` occurs in `haystack` as a run of words (without overlap)."""
    count, index = 0, 0
    while needle and index + len(needle) <= len(haystack):
        if haystack[index:index + len(needle)] == needle:
            count += 1
            index += len(needle)
        else:
            index += 1
    return count
