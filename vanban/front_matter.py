"""Front-matter schema of the site's pages, validated with file and line.

MkDocs silently ignores front matter it cannot parse, so a typo would publish a
page without its metadata. Every page is checked here instead; the build hook
and `make check` both call `check_file`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from vanban.findings import Finding

# Same delimiters as mkdocs.utils.meta.YAML_RE.
FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
DATE_FORMAT = "%d/%m/%Y"
# strptime also takes "1/2/2024"; templates read the date by position (the
# JSON-LD turns it into ISO 8601 without Python), so require two digits.
DATE_RE = re.compile(r"\d{2}/\d{2}/\d{4}")
RULE = "front-matter"


@dataclass(frozen=True)
class Key:
    """One front-matter key: its kind and whether a page must have it."""

    kind: str  # "text", "date", "list", "lines", "authority", "mapping", "path"
    required: bool = False
    label: str = ""  # Vietnamese label, shown in the properties box
    # Only for the official layout (thể thức, overrides/partials/the-thuc.html), not one of the
    # properties Decree 42/2022/NĐ-CP asks the site to show ("Thuộc tính văn bản", PDF cover).
    layout: bool = False


DOCUMENT_KEYS: dict[str, Key] = {
    "loai_van_ban": Key("text", True, "Loại văn bản"),
    "so_ky_hieu": Key("text", True, "Số ký hiệu"),
    "co_quan_ban_hanh": Key("text", True, "Cơ quan ban hành"),
    "ngay_ban_hanh": Key("date", True, "Ngày ban hành"),
    "can_cu": Key("text", False, "Căn cứ"),
    "trich_yeu": Key("text", True, "Trích yếu"),
    "tep_dinh_kem": Key("path", False, "Tệp đính kèm"),
    # The official layout (thể thức) of Decree 30/2020/NĐ-CP, Appendix I, Part I, section II,
    # drawn from these keys and the ones above; each is shown only when given, nothing is
    # derived. Cơ quan chủ quản trực tiếp, above the issuing body (II.2).
    "co_quan_chu_quan": Key("text", False, "Cơ quan chủ quản", layout=True),
    # Địa danh of the date line "Ninh Thuận, ngày 28 tháng 02 năm 2024" (II.4).
    "dia_danh": Key("text", False, "Địa danh", layout=True),
    # "Kính gửi" (công văn, tờ trình) and "Nơi nhận", one recipient a line as printed (II.9).
    "kinh_gui": Key("lines", False, "Kính gửi", layout=True),
    "noi_nhan": Key("lines", False, "Nơi nhận", layout=True),
    # The signature (II.7): quyền hạn ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), chức vụ, họ tên.
    "quyen_han": Key("authority", False, "Quyền hạn của người ký", layout=True),
    "chuc_vu": Key("text", False, "Chức vụ của người ký", layout=True),
    "nguoi_ky": Key("text", False, "Người ký", layout=True),
}

# Decree 30/2020/NĐ-CP, Appendix I, Part I, II.7(a): signing for a collective ("TM.", thay mặt), in
# place of the head ("KT.", ký thay), as acting head ("Q.", quyền), by order ("TL.", thừa lệnh)
# or by delegation ("TUQ.", thừa ủy quyền); then the title, in capitals.
AUTHORITY_RE = re.compile(r"(?:TM|KT|Q|TL|TUQ)\. \S.*")
# A signature needs the signer's title and name; quyen_han only adds to them.
SIGNATURE_KEYS = ("quyen_han", "chuc_vu", "nguoi_ky")
SIGNATURE_NEEDS = ("chuc_vu", "nguoi_ky")

PAGE_KEYS: dict[str, Key] = {
    "title": Key("text", True),
    "description": Key("text", True),
    "document": Key("mapping"),
    # The page holds part of a document's text (its provisions get ids): that document's số ký hiệu.
    "part_of": Key("text"),
    # The page presents a document without holding its text: that document's số ký hiệu.
    "about": Key("text"),
    # The page lists the archive ("index"): vanban/archive.py writes the list under its text.
    "archive": Key("text"),
    "hide": Key("list"),
    "search": Key("mapping"),
}

KIND_NAMES = {
    "text": "một dòng chữ",
    "date": "một ngày dạng dd/mm/yyyy",
    "list": "một danh sách",
    "lines": "một danh sách dòng chữ, mỗi dòng một mục bắt đầu bằng '- '",
    "authority": "một dòng chữ bắt đầu bằng TM., KT., Q., TL. hoặc TUQ.",
    "mapping": "một nhóm khóa",
    "path": "đường dẫn tới một tệp trong docs/",
}


def body_offset(text: str) -> int:
    """Lines before a page's Markdown body as MkDocs and Zensical hand it to Python-Markdown: the
    front matter and the blank lines after it (mkdocs.utils.meta.get_data strips both)."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return 0
    rest = text[match.end():]
    return text[:match.end()].count("\n") + (len(rest) - len(rest.lstrip("\n")))


def check_file(path: Path, docs_dir: Path) -> list[Finding]:
    """Validate the front matter of one Markdown page."""
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return [
            Finding(path, 1, 1, RULE, "Trang không có phần đầu (front matter).",
                    "bắt đầu tệp bằng một dòng '---', các khóa title và description, rồi một dòng '---'.")
        ]
    try:
        root = yaml.compose(match.group(1), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        col = mark.column + 1 if mark else 1
        return [Finding(path, line, col, RULE, f"Phần đầu không đọc được: {getattr(error, 'problem', error)}.",
                        "kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép.")]
    if not isinstance(root, yaml.MappingNode):
        return [Finding(path, 2, 1, RULE, "Phần đầu phải là các cặp 'khóa: giá trị'.",
                        "viết mỗi khóa trên một dòng, ví dụ 'title: Mục tiêu'.")]
    return _check_mapping(path, root, PAGE_KEYS, "", docs_dir)


def _line_col(node: yaml.Node) -> tuple[int, int]:
    # +2: the YAML text starts on the file's second line (after '---').
    return node.start_mark.line + 2, node.start_mark.column + 1


def _check_mapping(path: Path, node: yaml.MappingNode, schema: dict[str, Key], prefix: str,
                   docs_dir: Path) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = key_node.value
        line, col = _line_col(key_node)
        if key in seen:
            findings.append(Finding(path, line, col, RULE, f"Khóa '{prefix}{key}' bị lặp lại.",
                                    "xóa một trong hai dòng."))
            continue
        seen.add(key)
        if key not in schema:
            known = ", ".join(schema)
            findings.append(Finding(path, line, col, RULE, f"Khóa lạ '{prefix}{key}'.",
                                    f"các khóa được phép: {known}; kiểm tra lỗi chính tả."))
            continue
        findings += _check_value(path, value_node, schema[key], f"{prefix}{key}", docs_dir)
    for key, spec in schema.items():
        if spec.required and key not in seen:
            line, col = _line_col(node)
            findings.append(Finding(path, line, col, RULE, f"Thiếu khóa bắt buộc '{prefix}{key}'.",
                                    f"thêm dòng '{key}: ...' ({KIND_NAMES[spec.kind]})."))
    if schema is DOCUMENT_KEYS:
        findings += _check_signature(path, node, prefix)
    return findings


def _check_signature(path: Path, node: yaml.MappingNode, prefix: str) -> list[Finding]:
    """The signature block is drawn only whole: with a title (chuc_vu) and a name (nguoi_ky)."""
    given = {key_node.value: key_node for key_node, _ in node.value if key_node.value in SIGNATURE_KEYS}
    if not given:
        return []
    missing = [key for key in SIGNATURE_NEEDS if key not in given]
    if not missing:
        return []
    first = min(given.values(), key=lambda key_node: key_node.start_mark.line)
    line, col = _line_col(first)
    names = " và ".join(f"'{prefix}{key}'" for key in missing)
    return [Finding(path, line, col, RULE,
                    f"Phần chữ ký thiếu {names}: trang chỉ in chữ ký khi có cả chức vụ và họ tên người ký.",
                    "thêm " + ", ".join(f"'{key}: ...'" for key in missing)
                    + " đúng như bản gốc, hoặc xóa các khóa chữ ký nếu bản gốc không có.")]


def _check_value(path: Path, node: yaml.Node, spec: Key, name: str, docs_dir: Path) -> list[Finding]:
    line, col = _line_col(node)
    wrong = Finding(path, line, col, RULE, f"Giá trị của '{name}' phải là {KIND_NAMES[spec.kind]}.",
                    "xem các trang có sẵn trong docs/ để làm mẫu.")
    is_null = isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"
    if spec.kind == "mapping":
        if not isinstance(node, yaml.MappingNode):
            return [wrong]
        return _check_mapping(path, node, DOCUMENT_KEYS, f"{name}.", docs_dir) if name == "document" else []
    if spec.kind == "list":
        ok = isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value)
        return [] if ok else [wrong]
    if spec.kind == "lines":
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            key = name.rsplit(".", 1)[-1]
            return [Finding(path, line, col, RULE, wrong.message,
                            f"viết mỗi dòng trên một dòng riêng dưới '{key}:', thụt vào và bắt đầu bằng '- ', "
                            f"ví dụ '{key}:' rồi '    - Sở Nội vụ;' (xem CONTRIBUTING.md, mục Phần thể thức).")]
        return [_line_finding(path, item, name, index) for index, item in enumerate(node.value, start=1)
                if not _is_text(item)]
    if spec.kind == "path" and is_null:
        return []  # not attached yet: the properties box says so
    if not isinstance(node, yaml.ScalarNode) or is_null or not str(node.value).strip():
        return [wrong]
    if spec.kind == "date":
        try:
            if not DATE_RE.fullmatch(node.value):
                raise ValueError(node.value)
            datetime.strptime(node.value, DATE_FORMAT)
        except ValueError:
            return [Finding(path, line, col, RULE, f"Ngày '{node.value}' của '{name}' không có thật hoặc sai dạng.",
                            "viết ngày dạng dd/mm/yyyy, ví dụ 28/02/2024.")]
    if spec.kind == "authority" and not AUTHORITY_RE.fullmatch(node.value.strip()):
        return [Finding(path, line, col, RULE,
                        f"'{name}: {node.value}' không bắt đầu bằng TM., KT., Q., TL. hay TUQ.",
                        "ghi quyền hạn như bản gốc, ví dụ 'TM. ỦY BAN NHÂN DÂN' hay 'KT. CHỦ TỊCH'; "
                        "người đứng đầu ký trực tiếp thì bỏ khóa này, chỉ ghi chuc_vu và nguoi_ky.")]
    if spec.kind == "path" and not (docs_dir / node.value).is_file():
        return [Finding(path, line, col, RULE, f"Không tìm thấy tệp '{node.value}' (khóa '{name}').",
                        "đặt tệp vào docs/ và ghi đường dẫn tính từ docs/, ví dụ tai-lieu/ke-hoach.pdf.")]
    return []


def _is_text(node: yaml.Node) -> bool:
    """A scalar holding some text (a number or a date is text too, as YAML writes it)."""
    return (isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null"
            and bool(str(node.value).strip()))


def _line_finding(path: Path, item: yaml.Node, name: str, index: int) -> Finding:
    line, col = _line_col(item)
    if isinstance(item, yaml.MappingNode):
        what = "có dấu hai chấm nên được đọc thành một cặp 'khóa: giá trị', không phải một dòng chữ"
    else:
        what = "trống" if isinstance(item, yaml.ScalarNode) else "không phải một dòng chữ"
    return Finding(path, line, col, RULE, f"Dòng thứ {index} của '{name}' {what}.",
                   f"mỗi dòng của '{name}' là một dòng chữ như in trong bản gốc, bắt đầu bằng '- ' "
                   "(ví dụ '  - Sở Nội vụ;'); dòng có dấu hai chấm thì đặt trong ngoặc kép: "
                   "'  - \"Lưu: VT, VXNV.\"'.")
