"""Editing comfort: "Sửa trang này", "Cập nhật lần cuối", tarball builds, the page scaffold."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from project import ROOT, copy_project, run

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DATE = re.compile(r"^Cập nhật lần cuối: (\d\d/\d\d/\d{4})$")
DEFAULT_EDIT_URI = re.search(r'^edit_uri: !ENV \[EDIT_URI, "([^"]+)"\]$',
                             (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
SCAFFOLD_ARGS = ["--loai", "Kế hoạch", "--so-ky-hieu", "12/KH-UBND", "--co-quan", "UBND tỉnh Ninh Thuận",
                 "--ngay", "15/01/2025", "--trich-yeu", "Thông tin, tuyên truyền cải cách hành chính năm 2025"]


def pages(site_dir: Path) -> dict[str, Path]:
    """Source page (relative to docs/) -> its built HTML file."""
    result = {}
    for html in site_dir.rglob("index.html"):
        relative = html.parent.relative_to(site_dir)
        if relative.parts and relative.parts[0] in {"search", "assets"}:
            continue
        source = "index.md" if not relative.parts else f"{relative.as_posix()}.md"
        if (ROOT / "docs" / relative / "index.md").is_file():
            source = (relative / "index.md").as_posix()
        result[source] = html
    return result


def shown_date(html: Path) -> str:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    fact = soup.select_one("aside.md-source-file .git-revision-date-localized-plugin")
    assert fact is not None, f"{html} has no date"
    match = DATE.match(fact.get_text().strip())
    assert match, fact.get_text()
    return match.group(1)


def edit_link(html: Path):
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("article a[rel=edit]")


def test_every_page_has_a_vietnamese_edit_button_to_its_file(site_dir):
    base = os.environ.get("EDIT_URI") or DEFAULT_EDIT_URI
    built = pages(site_dir)
    assert len(built) == len(list((ROOT / "docs").rglob("*.md")))
    for source, html in built.items():
        (link,) = edit_link(html)
        assert link["title"] == "Sửa trang này"
        assert link["href"] == base.rstrip("/") + "/" + source
    # The rest of the interface is still Material's Vietnamese.
    soup = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("input.md-search__input")["placeholder"] == "Tìm kiếm"
    assert soup.select_one("html")["lang"] == "vi"


def _git_date(source: str) -> str | None:
    # As the plugin asks git: the last commit touching the file, pure renames left out.
    command = ["git", "log", "-1", "--format=%at", "--diff-filter=r", "--", f"docs/{source}"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    stamp = result.stdout.strip()
    if result.returncode != 0:
        pytest.skip("no git history here (a tarball): dates come from the build")
    return datetime.fromtimestamp(int(stamp), TIMEZONE).strftime("%d/%m/%Y") if stamp else None


def test_every_page_shows_its_last_commit_date_in_vietnamese(site_dir):
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    build_date = datetime.fromtimestamp(int(epoch), TIMEZONE) if epoch else datetime.now(TIMEZONE)
    for source, html in pages(site_dir).items():
        # A page not committed yet is dated by the build (SOURCE_DATE_EPOCH when set).
        assert shown_date(html) == (_git_date(source) or build_date.strftime("%d/%m/%Y")), source


def test_tarball_build_works_and_honours_source_date_epoch(tmp_path):
    project = copy_project(tmp_path / "project")  # no .git: like a release tarball
    site = tmp_path / "site"
    edit_uri = "https://git.example.org/so-ban-nganh/ke-hoach/edit/main/docs/"
    build = run(project, "scripts.build_site", "--site-dir", str(site),
                env={"SOURCE_DATE_EPOCH": "1700000000", "EDIT_URI": edit_uri})
    assert build.returncode == 0, build.stdout + build.stderr
    assert "WARNING" not in build.stdout + build.stderr
    for source, html in pages(site).items():
        assert shown_date(html) == "15/11/2023", source  # 2023-11-14 22:13:20 UTC is the 15th in Vietnam
        assert edit_link(html)[0]["href"] == edit_uri + source


def test_tarball_build_without_source_date_epoch_uses_the_build_date(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    build = run(project, "scripts.build_site", "--site-dir", str(site), env={"SOURCE_DATE_EPOCH": None})
    assert build.returncode == 0, build.stdout + build.stderr
    before = datetime.now(TIMEZONE).date()
    shown = datetime.strptime(shown_date(site / "muc-tieu" / "index.html"), "%d/%m/%Y").date()
    assert (before - shown).days in (0, 1)  # built just now (a midnight may pass in between)


def test_scaffolded_document_passes_make_check_and_is_in_the_nav(tmp_path):
    project = copy_project(tmp_path / "project")
    config_before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    created = run(project, "scripts.new_document", *SCAFFOLD_ARGS)
    assert created.returncode == 0, created.stderr
    page = project / "docs" / "van-ban" / "ke-hoach-12-kh-ubnd.md"
    assert page.is_file()
    # mkdocs.yml: exactly one line added, right after the last document; comments and tags intact.
    before, after = config_before.splitlines(), (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    added = [line for line in after if line not in before]
    assert added == ["      - Kế hoạch số 12/KH-UBND: van-ban/ke-hoach-12-kh-ubnd.md"]
    position = after.index(added[0])
    assert after[:position] + after[position + 1:] == before
    assert "van-ban/" in after[position - 1]
    # `make check` in that project: the content checks and the strict build pass.
    check = run(project, "scripts.check_content")
    assert check.returncode == 0, check.stdout
    site = tmp_path / "site"
    build = run(project, "scripts.build_site", "--site-dir", str(site))
    assert build.returncode == 0, build.stdout + build.stderr
    soup = BeautifulSoup((site / "van-ban" / "ke-hoach-12-kh-ubnd" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    soup.select_one("h1 a.headerlink").decompose()
    assert soup.select_one("h1").get_text().strip() == "Kế hoạch số 12/KH-UBND"
    shown = {dd["data-key"]: dd.get_text().strip() for dd in soup.select("aside.doc-properties dd")}
    assert shown["so_ky_hieu"] == "12/KH-UBND" and shown["ngay_ban_hanh"] == "15/01/2025"
    assert "không kèm tệp toàn văn" in shown["tep_dinh_kem"]
    nav = [a.get_text().strip() for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert "Kế hoạch số 12/KH-UBND" in nav


def test_scaffold_refuses_bad_input_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    config_before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    args = [arg if arg != "15/01/2025" else "31/02/2025" for arg in SCAFFOLD_ARGS]
    bad_date = run(project, "scripts.new_document", *args)
    assert bad_date.returncode == 1
    assert "Ngày '31/02/2025' của 'document.ngay_ban_hanh' không có thật" in bad_date.stderr
    assert not (project / "docs" / "van-ban" / "ke-hoach-12-kh-ubnd.md").exists()
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config_before
    existing = run(project, "scripts.new_document", *SCAFFOLD_ARGS, "--slug", "ke-hoach-855-kh-ubnd")
    assert existing.returncode == 1 and "đã có" in existing.stderr
