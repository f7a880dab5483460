"""The offline edition: the published zip, unzipped and read from disk (file://)."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from guarded_page import open_guarded
from hooks.downloads import FOLDER, PDF_NAME, ZIP_NAME
from scripts.offline_zip import TOP, write_zip
from test_browser import archive_links, nav_links

EXCLUDED = (".map", "sitemap.xml", "sitemap.xml.gz", "404.html")


@pytest.fixture(scope="module")
def zip_path(site_dir: Path) -> Path:
    return site_dir / FOLDER / ZIP_NAME


def offline_pages(offline_dir: Path) -> list[Path]:
    return sorted(path for path in offline_dir.rglob("*.html")
                  if path.relative_to(offline_dir).parts[0] != "assets")


# --- The zip itself -------------------------------------------------------

def test_zip_holds_one_top_folder_with_the_offline_edition(zip_path, site_dir):
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    assert all(name.startswith(f"{TOP}/") for name in names)
    assert f"{TOP}/index.html" in names
    # Plain files, not directory URLs: one .html per page of the hosted site.
    hosted = {path.parent.relative_to(site_dir).as_posix() for path in site_dir.rglob("index.html")
              if path.relative_to(site_dir).parts[0] not in {"search", "assets"}}
    offline = {name.removeprefix(f"{TOP}/").removesuffix(".html").removesuffix("/index")
               for name in names if name.endswith(".html") and "/assets/" not in name}
    offline = {"." if name == "index" else name for name in offline}
    assert offline == hosted
    # The offline search index and the vendored shim, not the unpkg one.
    assert f"{TOP}/search/search_index.js" in names
    assert f"{TOP}/assets/vendor/iframe-worker/iframe-worker-shim.js" in names
    with zipfile.ZipFile(zip_path) as archive:
        for name in names:
            if name.endswith(".html"):
                html = archive.read(name).decode("utf-8")
                assert "unpkg.com" not in html and "fonts.googleapis.com" not in html, name
    # The PDF travels with it; the zip cannot hold itself.
    assert f"{TOP}/{FOLDER}/{PDF_NAME}" in names
    assert f"{TOP}/{FOLDER}/{ZIP_NAME}" not in names
    assert not [name for name in names if name.endswith(EXCLUDED)]


def test_zip_entries_are_sorted_dated_and_permissioned_alike(zip_path):
    with zipfile.ZipFile(zip_path) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    folders = [name for name in names if name.endswith("/")]
    files = [name for name in names if not name.endswith("/")]
    assert names == folders + files and folders == sorted(folders) and files == sorted(files)
    assert len({info.date_time for info in infos}) == 1
    assert {info.external_attr >> 16 for info in infos if info.filename.endswith("/")} == {0o40755}
    assert {info.external_attr >> 16 for info in infos if not info.filename.endswith("/")} == {0o100644}
    assert {info.create_system for info in infos} == {3}


def test_zip_is_the_same_bytes_for_the_same_input_and_dated_by_source_date_epoch(tmp_path):
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Trang chủ</h1>", encoding="utf-8")
    (site / "b" / "c.html").write_text("c", encoding="utf-8")
    (site / "bundle.js.map").write_text("{}", encoding="utf-8")
    epoch = 1709078400  # 2024-02-28 00:00:00 UTC
    first = write_zip(site, tmp_path / "1.zip", top="t", epoch=epoch)
    time.sleep(1.1)  # a different wall-clock second must not matter
    (site / "index.html").touch()
    write_zip(site, tmp_path / "2.zip", top="t", epoch=epoch)
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()
    assert first == ["t/", "t/b/", "t/b/c.html", "t/index.html"]
    with zipfile.ZipFile(tmp_path / "1.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 2, 28, 0, 0, 0)}
        assert archive.read("t/index.html").decode("utf-8") == "<h1>Trang chủ</h1>"


def test_source_date_epoch_is_honoured(monkeypatch):
    from scripts.build_site import source_date_epoch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709078400")
    assert source_date_epoch() == 1709078400
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert source_date_epoch() > 1709078400  # the last commit's time (or the fixed date)


def test_offline_pages_link_files_not_folders_and_every_asset_is_there(offline_dir):
    from bs4 import BeautifulSoup

    checked = 0
    for page in offline_pages(offline_dir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("nav.md-nav--primary a.md-nav__link[href]"):
            href = link["href"].split("#")[0]
            if href:
                assert href.endswith(".html"), f"{page.name}: {href}"
                assert (page.parent / href).resolve().is_file(), f"{page.name}: {href}"
        # Images, icons, styles and scripts: all inside the folder.
        for tag, attribute in (("img", "src"), ("link", "href"), ("script", "src")):
            for element in soup.select(f"{tag}[{attribute}]"):
                target = element[attribute].split("#")[0].split("?")[0]
                assert not target.startswith(("http:", "https:", "//")), f"{page.name}: {target}"
                assert (page.parent / target).resolve().is_file(), f"{page.name}: {target}"
                checked += 1
    assert checked > 50


def test_offline_edition_names_its_own_zip_without_a_dead_link(offline_dir):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((offline_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert not article.select(f'a[href$="{ZIP_NAME}"]')  # no SITE_URL in tests: plain text
    assert "Bản ngoại tuyến (có trên trang web)" in article.get_text()
    pdf_link = article.select_one(f'a.download[href="{FOLDER}/{PDF_NAME}"]')
    assert pdf_link is not None and (offline_dir / FOLDER / PDF_NAME).is_file()


# --- In Chromium, from file:// (the zip round trip) ------------------------

def open_offline(browser, offline_dir: Path):
    return open_guarded(browser, offline_dir.as_uri() + "/")


@pytest.mark.browser
def test_offline_nav_anchor_and_tooltip_work_from_disk(browser, offline_dir, artifacts):
    guarded = open_offline(browser, offline_dir)
    page = guarded.page
    page.goto((offline_dir / "index.html").as_uri())
    links = nav_links(page)
    assert links and all(link.startswith("file://") for link in links)
    visited = set()
    for url in links:  # the nav's pages, then the pages their archive lists lead to
        page.goto(url)
        assert page.locator("article h1").count() == 1, url
        visited.add(Path(url.removeprefix("file://")).resolve())
        links += [link for link in archive_links(page) if link not in links]
    assert visited == {path.resolve() for path in offline_pages(offline_dir)}

    # A provision's permalink (and the id published before it) lands on the provision.
    page.goto((offline_dir / "muc-tieu.html").as_uri() + "#muc-tieu-dd")
    clause = page.locator("#cl_1__point_dd")
    assert clause.is_visible() and 0 <= clause.bounding_box()["y"] < 900
    # Glossary tooltips.
    page.locator("article abbr", has_text="SIPAS").first.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(state="visible", timeout=5000)
    assert "hài lòng" in tooltip.inner_text()
    # The home page's PDF link points at the PDF inside the unzipped folder.
    page.goto((offline_dir / "index.html").as_uri())
    href = page.locator(f'article a[href$="{PDF_NAME}"]').first.get_attribute("href")
    assert (offline_dir / href).is_file()
    page.screenshot(path=str(artifacts / "offline-trang-chu.png"), full_page=True)
    guarded.close()
    assert guarded.outside == []
    assert guarded.errors == []


def search(page, query: str) -> set[str]:
    """Type a query into the search box; the pages of the results shown."""
    from playwright.sync_api import expect

    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    # Material's result count in Vietnamese: "4 tài liệu liên quan" / "Không tìm thấy ...".
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("liên quan"), timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    return {href.split("#")[0].split("?")[0] for href in hrefs}


@pytest.mark.browser
def test_offline_search_finds_an_accented_word(browser, offline_dir, artifacts):
    guarded = open_offline(browser, offline_dir)
    guarded.page.goto((offline_dir / "index.html").as_uri())
    found = search(guarded.page, "tuyên truyền")
    guarded.page.screenshot(path=str(artifacts / "offline-tim-kiem.png"))
    guarded.close()
    assert (offline_dir / "muc-tieu.html").as_uri() in found
    assert all(url.startswith(offline_dir.as_uri()) for url in found)
    assert guarded.outside == []
    assert guarded.errors == []


@pytest.mark.browser
def test_offline_search_finds_an_unaccented_word(browser, offline_dir):
    guarded = open_offline(browser, offline_dir)
    guarded.page.goto((offline_dir / "index.html").as_uri())
    accented = search(guarded.page, "tuyên truyền")
    guarded.page.goto((offline_dir / "index.html").as_uri())
    unaccented = search(guarded.page, "tuyen truyen")
    guarded.close()
    # The same pages, not only the one naming the folder "ke-hoach-855-ngoai-tuyen".
    assert accented and accented <= unaccented
    assert guarded.outside == []
    assert guarded.errors == []


def test_every_published_id_is_in_the_offline_edition(offline_dir):
    """Every id of the register (eIds and aliases) is on its page of the offline edition too."""
    from bs4 import BeautifulSoup

    from vanban import register

    for entry in register.read(Path(__file__).resolve().parent.parent / "archive" / "clause-ids.txt"):
        page = offline_dir / entry.page.replace(".md", ".html")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        anchor = soup.find(id=entry.id)
        assert anchor is not None, f"{entry.id} not in {page.name}"
        provision = anchor if anchor.get("data-eid") else anchor.find_parent(attrs={"data-eid": True})
        assert provision["data-eid"] == entry.target
