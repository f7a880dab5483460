"""Bad input from an editor: each mistake is reported with file, line and a hint."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.check_content import check_page

FIXTURES = Path(__file__).parent / "fixtures" / "front_matter"
ROOT = Path(__file__).resolve().parent.parent


def findings_for(name: str) -> list[str]:
    path = FIXTURES / name
    return [str(finding) for finding in check_page(path, FIXTURES)]


def test_good_page_has_no_finding():
    assert findings_for("good.md") == []


def test_every_key_of_the_official_layout_is_accepted():
    assert findings_for("layout_keys.md") == []


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("missing_key.md", "missing_key.md:2:1: [front-matter] Thiếu khóa bắt buộc 'description'."),
        ("impossible_date.md",
         "impossible_date.md:8:18: [front-matter] Ngày '31/02/2024' của 'document.ngay_ban_hanh' không có thật"),
        ("unpadded_date.md",
         "unpadded_date.md:8:18: [front-matter] Ngày '1/2/2024' của 'document.ngay_ban_hanh' không có thật hoặc sai dạng"),
        ("unknown_key.md", "unknown_key.md:4:1: [front-matter] Khóa lạ 'author'."),
        ("non_nfc.md", "non_nfc.md:8:"),
        ("broken_yaml.md", "broken_yaml.md:3:"),
        ("no_front_matter.md", "no_front_matter.md:1:1: [front-matter] Trang không có phần đầu"),
        # The official layout's keys (thể thức): lists of lines, a whole signature, TM./KT./...
        ("list_item_with_colon.md",
         "list_item_with_colon.md:12:7: [front-matter] Dòng thứ 2 của 'document.noi_nhan' có dấu hai chấm nên "
         "được đọc thành một cặp 'khóa: giá trị', không phải một dòng chữ."),
        ("recipients_not_a_list.md",
         "recipients_not_a_list.md:10:13: [front-matter] Giá trị của 'document.kinh_gui' phải là một danh sách "
         "dòng chữ"),
        ("half_signature.md",
         "half_signature.md:10:3: [front-matter] Phần chữ ký thiếu 'document.nguoi_ky': trang chỉ in chữ ký khi "
         "có cả chức vụ và họ tên người ký."),
        ("bad_authority.md",
         "bad_authority.md:10:14: [front-matter] 'document.quyen_han: Ký thay Chủ tịch' không bắt đầu bằng TM., "
         "KT., Q., TL. hay TUQ."),
    ],
)
def test_bad_page_is_reported_with_file_and_line(fixture, expected):
    findings = findings_for(fixture)
    assert len(findings) == 1, findings
    assert expected in findings[0]
    assert "Gợi ý:" in findings[0]


def test_non_nfc_column_points_at_the_combining_mark():
    (finding,) = findings_for("non_nfc.md")
    line = (FIXTURES / "non_nfc.md").read_text(encoding="utf-8").splitlines()[7]
    col = int(finding.split(":")[2])
    assert line[col - 1] == "\u0302"  # the circumflex of "ô", typed apart from its "o"


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project to break on purpose."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "site", "test-results",
                                                             "node_modules", "__pycache__", ".pytest_cache"))
    return copy


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts.build_site", "--site-dir", str(site)],
                          cwd=project, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("fixture", ["missing_key.md", "impossible_date.md", "non_nfc.md", "unknown_key.md"])
def test_build_refuses_bad_page_and_leaves_site_alone(project_copy, fixture):
    shutil.copy(FIXTURES / fixture, project_copy / "docs" / "muc-tieu.md")
    site = project_copy / "site"
    site.mkdir()
    (site / "marker.txt").write_text("previous build", encoding="utf-8")
    result = build(project_copy, site)
    assert result.returncode != 0
    assert "docs/muc-tieu.md:" in result.stderr + result.stdout
    assert (site / "marker.txt").read_text(encoding="utf-8") == "previous build"
    assert not list(project_copy.glob(".site-staging-*"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("yeu-cau.md", "(muc-tieu.md#muc-tieu-e)", "(muc-tieu.md#khong-co)"), "muc-tieu.md#khong-co"),
        (("yeu-cau.md", "(muc-tieu.md)", "(khong-co.md)"), "khong-co.md"),
        (("chi-so-xep-hang.md", "(muc-tieu.md#cl_1__point_e)", "(muc-tieu.md#cl_1__point_x)"), "chi-so-xep-hang.md"),
    ],
)
def test_broken_link_or_anchor_fails_naming_the_file(project_copy, change, message):
    page, old, new = change
    path = project_copy / "docs" / page
    text = path.read_text(encoding="utf-8")
    if old not in text:
        text += f"\n\nXem [liên kết]{old}.\n"
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = build(project_copy, project_copy / "site")
    assert result.returncode != 0
    output = result.stderr + result.stdout
    assert message in output and page in output


def test_page_left_out_of_nav_fails(project_copy):
    (project_copy / "docs" / "trang-moi.md").write_text(
        "---\ntitle: Trang mới\ndescription: Trang chưa có trong nav.\n---\n\n# Trang mới\n", encoding="utf-8")
    result = build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert "trang-moi.md" in result.stderr + result.stdout


def test_strict_build_has_zero_warnings(tmp_path):
    result = build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout
    assert (tmp_path / "site" / "index.html").is_file()
