"""The editors' content checker: each rule, a good and a bad page, exact messages and positions."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.check_content import (RULE_IDS, check_glossaries, check_page, check_pages, load_nav,
                                  render_glossary)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "content"
NAV_PROJECT = FIXTURES / "nav"
SNIPPETS_PROJECT = FIXTURES / "snippets"

TAG = "thẻ này có thể chạy mã hoặc nhúng trang khác vào trang."
JS = "Không được dùng liên kết 'javascript:': nó chạy mã khi người đọc bấm vào."
ALT = "Hình ảnh thiếu chữ mô tả (alt)."
HTTP = "Liên kết dùng 'http://', không được mã hóa."
DOUBLE = "Có hai dấu cách liền nhau."
TRAILING = "Có dấu cách thừa ở cuối dòng."
ORDER_HINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y"
FOOTNOTE = "Chú thích viết bằng số mũ (¹ hoặc <sup>1</sup>) chỉ là chữ thường: không có liên kết giữa dấu chú thích và lời chú thích."
STAR = "Dấu '(*)' sẽ bị hiểu là chữ nghiêng: các dấu * biến mất và phần chữ giữa hai dấu thành chữ nghiêng."
WRAP = ("được đọc là phần tiếp theo của dòng trên, không phải một mục mới, vì dòng trên không kết thúc "
        "bằng dấu câu (. ; : ! ?).")
# Findings of another rule that a bad fixture cannot avoid: a repeated letter is both a repeated
# id and out of sequence; a point read as text leaves the next one first in its khoản.
ALSO = {"provision-id": {"provision-order"}, "provision-wrap": {"provision-order"}}
APRIL = "tháng 4 chỉ có 30 ngày"

# rule -> every finding of `<rule>-bad.md`, in order: (line, column, message).
EXPECTED: dict[str, list[tuple[int, int, str]]] = {
    "front-matter": [
        (2, 1, "Thiếu khóa bắt buộc 'description'."),
        (3, 1, "Khóa lạ 'tac_gia'."),
        (8, 18, "Ngày '29/02/2023' của 'document.ngay_ban_hanh' không có thật hoặc sai dạng."),
        (10, 7, "Giá trị của 'hide' phải là một danh sách."),
    ],
    "nfc": [(8, 16, "Chữ tiếng Việt chưa ở dạng dựng sẵn (NFC).")],
    "tab": [(8, 4, "Dòng có ký tự tab."), (10, 1, "Dòng có ký tự tab.")],
    "trailing-space": [(8, 23, TRAILING), (9, 41, TRAILING), (10, 1, TRAILING)],
    "double-space": [(2, 13, DOUBLE), (8, 4, DOUBLE), (8, 22, DOUBLE), (10, 20, DOUBLE)],
    "unsafe-html": [
        (8, 1, f"Không được dùng thẻ <script>: {TAG}"),
        (10, 5, f"Không được dùng thẻ <iframe>: {TAG}"),
        (12, 1, f"Không được dùng thẻ <object>: {TAG}"),
        (12, 34, f"Không được dùng thẻ <embed>: {TAG}"),
        (15, 6, "Không được dùng thuộc tính 'onerror': nó chạy mã khi người đọc thao tác trên trang."),
        (17, 15, JS),
        (17, 44, JS),  # java&#115;cript: written with a character reference
        (19, 29, "Không được dùng thuộc tính 'onclick': nó chạy mã khi người đọc thao tác trên trang."),
    ],
    "http-link": [(8, 22, HTTP), (8, 48, HTTP), (10, 10, HTTP)],
    "image-alt": [(8, 1, ALT), (8, 19, ALT), (10, 1, ALT), (11, 1, ALT)],
    "heading-skip": [
        (6, 1, "Tiêu đề đầu tiên của trang là cấp 2, phải là cấp 1."),
        (8, 1, "Tiêu đề cấp 4 nhảy cóc: tiêu đề trước nó là cấp 2."),
        (12, 5, "Tiêu đề cấp 6 nhảy cóc: tiêu đề trước nó là cấp 4."),  # inside an admonition
    ],
    "footnote": [(8, 32, FOOTNOTE), (8, 48, FOOTNOTE), (10, 1, FOOTNOTE), (12, 1, FOOTNOTE)],
    "star-mark": [(8, 27, STAR), (8, 64, STAR), (10, 10, STAR.replace("(*)", "(**)"))],
    "provision-order": [
        (16, 1, "'b)' là mục đầu tiên ở cấp này; mục đầu tiên phải là 'a)'."),
        (20, 1, "'4.' sai thứ tự: sau '2.' phải là '3.'."),
        (22, 1, "'III.' sai thứ tự: sau 'I.' phải là 'II.'."),
        (27, 1, "'d)' sai thứ tự: sau 'b)' phải là 'c)'."),
        (28, 1, "Chữ 'f)' không dùng để đánh điểm trong văn bản tiếng Việt."),
    ],
    "provision-id": [
        (17, 1, "Hai điều khoản cùng mã 'cl_1__point_b': 'b)' ở đây và 'b)' ở dòng 16."),
        (17, 1, "'b)' bị lặp lại: mục trước nó cũng là 'b)'."),
    ],
    "provision-wrap": [
        (15, 1, f"Dòng bắt đầu bằng 'a)' {WRAP}"),
        (16, 1, "'b)' là mục đầu tiên ở cấp này; mục đầu tiên phải là 'a)'."),
        (21, 1, f"Dòng bắt đầu bằng '3.' {WRAP}"),
    ],
    "provision-empty": [(16, 1, "'2.' không có nội dung."), (20, 1, "'a)' không có nội dung.")],
    "document-ref": [(4, 10, "'part_of: 999/KH-UBND' không phải số ký hiệu của văn bản nào trên trang.")],
    "date": [
        (3, 30, "Ngày '30/02/2024' không có thật: tháng 2 chỉ có 29 ngày."),  # front matter text too
        (8, 29, "Ngày '29/02/2023' không có thật: năm 2023 không nhuận nên tháng 2 chỉ có 28 ngày."),
        (10, 15, f"Ngày 'ngày 31 tháng 4 năm 2024' không có thật: {APRIL}."),
        (10, 54, f"Ngày '31/4/2024' không có thật: {APRIL}."),
        (12, 16, f"Ngày '31-4-2024' không có thật: {APRIL}."),
        (12, 41, f"Ngày '31.04.2024' không có thật: {APRIL}."),
        (14, 9, "Ngày 'tháng 13 năm 2024' không có thật: không có tháng 13."),
        (14, 28, "Ngày 'tháng 0/2025' không có thật: không có tháng 0."),
        (14, 58, "Ngày '32/12' không có thật: không có ngày 32."),
        (14, 65, "Ngày 'ngày 30 tháng 2' không có thật: tháng 2 có nhiều nhất 29 ngày."),
        (16, 29, "Ngày 'ngày 31 tháng 9 năm 2025' không có thật: tháng 9 chỉ có 30 ngày."),  # wrapped
        (19, 9, "Ngày '15/01/3024' không có thật: năm 3024 nằm ngoài khoảng 1900–2100, chắc là gõ nhầm."),
        (21, 14, "Ngày '31/06/2024' không có thật: tháng 6 chỉ có 30 ngày."),
    ],
    # Pipe lines, a <br> line, a portal's list: each part once, at its first visible character.
    "pasted-header": [
        (14, 1, "Danh sách «Văn bản liên quan» chép từ cổng thông tin, không thuộc văn bản."),
        (18, 1, "Tên cơ quan ban hành «ỦY BAN NHÂN DÂN TỈNH NINH THUẬN» gõ trong bài."),  # two rows
        (18, 19, "Quốc hiệu «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM» gõ trong bài."),  # typed HOÀ
        (19, 19, "Tiêu ngữ «Độc lập - Tự do - Hạnh phúc» gõ trong bài."),  # typed with en dashes
        (20, 1, "Dòng số ký hiệu «Số: 12/KH-UBND» gõ trong bài."),
        (20, 19, "Dòng địa danh, ngày «Ninh Thuận, ngày 05 tháng 3 năm 2024» gõ trong bài."),
        (22, 3, "Tên loại «KẾ HOẠCH» gõ trong bài."),
        (22, 19, "Trích yếu «THỬ MÁY KIỂM TRA PHẦN ĐẦU VĂN BẢN» gõ trong bài."),
        (24, 1, "«Kính gửi» gõ trong bài."),
    ],
    # Lines with hard breaks, then a two-column table row.
    "pasted-signature": [
        (18, 2, "«Nơi nhận» gõ trong bài."),
        (22, 1, "Quyền hạn của người ký «TM. ỦY BAN NHÂN DÂN» gõ trong bài."),
        (23, 1, "Chức vụ của người ký «CHỦ TỊCH» gõ trong bài."),
        (24, 2, "Dòng «(Đã ký)» gõ trong bài."),
        (25, 1, "Họ tên người ký «Trần Văn C» gõ trong bài."),
        (27, 5, "«Nơi nhận» gõ trong bài."),
        (27, 35, "Chức vụ của người ký «GIÁM ĐỐC» gõ trong bài."),
        (27, 55, "Họ tên người ký «Phạm Thị E» gõ trong bài."),
    ],
}
# Rules about one glossary file (`glossary-*.md` are glossaries, not pages).
GLOSSARY_RULES = ["glossary"]
PAGE_RULES = [rule for rule in RULE_IDS if rule not in ("nav", "published-id", *GLOSSARY_RULES)]
SHOWN = "ở cuối mọi trang."
NOT_A_TERM = "Dòng này không phải một thuật ngữ dạng *[VIẾT TẮT]: nghĩa nên hiện thành chữ"
# Every finding of glossary-bad.md, in order: (line, column, message).
EXPECTED_GLOSSARY = [
    (2, 2, f"Dòng thuật ngữ có dấu cách sau dấu '*' nên thành một gạch đầu dòng «[HĐND]: Hội đồng nhân dân» {SHOWN}"),
    (4, 1, "Dòng trống trong tệp thuật ngữ."),
    (5, 3, "Nghĩa của thuật ngữ 'KH' nằm ở dòng dưới."),
    (7, 3, "Thuật ngữ 'CCHC' được định nghĩa hai lần: dòng 1 và dòng 7."),
    (8, 1, f"Dòng thuật ngữ chưa có chữ viết tắt nên hiện thành chữ «*[]: Không có chữ viết tắt» {SHOWN}"),
    (9, 1, f"{NOT_A_TERM} «*[QĐ] Quyết định» {SHOWN}"),
    (10, 1, f"{NOT_A_TERM} «Bảng chữ viết tắt của trang» {SHOWN}"),
    (11, 9, "Nghĩa \"\" xóa thuật ngữ 'PCI' thay vì định nghĩa nó."),
]


def test_every_rule_has_a_good_and_a_bad_fixture_and_an_expectation():
    assert sorted(EXPECTED) == sorted(PAGE_RULES)
    for rule in PAGE_RULES + GLOSSARY_RULES:
        assert (FIXTURES / f"{rule}-good.md").is_file() and (FIXTURES / f"{rule}-bad.md").is_file(), rule


@pytest.mark.parametrize("rule", PAGE_RULES)
def test_good_fixture_passes_every_rule(rule):
    path = FIXTURES / f"{rule}-good.md"
    assert [str(finding) for finding in check_page(path, FIXTURES)] == []


@pytest.mark.parametrize("rule", PAGE_RULES)
def test_bad_fixture_reports_exact_message_and_position(rule):
    path = FIXTURES / f"{rule}-bad.md"
    findings = check_page(path, FIXTURES)
    assert [(f.line, f.col, f.message) for f in findings] == EXPECTED[rule]
    assert rule in {f.rule for f in findings} and {f.rule for f in findings} <= {rule} | ALSO.get(rule, set())
    for finding in findings:
        assert finding.hint, finding
        assert str(finding).startswith(f"{path}:{finding.line}:{finding.col}: [{finding.rule}] {finding.message} Gợi ý: ")


def test_positions_point_at_the_offending_text():
    """Columns are 1-based character positions in the line as the editor sees it."""
    lines = (FIXTURES / "unsafe-html-bad.md").read_text(encoding="utf-8").splitlines()
    starts = {(line, col): lines[line - 1][col - 1:] for line, col, _ in EXPECTED["unsafe-html"]}
    assert starts[(8, 1)].startswith("<script>")
    assert starts[(12, 34)].startswith("<embed")
    assert starts[(15, 6)].startswith("onerror=")
    assert starts[(17, 15)].startswith("javascript:")
    assert starts[(17, 44)].startswith('href="java&#115;cript:')
    assert starts[(19, 29)].startswith("onclick=")
    order = (FIXTURES / "provision-order-bad.md").read_text(encoding="utf-8").splitlines()
    assert [order[line - 1][col - 1:][:3] for line, col, _ in EXPECTED["provision-order"]] == \
        ["b) ", "4. ", "III", "d) ", "f) "]
    notes = (FIXTURES / "footnote-bad.md").read_text(encoding="utf-8").splitlines()
    assert [notes[line - 1][col - 1:][:5] for line, col, _ in EXPECTED["footnote"]] == \
        ["¹ the", "<sup>", "¹ Chỉ", "<sup>"]
    dates = (FIXTURES / "date-bad.md").read_text(encoding="utf-8").splitlines()
    for line, col, message in EXPECTED["date"]:
        written = message.split("'")[1].split()[0]  # the date's first word as the message quotes it
        assert dates[line - 1][col - 1:].startswith(written), (line, col, written)


def test_provision_hints_name_the_sequence():
    order = check_page(FIXTURES / "provision-order-bad.md", FIXTURES)
    assert all(ORDER_HINT_LETTERS in finding.hint for finding in order)
    (wrapped, *_) = check_page(FIXTURES / "provision-wrap-bad.md", FIXTURES)
    assert "thêm dấu câu ở cuối dòng trên" in wrapped.hint


def test_nav_fixture_good_and_bad():
    docs = NAV_PROJECT / "docs"
    nav = load_nav(NAV_PROJECT / "mkdocs.yml")  # !ENV and !!python/name: tags are tolerated
    good = [docs / "index.md", docs / "van-ban" / "co-trong-nav.md"]
    assert check_pages(good, docs) == []
    bad = docs / "van-ban" / "ngoai-nav.md"
    findings = check_pages([*good, bad], docs, nav=nav)
    assert [(f.path, f.line, f.col, f.rule, f.message) for f in findings] == [
        (bad, 1, 1, "nav", "Trang chưa có trong mục lục (nav) của mkdocs.yml nên người đọc không tìm thấy.")]
    assert "'- Tiêu đề: van-ban/ngoai-nav.md'" in findings[0].hint
    # No nav at all: MkDocs lists every page itself, so nothing is missing.
    assert check_pages([bad], docs, nav=None) == []


def test_site_pages_pass_and_checker_is_cli_with_exit_status(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "scripts.check_content"], cwd=ROOT,
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "trang.md").write_bytes((FIXTURES / "http-link-bad.md").read_bytes())
    bad = subprocess.run([sys.executable, "-m", "scripts.check_content", str(docs)], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert re.search(r"trang\.md:8:22: \[http-link\] Liên kết dùng 'http://'", bad.stdout)
    assert "3 lỗi nội dung" in bad.stderr


def test_every_rule_is_explained_in_contributing():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for rule in RULE_IDS:
        assert f"`[{rule}]`" in guide, f"CONTRIBUTING.md does not explain [{rule}]"


# --- the glossary and other files pymdownx.snippets adds to pages --------------------------

def test_glossary_good_fixture_and_the_site_glossary_render_to_nothing_and_pass():
    for path in (FIXTURES / "glossary-good.md", ROOT / "includes" / "abbreviations.md"):
        assert render_glossary(path.read_text(encoding="utf-8")) == "", path
        assert check_glossaries([path]) == [], path


def test_glossary_bad_fixture_reports_exact_message_and_position():
    path = FIXTURES / "glossary-bad.md"
    findings = check_glossaries([path])
    assert [(f.line, f.col, f.message) for f in findings] == EXPECTED_GLOSSARY
    assert {f.rule for f in findings} == {"glossary"}
    assert all(str(f).startswith(f"{path}:{f.line}:{f.col}: [glossary] {f.message} Gợi ý: ") for f in findings)
    hints = {f.line: f.hint for f in findings}
    assert hints[2] == "viết liền '*[' không có dấu cách: *[HĐND]: Hội đồng nhân dân"
    assert hints[5] == "nối hai dòng làm một: *[KH]: Kế hoạch"


def _space_after_star(glossary: Path) -> int:
    """Append the malformed line of the fault report; its line number."""
    with glossary.open("a", encoding="utf-8") as file:
        file.write("* [HĐND]: Hội đồng nhân dân\n")
    return len(glossary.read_text(encoding="utf-8").splitlines())


def test_malformed_glossary_line_fails_make_check_and_the_build_gate(tmp_path, monkeypatch):
    """The fault report: `* [HĐND]: ...` in includes/abbreviations.md passed and showed on every page."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    from mkdocs.structure.files import get_files

    from hooks.content_gate import on_files

    for name in ("docs", "includes", "hooks", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    line = _space_after_star(tmp_path / "includes" / "abbreviations.md")
    expected = (
        f"{tmp_path}/includes/abbreviations.md:{line}:2: [glossary] Dòng thuật ngữ có dấu cách sau dấu '*' nên "
        f"thành một gạch đầu dòng «[HĐND]: Hội đồng nhân dân» {SHOWN} "
        "Gợi ý: viết liền '*[' không có dấu cách: *[HĐND]: Hội đồng nhân dân")
    result = subprocess.run([sys.executable, "-m", "scripts.check_content", str(tmp_path / "docs")], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == expected + "\n"
    # The site's own configuration, as the build loads it: the content gate stops the build.
    monkeypatch.chdir(tmp_path)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    with pytest.raises(Abort) as error:
        on_files(get_files(config), config=config)
    assert str(error.value) == f"Content checks failed (1):\n{expected}"


# Every finding for the page of the snippets project, by file relative to the project.
EXPECTED_INCLUDES = [
    ("includes/abbreviations.md", 3, 2, "glossary",
     f"Dòng thuật ngữ có dấu cách sau dấu '*' nên thành một gạch đầu dòng «[HĐND]: Hội đồng nhân dân» {SHOWN}"),
    ("includes/chu-thich.md", 1, 10, "double-space", DOUBLE),  # included by an included file
    ("includes/doan.md", 1, 16, "http-link", HTTP),
    ("includes/doan.md", 1, 45, "date", f"Ngày '31/4/2024' không có thật: {APRIL}."),
    ("includes/them.md", 1, 3, "glossary",  # the second glossary repeats a term of the first
     f"Thuật ngữ 'UBND' được định nghĩa hai lần: {SNIPPETS_PROJECT}/includes/abbreviations.md dòng 2 "
     "và dòng 1 của tệp này."),
]


def test_files_the_config_appends_or_pages_include_are_checked():
    """auto_append and --8<-- paths come from mkdocs.yml and the pages; includes/khong-dung.md reaches
    no page (its snippet line is escaped) and is not checked."""
    docs = SNIPPETS_PROJECT / "docs"
    findings = check_pages([docs / "index.md"], docs)
    assert [(f.path.relative_to(SNIPPETS_PROJECT).as_posix(), f.line, f.col, f.rule, f.message)
            for f in findings] == EXPECTED_INCLUDES
    assert all(f.hint for f in findings)
    assert check_pages([docs / "index.md"], docs, snippets=None) == []


def test_build_gate_refuses_the_files_snippets_add(monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    from mkdocs.structure.files import get_files

    from hooks.content_gate import on_files

    monkeypatch.chdir(ROOT)  # not the project's folder: base paths start at its mkdocs.yml
    config = load_config(str(SNIPPETS_PROJECT / "mkdocs.yml"))
    with pytest.raises(Abort) as error:
        on_files(get_files(config), config=config)
    message = str(error.value)
    assert message.startswith(f"Content checks failed ({len(EXPECTED_INCLUDES)}):")
    for name, line, col, rule, text in EXPECTED_INCLUDES:
        assert f"{SNIPPETS_PROJECT / name}:{line}:{col}: [{rule}] {text}" in message


def test_a_published_id_that_leaves_its_page_is_reported_at_the_register(tmp_path):
    """A published id no longer on its page: make check names the register's line."""
    from project import copy_project, run

    project = copy_project(tmp_path / "project")
    register = project / "archive" / "clause-ids.txt"
    register.write_text(register.read_text(encoding="utf-8") + "muc-tieu.md       cl_1__point_g\n", encoding="utf-8")
    result = run(project, "scripts.check_content")
    lines = register.read_text(encoding="utf-8").splitlines()
    assert result.returncode == 1
    assert (f"{register}:{len(lines)}:1: [published-id] Mã đã công bố 'cl_1__point_g' không còn trên trang "
            "muc-tieu.md") in result.stdout
