"""How a provision is named when it is cited: "điểm a khoản 1 Mục II".

Vietnamese legal writing cites the smallest unit first, each unit by its name and printed number
("điểm a khoản 1 Điều 5", "khoản 2 Mục II"); units above the điều are capitalised (Điều, Mục,
Chương, Phần), khoản and điểm are not. Dash items have no number and are cited by their place
("gạch đầu dòng thứ hai"). Shapes: `name(provision) -> str`, `cite(provision) -> str`;
`designation(document) -> str` for the document itself, `formal(provision, document, url)`.
"""

from __future__ import annotations

from collections.abc import Mapping

from vanban.markers import display_num
from vanban.outline import Provision

_UNIT = {"part": "Phần", "chp": "Chương", "sec": "Mục", "art": "Điều", "cl": "khoản", "point": "điểm"}
_ORDINAL = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")

# Abbreviations of issuing bodies written out in a formal citation.
_BODIES = (("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"))


def ordinal(number: int) -> str:
    """Vietnamese ordinal: 1 -> "thứ nhất", 4 -> "thứ tư", 12 -> "thứ 12"."""
    return f"thứ {_ORDINAL[number - 1]}" if 0 < number <= len(_ORDINAL) else f"thứ {number}"


def name(provision: Provision) -> str:
    """One unit's name: "điểm đ", "khoản 2.1", "Mục II", "Điều 3", "gạch đầu dòng thứ hai",
    "Phụ lục I" (an attachment printed "PHỤ LỤC I"), "văn bản kèm theo" (one not so printed)."""
    marker = provision.marker
    if marker.type == "indent":
        return f"gạch đầu dòng {ordinal(int(marker.num))}"
    if marker.type == "att":
        words = marker.label.rstrip(":.").split()
        if words:
            printed = " ".join(words[2:])  # "PHỤ LỤC I" -> "I"
            return f"Phụ lục {printed}".strip()
        return "văn bản kèm theo"
    if marker.type == "part" and marker.label.lower().startswith("phần thứ"):
        return marker.label.rstrip(".:").replace("PHẦN", "Phần").replace("THỨ", "thứ")
    return f"{_UNIT[marker.type]} {display_num(marker)}"


def cite(provision: Provision) -> str:
    """The provision and its parents, smallest first: "điểm a khoản 1 Mục II"."""
    return " ".join(name(node) for node in [provision, *provision.ancestors()])


def designation(document: Mapping[str, str]) -> str:
    """A document's full designation from its front matter: "Kế hoạch số 855/KH-UBND ngày
    28/02/2024 của Ủy ban nhân dân tỉnh Ninh Thuận" (keys loai_van_ban, so_ky_hieu, ngay_ban_hanh,
    co_quan_ban_hanh; missing keys are left out)."""
    parts = [document.get("loai_van_ban", "")]
    if document.get("so_ky_hieu"):
        parts.append(f"số {document['so_ky_hieu']}")
    if document.get("ngay_ban_hanh"):
        parts.append(f"ngày {document['ngay_ban_hanh']}")
    body = document.get("co_quan_ban_hanh", "")
    for short, full in _BODIES:
        body = body.replace(short, full)
    if body:
        parts.append(f"của {body}")
    return " ".join(part for part in parts if part)


def formal(provision: Provision, document: Mapping[str, str]) -> str:
    """The formal citation of a provision: "điểm a khoản 1 Kế hoạch số 855/KH-UBND ngày 28/02/2024
    của Ủy ban nhân dân tỉnh Ninh Thuận"."""
    return f"{cite(provision)} {designation(document)}".strip()
