"""Editing comfort: "Sửa trang này", "Cập nhật lần cuối", tarball builds, the page scaffold."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from project import ROOT, copy_project, git, run
from site_text import generated_pages
from scripts.build_site import source_date_epoch

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DATE = re.compile(r"^Cập nhật lần cuối: (\d\d/\d\d/\d{4})$")
DEFAULT_EDIT_URI = re.search(r'^edit_uri: !ENV \[EDIT_URI, "([^"]+)"\]$',
                             (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
SCAFFOLD_ARGS = ["--loai", "Kế hoạch", "--so-ky-hieu", "12/KH-UBND", "--co-quan", "UBND tỉnh Ninh Thuận",
                 "--ngay", "15/01/2025", "--trich-yeu", "Thông tin, tuyên truyền cải cách hành chính năm 2025",
                 "--dia-danh", "Ninh Thuận"]


def pages(site_dir: Path, docs: Path = ROOT / "docs") -> dict[str, Path]:
    """Source page (relative to docs/) -> its built HTML file; pages the build generates
    (the archive's year lists) left out."""
    result = {}
    for html in site_dir.rglob("index.html"):
        relative = html.parent.relative_to(site_dir)
        if relative.parts and relative.parts[0] in {"search", "assets"}:
            continue
        source = "index.md" if not relative.parts else f"{relative.as_posix()}.md"
        if (docs / relative / "index.md").is_file():
            source = (relative / "index.md").as_posix()
        if (docs / source).is_file():
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
    # The archive's year lists have no file to edit: no button.
    generated = generated_pages()
    assert generated
    for source in generated:
        html = site_dir / source.removesuffix(".md").removesuffix("/index") / "index.html"
        assert edit_link(html) == [], source
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


def test_scaffolded_document_is_in_the_list_the_nav_and_van_ban_json_with_no_other_edit(tmp_path):
    """`make new` writes one file; the build puts the document in the archive list (under a new
    year: 2025), its year in the nav and its record in van-ban.json; `make check` passes."""
    project = copy_project(tmp_path / "project")
    config_before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    docs_before = sorted(path.relative_to(project) for path in (project / "docs").rglob("*"))
    created = run(project, "scripts.new_document", *SCAFFOLD_ARGS, "--can-cu",
                  "Kế hoạch số 855/KH-UBND ngày 28/02/2024 của UBND tỉnh Ninh Thuận")
    assert created.returncode == 0, created.stderr
    page = project / "docs" / "van-ban" / "ke-hoach-12-kh-ubnd.md"
    assert page.is_file()
    # One new file and nothing else: mkdocs.yml and every other page untouched.
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config_before
    docs_after = sorted(path.relative_to(project) for path in (project / "docs").rglob("*"))
    assert [path for path in docs_after if path not in docs_before] == [page.relative_to(project)]
    # `make check` in that project: the content checks and the strict build pass.
    check = run(project, "scripts.check_content")
    assert check.returncode == 0, check.stdout
    site = tmp_path / "site"
    build = run(project, "scripts.build_site", "--site-dir", str(site))
    assert build.returncode == 0, build.stdout + build.stderr

    def soup(*parts: str) -> BeautifulSoup:
        return BeautifulSoup((site.joinpath(*parts) / "index.html").read_text(encoding="utf-8"), "html.parser")

    own = soup("van-ban", "ke-hoach-12-kh-ubnd")
    own.select_one("h1 a.headerlink").decompose()
    assert own.select_one("h1").get_text().strip() == "Kế hoạch số 12/KH-UBND"
    shown = {dd["data-key"]: dd.get_text(" ", strip=True) for dd in own.select("aside.doc-properties dd")}
    assert shown["so_ky_hieu"] == "12/KH-UBND" and shown["ngay_ban_hanh"] == "15/01/2025"
    assert "không kèm tệp toàn văn" in shown["tep_dinh_kem"]
    # Its official layout, with the địa danh given: month 1 zero-padded (Decree 30/2020/NĐ-CP).
    assert own.select_one(".doc-header__date").get_text() == "Ninh Thuận, ngày 15 tháng 01 năm 2025"
    # Its căn cứ links Plan 855, whose page now lists it among the documents citing 855.
    assert [a["href"] for a in own.select('dd[data-key="can_cu"] a')] == ["../ke-hoach-855-kh-ubnd/"]
    cited_by = soup("van-ban", "ke-hoach-855-kh-ubnd").select('dd[data-key="van_ban_dan_chieu"] a')
    assert [a.get_text() for a in cited_by] == ["Kế hoạch số 12/KH-UBND"]
    # The list: first (newest) on the index, under the new year; and on that year's own page.
    index = soup("van-ban")
    first = index.select(".vb-archive .vb-item")[0]
    assert first.select_one("a").get_text() == "Kế hoạch số 12/KH-UBND"
    assert first.select_one("a")["href"] == "ke-hoach-12-kh-ubnd/"
    assert first.find_previous("h2").get_text(strip=True).startswith("Năm 2025")
    year = soup("van-ban", "nam-2025")
    assert [a.get_text() for a in year.select(".vb-item a")] == ["Kế hoạch số 12/KH-UBND"]
    # The nav: the new year (not the document) on every page.
    for html in (own, index, soup("lien-he")):
        nav = [a.get_text(strip=True) for a in html.select("nav.md-nav--primary a.md-nav__link")]
        assert nav.count("Năm 2025") == 1 and "Kế hoạch số 12/KH-UBND" not in nav
    # van-ban.json.
    records = json.loads((site / "van-ban.json").read_text(encoding="utf-8"))["van_ban"]
    [record] = [item for item in records if item["so_ky_hieu"] == "12/KH-UBND"]
    assert record["url"] == "van-ban/ke-hoach-12-kh-ubnd/" and record["ngay_ban_hanh"] == "2025-01-15"


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
