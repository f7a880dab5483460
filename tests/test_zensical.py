"""The site still builds with Zensical, and the README's list of what it drops holds.

Zensical is installed into build/zensical-venv by `make test` (from
requirements-zensical.txt); where that failed, these tests are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.zensical_build import ZENSICAL, compare, hook_pages, pages, zensical_build

pytestmark = pytest.mark.skipif(
    not ZENSICAL.exists(),
    reason=f"Zensical is not installed at {ZENSICAL} (`make zensical` installs it from "
           "requirements-zensical.txt; installation failed or was not run)")

HEADING_ID = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"')
# A paragraph of the official layout: its class and text.
LAYOUT = re.compile(r'<p class="(doc-[\w-]+)">([^<]*)</p>')


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("zensical") / "site"
    zensical_build(ZENSICAL, "mkdocs.yml", site)
    return site


def test_zensical_publishes_the_same_pages(zensical_site, site_dir):
    assert len(pages(zensical_site)) >= 10
    # All but the archive's year lists, which a hook adds (README, "Zensical").
    assert hook_pages() == {"van-ban/nam-2024/", "van-ban/nam-2023/"}
    assert compare(zensical_site, site_dir) == [f"- only MkDocs publishes /{p}" for p in sorted(hook_pages())]
    assert compare(zensical_site, site_dir, hook_pages()) == []


def test_heading_ids_and_document_box_carry_over(zensical_site, site_dir):
    """toc's !!python/name slugify and the template override work under Zensical: the properties
    box and the official layout (overrides/partials/the-thuc.html, its date line too)."""
    for page in pages(site_dir) - hook_pages():
        ours = (site_dir / page / "index.html").read_text(encoding="utf-8")
        theirs = (zensical_site / page / "index.html").read_text(encoding="utf-8")
        # The list index links the year lists ("Theo năm") only where they exist: MkDocs.
        expected = [i for i in HEADING_ID.findall(ours) if not (page == "van-ban/" and i == "theo-nam")]
        assert HEADING_ID.findall(theirs) == expected, page
        assert theirs.count('class="doc-properties"') == ours.count('class="doc-properties"'), page
        assert LAYOUT.findall(theirs) == LAYOUT.findall(ours), page
    layout = LAYOUT.findall((zensical_site / "van-ban" / "ke-hoach-855-kh-ubnd" / "index.html").read_text("utf-8"))
    assert ("doc-header__date", "Ninh Thuận, ngày 28 tháng 02 năm 2024") in layout
    assert 'id="cl_2__point_dd"' in (zensical_site / "yeu-cau" / "index.html").read_text("utf-8")


def test_what_zensical_drops_as_the_readme_says(zensical_site, site_dir):
    """If one of these starts failing, Zensical gained a feature: update README "Zensical"."""
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    # Hooks are ignored: no Content-Security-Policy (hooks/csp.py) ...
    assert "Content-Security-Policy" in (site_dir / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in home
    # ... and no white-space clean-up (hooks/html_whitespace.py).
    assert "\n\n" in home
    # Its own search index (not lunr's search/search_index.json), and no sitemap.xml.gz.
    assert (zensical_site / "search.json").exists()
    assert not (zensical_site / "search" / "search_index.json").exists()
    assert not (zensical_site / "sitemap.xml.gz").exists()


def test_archive_relations_and_links_carry_over(zensical_site, site_dir):
    """The archive's extensions run under Zensical: links, relations, the whole list on its index."""
    from bs4 import BeautifulSoup

    def soup(site: Path, page: str) -> BeautifulSoup:
        return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")

    for page in ("", "van-ban/ke-hoach-855-kh-ubnd/", "van-ban/quyet-dinh-1826-qd-ubnd/"):
        ours, theirs = soup(site_dir, page), soup(zensical_site, page)
        for selector in ("article a.doc-ref", "aside.doc-properties dd a"):
            assert [a.get_text() for a in theirs.select(selector)] == [a.get_text() for a in ours.select(selector)], page
    listed = [a.get_text() for a in soup(zensical_site, "van-ban/").select("#danh-sach .vb-item > a")]
    assert listed == ["Kế hoạch số 855/KH-UBND", "Quyết định số 1826/QĐ-UBND"]
    assert soup(zensical_site, "van-ban/").select_one("#danh-sach").has_attr("data-complete")


@pytest.mark.browser
def test_archive_filters_read_the_page_under_zensical(zensical_site, browser):
    """No hooks, no van-ban.js: the filters read the list the page holds (all of it there)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import expect

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(zensical_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    errors: list[str] = []
    requested: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/van-ban/")
    page.locator("#vb-tu-ngu").press_sequentially("quyet dinh 2023")
    expect(page.locator("#danh-sach .vb-item > a")).to_have_text(["Quyết định số 1826/QĐ-UBND"])
    page.locator("#vb-tu-ngu").fill("")
    page.locator("#vb-loai").select_option("Kế hoạch")
    expect(page.locator("#danh-sach .vb-item > a")).to_have_text(["Kế hoạch số 855/KH-UBND"])
    page.close()
    server.shutdown()
    assert not [url for url in requested if url.endswith("van-ban.js")]
    assert errors == []
