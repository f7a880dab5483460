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

from project import ROOT, copy_project, git, run
from scripts.build_site import source_date_epoch

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DATE = re.compile(r"^Cập nhật lần cuối: (\d\d/\d\d/\d{4})$")
DEFAULT_EDIT_URI = re.search(r'^edit_uri: !ENV \[EDIT_URI, "([^"]+)"\]$',
                             (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
SCAFFOLD_ARGS = ["--loai", "Kế hoạch", "--so-ky-hieu", "12/KH-UBND", "--co-quan", "UBND tỉnh Ninh Thuận",
                 "--ngay", "15/01/2025", "--trich-yeu", "Thông tin, tuyên truyền cải cách hành chính năm 2025",
                 "--dia-danh", "Ninh Thuận"]


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


def last_commit_date(repo: Path, path: str) -> str | None:
    """dd/mm/yyyy, in Vietnam, of the last commit of `path` (relative to `repo`),
    or None when no commit touches it.

    Asked exactly as git-revision-date-localized 1.6 asks (its util.py,
    get_git_commit_timestamp): `--diff-filter=r` leaves pure renames out, and
    `--follow` (its default enable_git_follow) is what makes git 2.39 print
    anything at all with that lowercase filter."""
    command = ["git", "-C", str(repo), "log", "--format=%H %at", "--diff-filter=r", "-n1", "--no-show-signature",
               "--follow", "--ignore-all-space", "--ignore-blank-lines", "--", path]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    if not output:
        return None
    _, stamp = output
    return datetime.fromtimestamp(int(stamp), TIMEZONE).strftime("%d/%m/%Y")


def committed(repo: Path, path: str) -> bool:
    """Whether `path` is in the HEAD commit of `repo`."""
    command = ["git", "-C", str(repo), "cat-file", "-e", f"HEAD:{path}"]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def test_every_page_shows_its_last_commit_date_in_vietnamese(site_dir):
    in_git = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, check=False)
    if in_git.returncode != 0:
        pytest.skip("no git history here (a tarball): dates come from the build, tested below")
    # A page not committed yet is dated by the build's one date, SOURCE_DATE_EPOCH
    # (publish() sets it to the last commit's time): never the clock.
    build_date = datetime.fromtimestamp(source_date_epoch(), TIMEZONE).strftime("%d/%m/%Y")
    for source, html in pages(site_dir).items():
        path = f"docs/{source}"
        if not committed(ROOT, path):
            assert shown_date(html) == build_date, source
            continue
        expected = last_commit_date(ROOT, path)
        assert expected, f"git finds no commit of {path}, which HEAD holds: ask git as the plugin does"
        assert shown_date(html) == expected, source


# A project whose pages were last changed on different days: (author and
# committer date, page changed or None for every file). The times are chosen
# so that the date in UTC, or in the committer's own zone, is another day.
HISTORY = [
    ("2024-01-10T06:30:00+07:00", None),  # 9 January in UTC
    ("2024-03-01T05:00:00+07:00", "index.md"),  # 29 February in UTC
    ("2024-05-19T20:00:00+00:00", "muc-tieu.md"),  # 20 May 03:00 in Vietnam
]
# The date each page must show (Asia/Ho_Chi_Minh), the others 10/01/2024.
DATED = {"index.md": "01/03/2024", "muc-tieu.md": "20/05/2024"}
FIRST_DATE = "10/01/2024"


@pytest.fixture(scope="module")
def dated_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project committed to a new git repository along HISTORY."""
    repo = copy_project(tmp_path_factory.mktemp("dated") / "project")
    git(repo, "init", "-q", "-b", "main")
    for date, page in HISTORY:
        if page:
            with (repo / "docs" / page).open("a", encoding="utf-8") as file:
                file.write("\nĐoạn thêm để thử ngày cập nhật.\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"Change {page or 'everything'}", date=date)
    return repo


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """The strict MkDocs build of the hosted edition, as scripts.build_site.mkdocs_build
    runs it; no SOURCE_DATE_EPOCH, so a fallback date would be today's and fail the test."""
    return run(project, "mkdocs", "build", "--strict", "--clean", "--config-file", "mkdocs.yml",
               "--site-dir", str(site), env={"SOURCE_DATE_EPOCH": None, "SITE_DOWNLOADS": ""})


def assert_dates_of_history(site: Path) -> None:
    built = pages(site)
    assert len(built) == len(list((ROOT / "docs").rglob("*.md")))
    for source, html in built.items():
        assert shown_date(html) == DATED.get(source, FIRST_DATE), source


def test_each_page_shows_the_date_of_its_own_last_commit(dated_repo, tmp_path):
    site = tmp_path / "site"
    result = build(dated_repo, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_dates_of_history(site)
    # The query of the test above finds the same dates.
    for source, expected in DATED.items():
        assert last_commit_date(dated_repo, f"docs/{source}") == expected


def test_shallow_clone_stops_the_build_until_unshallowed(dated_repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{dated_repo}", str(clone))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("bản cũ", encoding="utf-8")
    result = build(clone, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, "a shallow clone built, dating every page by its one commit"
    assert "bản sao nông (shallow clone)" in output and "`git fetch --unshallow`" in output, output
    assert [path.name for path in site.iterdir()] == ["index.html"]  # the old site is untouched
    assert (site / "index.html").read_text(encoding="utf-8") == "bản cũ"
    git(clone, "fetch", "-q", "--unshallow")
    result = build(clone, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_dates_of_history(site)


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
    # Its official layout, with the địa danh given: month 1 zero-padded (Decree 30/2020/NĐ-CP).
    assert soup.select_one(".doc-header__date").get_text() == "Ninh Thuận, ngày 15 tháng 01 năm 2025"
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
