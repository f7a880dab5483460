"""The editors' content checker: each rule, a good and a bad page, exact messages and positions."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.check_content import RULE_IDS, check_page, check_pages, load_nav

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "content"
NAV_PROJECT = FIXTURES / "nav"

TAG = "thẻ này có thể chạy mã hoặc nhúng trang khác vào trang."
JS = "Không được dùng liên kết 'javascript:': nó chạy mã khi người đọc bấm vào."
ALT = "Hình ảnh thiếu chữ mô tả (alt)."
HTTP = "Liên kết dùng 'http://', không được mã hóa."
DOUBLE = "Có hai dấu cách liền nhau."
TRAILING = "Có dấu cách thừa ở cuối dòng."
ORDER_HINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y"
FOOTNOTE = "Chú thích viết bằng số mũ (¹ hoặc <sup>1</sup>) chỉ là chữ thường: không có liên kết giữa dấu chú thích và lời chú thích."
WRAP = ("được đọc là phần tiếp theo của dòng trên, không phải một mục mới, vì dòng trên không kết thúc "
        "bằng dấu câu (. ; : ! ?).")
# Findings of another rule that a bad fixture cannot avoid: a repeated letter is both a repeated
# id and out of sequence; a point read as text leaves the next one first in its khoản.
ALSO = {"provision-id": {"provision-order"}, "provision-wrap": {"provision-order"}}

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
}
PAGE_RULES = [rule for rule in RULE_IDS if rule != "nav"]


def test_every_rule_has_a_good_and_a_bad_fixture_and_an_expectation():
    assert sorted(EXPECTED) == sorted(PAGE_RULES)
    for rule in PAGE_RULES:
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
