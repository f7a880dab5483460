"""Printed provision markers of a Vietnamese administrative document.

A marker is the label a provision is printed with: `Phần I`, `Chương II`, `III.`, `Mục 1`,
`Điều 5.`, `2.`, `2.1.`, `đ)`, `-`, `+`, `PHỤ LỤC I:`. This module reads one from the start of
a piece of text, as `../shared/PROVISIONS.md` §1 and §3 specify (the structure of Decree
30/2020/NĐ-CP, Appendix I), and knows the sequences the numbers follow. It reads text only: where
a marker may stand (which lines, which blocks) is decided by the caller.

Shapes: `read_marker(text) -> Lead | None`; `Lead.marker` is a `Marker(type, num, label, bullet)`
whose `type` is one of `TYPES` (Akoma Ntoso names: part, chp, sec, art, cl, point, indent, att)
and whose `num` is the eId form of the printed number (`II`, `2-1`, `dd`; empty for dash items).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Akoma Ntoso element names (AKN-NC 1.0 eId prefixes), from the top level down.
TYPES = ("att", "part", "chp", "sec", "art", "cl", "point", "indent")

# Vietnamese letters of điểm, in order: no f, j, w, z; đ comes after d (Decree 30, Appendix I).
POINT_LETTERS = tuple("a b c d đ e g h i k l m n o p q r s t u v x y".split())
# Letters that look like a điểm but are not in the Vietnamese sequence.
FOREIGN_LETTERS = frozenset("fjwz")

# Dash items: '-', '–' (en dash) and '*' share one count; '+' items are sub-items of a '-' item.
# '•' is how Word's bullets arrive when a list is pasted as text: read like '-'.
DASHES = frozenset("-–*•")
SUB_DASH = "+"

# Ordinal words of "Phần thứ …" (the forms documents print), as digits.
ORDINALS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10,
}

# Roman numbers as printed for mục and phần: I … XXXIX. C, D, L, M alone are read as letters
# ("C. Kết luận"), never as numbers.
_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}

# White space after a marker: space, no-break space or tab (PROVISIONS.md §3).
_SPACE = r"[ \u00a0\t]"
# (or emphasis closing right after it: `**Điều 1.** Ban hành`)
_END = r"(?=[ \u00a0\t*_]|$)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("att", re.compile(rf"(?P<label>(?:PHỤ LỤC|Phụ lục|PHỤ lục)(?:{_SPACE}+(?P<num>{_ROMAN}|\d+|[A-Z]))?"
                       rf"(?P<punct>[.:])?){_END}")),
    ("part", re.compile(rf"(?P<label>(?:PHẦN|Phần){_SPACE}+(?:(?:THỨ|thứ){_SPACE}+(?P<word>\w+)"
                        rf"|(?P<num>{_ROMAN}|\d+))(?P<punct>[.:])?){_END}")),
    ("chp", re.compile(rf"(?P<label>(?:CHƯƠNG|Chương){_SPACE}+(?P<num>{_ROMAN}|\d+)(?P<punct>[.:])?){_END}")),
    ("sec", re.compile(rf"(?P<label>(?:MỤC|Mục){_SPACE}+(?P<num>\d+|{_ROMAN})(?P<punct>[.:])?){_END}")),
    ("art", re.compile(rf"(?P<label>(?:ĐIỀU|Điều){_SPACE}+(?P<num>\d+[a-zđ]?)(?P<punct>[.:])?){_END}")),
    ("sec", re.compile(rf"(?P<label>(?P<num>{_ROMAN})\.){_END}")),
    ("cl", re.compile(rf"(?P<label>(?P<num>\d{{1,2}}(?:\.\d{{1,2}})+)\.){_END}")),
    ("cl", re.compile(rf"(?P<label>(?P<num>\d{{1,3}})\.){_END}")),
    ("point", re.compile(rf"(?P<label>(?P<num>[a-zđ])\)){_END}")),
    ("indent", re.compile(rf"(?P<label>(?P<num>[-–*•+])){_END}")),
)


@dataclass(frozen=True)
class Marker:
    """A printed marker: its AKN type, its eId number, its label exactly as printed."""

    type: str  # one of TYPES
    num: str  # eId form: "II", "1", "2-1", "dd", "1" for "Phần thứ nhất"; "" for a dash item
    label: str  # as printed, e.g. "đ)", "2.1.", "Điều 1.", "PHỤ LỤC I:", "-"

    @property
    def bullet(self) -> str:
        """For a dash item, its dash ('-', '–', '*', '•', '+'); else ''."""
        return self.label if self.type == "indent" else ""

    @property
    def depth(self) -> int:
        """Levels below its khoản for a dotted khoản (`2.1.` is 1, `2.1.1.` is 2); else 0."""
        return self.num.count("-") if self.type == "cl" else 0


@dataclass(frozen=True)
class Lead:
    """A marker read at the start of a text, and where the provision's own text begins."""

    marker: Marker
    start: int  # offset of the label in the text
    end: int  # offset just after the label
    text_start: int  # offset of the first character of the provision's own text


def roman_value(numeral: str) -> int:
    """Value of a Roman number made of I, V and X: "XIV" -> 14. Raises ValueError otherwise."""
    if not numeral or not re.fullmatch(_ROMAN, numeral):
        raise ValueError(f"not a Roman number: {numeral!r}")
    values = [_ROMAN_VALUES[ch] for ch in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def point_num(letter: str) -> str:
    """The eId number of a điểm letter: `đ` is written `dd` (PROVISIONS.md §1)."""
    return "dd" if letter == "đ" else letter


def read_marker(text: str) -> Lead | None:
    """The marker at the very start of `text` (already stripped of Markdown syntax), or None.

    `text` is NFC-normalised first. A marker must be followed by white space or the end of the
    text; a run of dashes (`---`) is a rule, never a marker.
    """
    text = unicodedata.normalize("NFC", text)
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        label = match.group("label")
        if kind == "indent" and re.match(r"[-–*•+]{2,}", text):
            return None
        num = _num(kind, match)
        if num is None:
            continue
        end = match.end("label")
        rest = len(text) - len(text[end:].lstrip(" \u00a0\t"))
        return Lead(Marker(kind, num, label), match.start("label"), end, rest)
    return None


def _num(kind: str, match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if kind == "part" and groups.get("word"):
        value = ORDINALS.get(groups["word"].lower())
        return str(value) if value else None
    num = groups.get("num") or ""
    if not num and kind not in ("indent", "att"):
        return None
    if kind in ("sec", "part", "chp") and num and not num.isdigit() and not re.fullmatch(_ROMAN, num):
        return None
    if kind == "sec" and not num:
        return None
    if kind == "point":
        return point_num(num)
    if kind == "cl":
        return num.replace(".", "-")
    if kind == "indent":
        return ""
    return num


def next_in_sequence(marker: Marker) -> str | None:
    """The eId number printed after `marker` among its siblings, or None when it has no successor
    to predict (a dash item, an attachment, the last letter)."""
    if marker.type == "point":
        letters = [point_num(letter) for letter in POINT_LETTERS]
        if marker.num not in letters:
            return None
        index = letters.index(marker.num) + 1
        return letters[index] if index < len(letters) else None
    if marker.type in ("cl", "art") and marker.num.replace("-", "").isdigit():
        head, _, last = marker.num.rpartition("-")
        return f"{head}-{int(last) + 1}" if head else str(int(last) + 1)
    if marker.type in ("sec", "part", "chp"):
        if marker.num.isdigit():
            return str(int(marker.num) + 1)
        value = roman_value(marker.num) + 1
        return to_roman(value) if value < 40 else None
    return None


def first_in_sequence(marker: Marker) -> str | None:
    """The eId number the first of `marker`'s siblings of its kind is printed with."""
    if marker.type == "point":
        return "a"
    if marker.type == "cl":
        head, _, _ = marker.num.rpartition("-")
        return f"{head}-1" if head else "1"
    if marker.type in ("art",):
        return "1"
    if marker.type in ("sec", "part", "chp"):
        return "1" if marker.num.isdigit() else "I"
    return None


def to_roman(value: int) -> str:
    """1..39 as a Roman number: 14 -> "XIV"."""
    if not 0 < value < 40:
        raise ValueError(value)
    tens, units = divmod(value, 10)
    ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    return "X" * tens + ones[units]


def display_num(marker: Marker) -> str:
    """The number as a reader says it in a citation: `đ` for `dd`, `2.1` for `2-1`."""
    if marker.type == "point":
        return "đ" if marker.num == "dd" else marker.num
    return marker.num.replace("-", ".")
