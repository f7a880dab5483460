"""The official layout (thể thức) typed into a document's text instead of its front matter.

A document page draws its header ("ỦY BAN NHÂN DÂN TỈNH …", quốc hiệu and tiêu ngữ, "Số: …",
"Ninh Thuận, ngày … tháng … năm …", tên loại and trích yếu, "Kính gửi") and its closing ("Nơi
nhận", the signature) from front matter (overrides/partials/the-thuc.html; Decree 30/2020/NĐ-CP,
Appendix I, Part I, II). Pasted from Word or a portal, the same parts arrive in the body, in the
forms editors use (../shared/realdocs/as-pasted/): lines one under the other with `-------`
rules, a two-column table with the parts in its cells (`<br>` between lines), pipe lines, hard
breaks (`\\`), a "Văn bản liên quan" list copied from a portal. Printed twice, they would also be
read as the document's text. `find(lines, document)` finds them, each at its line and column with
the front-matter key that replaces it.

Only the document's own text is read, up to its first attachment (a phụ lục may be a form, with
a header and a signature of its own). What is recognised, on the text as a reader sees it (emphasis, heading marks, link syntax and a
trailing `{ … }` removed; a table or pipe line read cell by cell, a cell line by line at `<br>`):
- anywhere: the quốc hiệu, the tiêu ngữ, a "Số: …" line, a "…, ngày … tháng … năm …" line,
  "Kính gửi:", "Nơi nhận:", "Văn bản liên quan", a signature ("TM.", "KT.", "Q.", "TL.", "TUQ."
  and a title in capitals; a title in capitals followed by a name; "(Đã ký)");
- before the first provision marker (the header's place): the issuing body (lines in capitals
  right next to the quốc hiệu, or the value of `co_quan_ban_hanh` or `co_quan_chu_quan` written
  out), the tên loại (`loai_van_ban` alone, in capitals), the trích yếu (`trich_yeu`, or "V/v …").
Comparisons ignore case, diacritics (so "Uỷ"/"Ủy", "HOÀ"/"HÒA" match) and spacing. No MkDocs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vanban.markers import read_marker
from vanban.text import fold

HEADER = "pasted-header"
SIGNATURE = "pasted-signature"

# Abbreviations a front-matter value may use for the issuing body, written out (Decree 30,
# Appendix I, Part I, II.2: the issuing body's name is written in full).
ABBREVIATIONS = (("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"))


@dataclass(frozen=True)
class Pasted:
    """One part of the layout found in the body: where, which rule, what and the fix."""

    line: int
    col: int
    rule: str
    message: str
    hint: str


@dataclass(frozen=True)
class Fragment:
    """One line of text as a reader sees it, with where it starts in the source."""

    line: int  # 1-based, in the lines given
    col: int  # 1-based, first visible character
    text: str  # NFC, spaces collapsed
    row: int  # index of its source line: fragments of one table row share it
    cell: int  # its cell in a table or pipe line (0 elsewhere)
    table: bool = False  # from a table or pipe line
    heading: bool = False  # from an ATX heading (`## …`)

    @property
    def key(self) -> str:
        """For comparisons: no diacritics, no case, single spaces."""
        return compare_key(self.text)


def compare_key(text: str) -> str:
    return " ".join(fold(unicodedata.normalize("NFC", text)).casefold().split())


def written_out(name: str) -> str:
    """A body's name with its usual abbreviations written out: "UBND tỉnh X" -> "Ủy ban nhân dân tỉnh X"."""
    for short, full in ABBREVIATIONS:
        name = name.replace(short, full)
    return name


# --- reading the body as a reader sees it -------------------------------------------------------

_PIPE = re.compile(r"(?<!\\)\|")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_LEAD = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]*)?(?:[*_]{1,3}(?=\S))?")
_RULE = re.compile(r"[-_=*–—\s]{3,}")
_DELIMITER_ROW = re.compile(r"[\s|:\-]+")
_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def fragments(lines: list[str], first: int = 1) -> list[Fragment]:
    """The visible lines of `lines` (numbered from `first`), in reading order."""
    found: list[Fragment] = []
    for row, source in enumerate(lines):
        if not source.strip() or (("|" in source) and _DELIMITER_ROW.fullmatch(source)):
            continue
        cells = _cells(source)
        table = bool(_PIPE.search(source))
        for cell, (start, end) in enumerate(cells):
            piece_start = start
            for match in [*_BREAK.finditer(source, start, end), None]:
                piece_end = match.start() if match else end
                fragment = _fragment(source, piece_start, piece_end, first + row, row, cell, table)
                if fragment is not None:
                    found.append(fragment)
                if match:
                    piece_start = match.end()
    return found


def _cells(source: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a table or pipe line; the whole line otherwise."""
    bounds = [match.start() for match in _PIPE.finditer(source)]
    if not bounds:
        return [(0, len(source))]
    edges = [-1, *bounds, len(source)]
    cells = [(a + 1, b) for a, b in zip(edges, edges[1:])]
    return [(a, b) for a, b in cells if source[a:b].strip()]


def _fragment(source: str, start: int, end: int, line: int, row: int, cell: int,
              table: bool) -> Fragment | None:
    raw = source[start:end]
    lead = _LEAD.match(raw).end()
    text = raw[lead:].rstrip()
    text = text.removesuffix("\\").rstrip()
    text = _ATTRS.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub("", text)
    text = " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())
    if not text or _RULE.fullmatch(text):
        return None
    return Fragment(line, start + lead + 1, text, row, cell, table, raw.lstrip().startswith("#"))


# --- what each part looks like ------------------------------------------------------------------

_NATION = "cong hoa xa hoi chu nghia viet nam"
_MOTTO = re.compile(r"doc lap\s*[-–—]\s*tu do\s*[-–—]\s*hanh phuc")
_NUMBER = re.compile(r"Số\s*:\s*(?P<number>\S*)")
_DATE = re.compile(r"(?:(?P<place>[^\d,;:()]{2,40}),\s*)?[Nn]gày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})"
                   r"\s+năm\s+(?P<year>\d{4})\.?")
_SUBJECT = re.compile(r"V/v\s+\S", re.I)
_TO = re.compile(r"kinh gui\s*:")
_COPIES = re.compile(r"noi nhan\s*:")
_RELATED = re.compile(r"van ban lien quan\s*:?")
_AUTHORITY = re.compile(r"(?:TM|KT|Q|TL|TUQ)\.\s+(?P<title>\S.*)")
_SIGNED = re.compile(r"\(\s*(?:đã\s+)?ký\b[^()]*\)", re.I)
_CAPITALS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _in_capitals(text: str) -> bool:
    """Words of letters only, every letter a capital: "PHÓ CHỦ TỊCH", "TỈNH NINH THUẬN"."""
    return bool(_CAPITALS.fullmatch(text)) and text == text.upper()


def _is_name(text: str) -> bool:
    """A person's name as signed: two to six words, each a capital then small letters."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(
        word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower()) for word in words)


def _is_provision(text: str) -> bool:
    lead = read_marker(text)
    return lead is not None and lead.marker.type != "indent"


# An attachment starts at "PHỤ LỤC …" or at a heading followed by "(Ban hành) kèm theo …"
# (../shared/PROVISIONS.md §2, as vanban.extensions.provisions reads it).
_ISSUED_WITH = re.compile(r"\(?\s*(?:ban hành\s+)?kèm theo\b", re.I)


def _attachment_start(parts: list[Fragment]) -> int:
    """The index of the first fragment of the first attachment (len(parts) when there is none)."""
    for index, part in enumerate(parts):
        lead = read_marker(part.text)
        if lead is not None and lead.marker.type == "att":
            return index
        following = parts[index + 1] if index + 1 < len(parts) else None
        if part.heading and following is not None and _ISSUED_WITH.match(following.text):
            return index
    return len(parts)


# --- finding them ----------------------------------------------------------------------------------

def find(lines: list[str], document: Mapping[str, Any], first: int = 1) -> list[Pasted]:
    """Every part of the official layout typed into a document's body (`lines`, numbered from
    `first`), given its front matter `document`."""
    parts = fragments(lines, first)
    # An attachment may be a form with a header and a signature of its own (a mẫu): not pasted.
    parts = parts[:_attachment_start(parts)]
    found: list[Pasted] = []
    header_end = next((i for i, part in enumerate(parts) if _is_provision(part.text)), len(parts))
    issuer = _issuer(parts, header_end, document)
    for index in issuer:
        part = parts[index]
        body = document.get("co_quan_ban_hanh", "")
        shown = " ".join(parts[i].text for i in sorted(issuer[index]))
        found.append(Pasted(
            part.line, part.col, HEADER, f"Tên cơ quan ban hành «{shown}» gõ trong bài.",
            f"xóa phần này: trang tự in tên cơ quan ở đầu văn bản từ khóa document.co_quan_ban_hanh "
            f"(hiện là «{body}»), cơ quan chủ quản (nếu có) từ khóa document.co_quan_chu_quan."))
    taken = {i for group in issuer.values() for i in group}
    index = 0
    while index < len(parts):
        part = parts[index]
        pasted = None if index in taken else _header_part(part, index < header_end, document)
        if pasted is not None:
            found.append(pasted)
        elif index not in taken:
            signature, index = _signature(parts, index)
            found.extend(signature)
        index += 1
    return sorted(found, key=lambda p: (p.line, p.col))


def _issuer(parts: list[Fragment], header_end: int, document: Mapping[str, Any]) -> dict[int, set[int]]:
    """The issuing body's lines in the header: {first fragment: all its fragments}."""
    groups: dict[int, set[int]] = {}
    # Lines in capitals right before the quốc hiệu, or right after the tiêu ngữ (before "Số").
    for index, part in enumerate(parts[:header_end]):
        if part.key != _NATION:
            continue
        group = set()
        before = index - 1
        while before >= 0 and _in_capitals(parts[before].text) and not _is_provision(parts[before].text):
            group.add(before)
            before -= 1
        after = index + 1
        while after < header_end and (_MOTTO.fullmatch(parts[after].key) or parts[after].key == _NATION):
            after += 1
        while after < header_end and _in_capitals(parts[after].text) and parts[after].row == parts[index].row \
                and parts[after].cell != parts[index].cell:
            group.add(after)
            after += 1
        # In a table or pipe lines the name goes on down its column, row after row.
        column = [i for i in group if parts[i].table]
        if column:
            last = max(column)
            cell, row = parts[last].cell, parts[last].row
            for i in range(last + 1, header_end):
                if not parts[i].table or parts[i].row > row + 1:
                    break
                if parts[i].row == row + 1 and parts[i].cell == cell:
                    if not _in_capitals(parts[i].text) or parts[i].key == _NATION:
                        break
                    group.add(i)
                    row += 1
        if group:
            groups[min(group)] = group
    # The front matter's names, written out, on one line or over consecutive lines of one cell.
    names = {compare_key(written_out(str(document[key])))
             for key in ("co_quan_ban_hanh", "co_quan_chu_quan") if document.get(key)}
    taken = {i for group in groups.values() for i in group}
    for start in range(header_end):
        for stop in range(start + 1, min(start + 4, header_end) + 1):
            span = range(start, stop)
            if any(i in taken for i in span) or not _one_block([parts[i] for i in span]):
                break
            if compare_key(" ".join(parts[i].text for i in span)) in names:
                groups[start] = set(span)
                taken.update(span)
                break
    return groups


def _one_block(span: list[Fragment]) -> bool:
    """Lines read together: one cell of one table row, or consecutive lines outside tables."""
    first = span[0]
    if first.table:
        return all(part.table and part.row == first.row and part.cell == first.cell for part in span)
    return all(not b.table and b.row - a.row == 1 for a, b in zip(span, span[1:]))


def _header_part(part: Fragment, in_header: bool, document: Mapping[str, Any]) -> Pasted | None:
    text, key = part.text, part.key
    if key == _NATION:
        return _pasted(part, HEADER, "Quốc hiệu «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM» gõ trong bài.",
                       "xóa dòng này: trang văn bản tự in quốc hiệu và tiêu ngữ ở đầu văn bản, không cần khóa nào.")
    if _MOTTO.fullmatch(key):
        return _pasted(part, HEADER, "Tiêu ngữ «Độc lập - Tự do - Hạnh phúc» gõ trong bài.",
                       "xóa dòng này: trang văn bản tự in quốc hiệu và tiêu ngữ ở đầu văn bản, không cần khóa nào.")
    number = _NUMBER.fullmatch(text)
    if number:
        return _pasted(part, HEADER, f"Dòng số ký hiệu «{text}» gõ trong bài.",
                       "xóa dòng này: trang tự in «Số: …» từ khóa document.so_ky_hieu"
                       + (f" (ở đây: so_ky_hieu: {number.group('number')})." if number.group("number") else "."))
    date = _DATE.fullmatch(text)
    if date:
        values = [f"ngay_ban_hanh: {int(date.group('day')):02d}/{int(date.group('month')):02d}/{date.group('year')}"]
        if date.group("place"):
            values.insert(0, f"dia_danh: {date.group('place').strip()}")
        return _pasted(part, HEADER, f"Dòng địa danh, ngày «{text}» gõ trong bài.",
                       "xóa dòng này: trang tự in dòng địa danh, ngày tháng (theo Nghị định 30/2020/NĐ-CP) "
                       f"từ khóa document.dia_danh và document.ngay_ban_hanh (ở đây: {'; '.join(values)}).")
    if _TO.match(key):
        return _pasted(part, HEADER, "«Kính gửi» gõ trong bài.",
                       "chuyển các nơi nhận vào khóa document.kinh_gui, mỗi nơi một dòng '    - …' như bản gốc, "
                       "rồi xóa dòng «Kính gửi» và danh sách của nó khỏi bài.")
    if _RELATED.fullmatch(key):
        return _pasted(part, HEADER, "Danh sách «Văn bản liên quan» chép từ cổng thông tin, không thuộc văn bản.",
                       "xóa dòng này và danh sách dưới nó; văn bản làm căn cứ ghi ở khóa document.can_cu.")
    if not in_header:
        return None
    if _SUBJECT.match(text):
        return _pasted(part, HEADER, f"Trích yếu «{_short(text)}» gõ trong bài.",
                       "xóa dòng này: trang công văn tự in «V/v …» dưới số ký hiệu từ khóa document.trich_yeu.")
    kind = str(document.get("loai_van_ban", ""))
    if kind and key == compare_key(kind) and text == text.upper():
        return _pasted(part, HEADER, f"Tên loại «{text}» gõ trong bài.",
                       "xóa dòng này: trang tự in tên loại ở giữa, trên trích yếu, từ khóa document.loai_van_ban.")
    abstract = compare_key(str(document.get("trich_yeu", "")))
    if abstract and (key == abstract or (len(key) >= 20 and abstract.startswith(key))):
        return _pasted(part, HEADER, f"Trích yếu «{_short(text)}» gõ trong bài.",
                       "xóa dòng này: trang tự in trích yếu dưới tên loại từ khóa document.trich_yeu.")
    return None


def _signature(parts: list[Fragment], index: int) -> tuple[list[Pasted], int]:
    """"Nơi nhận:", or a signature starting at parts[index] (quyền hạn, chức vụ, "(Đã ký)", name):
    its findings and the index of its last fragment (`index` when there is none)."""
    part = parts[index]
    if _COPIES.match(part.key):
        return [_pasted(part, SIGNATURE, "«Nơi nhận» gõ trong bài.",
                        "chuyển danh sách vào khóa document.noi_nhan, mỗi nơi một dòng '    - …' như bản gốc "
                        "(dòng có dấu hai chấm thì đặt trong ngoặc kép: '    - \"Lưu: VT.\"'), rồi xóa phần này "
                        "khỏi bài.")], index
    authority = _AUTHORITY.fullmatch(part.text)
    found: list[Pasted] = []
    at = index
    if authority and _in_capitals(authority.group("title")):
        found.append(_pasted(part, SIGNATURE, f"Quyền hạn của người ký «{part.text}» gõ trong bài.",
                             f"ghi vào khóa document.quyen_han: {part.text} rồi xóa dòng này; trang tự in "
                             "phần chữ ký từ các khóa quyen_han, chuc_vu, nguoi_ky."))
        at += 1
    title = parts[at] if at < len(parts) else None
    if title is None or title.heading or not _in_capitals(title.text) or _is_provision(title.text) \
            or title.key == _NATION:
        return found, max(index, at - 1)
    following = at + 1
    signed: list[Fragment] = []
    while following < len(parts) and _SIGNED.fullmatch(parts[following].text):
        signed.append(parts[following])
        following += 1
    name = parts[following] if following < len(parts) else None
    if name is None or name.heading or not _is_name(name.text) or name.line - title.line > 6:
        return found, max(index, at - 1)
    found.append(_pasted(title, SIGNATURE, f"Chức vụ của người ký «{title.text}» gõ trong bài.",
                         f"ghi vào khóa document.chuc_vu: {title.text} rồi xóa dòng này."))
    found += [_pasted(mark, SIGNATURE, f"Dòng «{mark.text}» gõ trong bài.",
                      "xóa dòng này: trang chỉ in chữ ký từ các khóa quyen_han, chuc_vu, nguoi_ky.")
              for mark in signed]
    found.append(_pasted(name, SIGNATURE, f"Họ tên người ký «{name.text}» gõ trong bài.",
                         f"ghi vào khóa document.nguoi_ky: {name.text} rồi xóa dòng này."))
    return found, following


def _pasted(part: Fragment, rule: str, message: str, hint: str) -> Pasted:
    return Pasted(part.line, part.col, rule, message, hint)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
