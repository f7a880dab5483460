"""Byte budgets: what a phone downloads for the first view of any page.

Measured in Chromium, not guessed from files: every response of a fresh page
load (HTML, CSS, JS, fonts, images, and data such as the search index) is
counted as a gzip server would send it (level 9; files that gzip does not make
smaller, such as PNG, at their own size).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

FIRST_VIEW_BUDGET = 80 * 1024
HTML_BUDGET = 60 * 1024
# What search needs and the first view does not: Material's worker and lunr (never loaded: the
# site has its own), the site's worker and its index, which grows with the archive.
SEARCH_ENGINE = ("assets/search/", "search/vi/", "assets/javascripts/workers/", "assets/javascripts/lunr/")


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html")
                  if p.relative_to(site_dir).parts[0] not in {"assets", "search"})


def transfer_size(body: bytes) -> int:
    return min(len(body), len(gzip.compress(body, compresslevel=9, mtime=0)))


def first_view(browser, url: str, viewport: dict) -> dict[str, int]:
    """URL -> gzip bytes of every response of one fresh page load."""
    context = browser.new_context(viewport=viewport)
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    sizes = {response.url: transfer_size(response.body()) for response in responses}
    context.close()
    return sizes


def test_html_of_every_page_is_within_budget(site_dir):
    pages = html_pages(site_dir)
    assert len(pages) >= 10
    for path in pages:
        assert path.stat().st_size <= HTML_BUDGET, path


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 375, "height": 812}, {"width": 1280, "height": 900}],
                         ids=["mobile", "desktop"])
def test_first_view_of_every_page_is_within_budget(browser, site_url, site_dir, viewport):
    for path in html_pages(site_dir):
        url = site_url + path.relative_to(site_dir).as_posix().removesuffix("index.html")
        sizes = first_view(browser, url, viewport)
        assert url in sizes
        assert any(u.endswith(".css") for u in sizes) and any(u.endswith(".js") for u in sizes)
        assert not [u for u in sizes if not u.startswith(site_url)], url
        total = sum(sizes.values())
        assert total <= FIRST_VIEW_BUDGET, (url, total, sorted(sizes.items(), key=lambda i: -i[1]))


@pytest.mark.browser
def test_search_engine_loads_on_first_use_only(browser, site_url):
    """The search worker and its index wait for the reader; search then works."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(site_url + "yeu-cau/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not [u for u in requested if u.removeprefix(site_url).startswith(SEARCH_ENGINE)]
    page.locator("label[for=__search]:visible").first.click()
    page.keyboard.type("tuyên truyền")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert [u for u in requested if u.removeprefix(site_url).startswith(SEARCH_ENGINE[0])]
    assert [u for u in requested if u.removeprefix(site_url).startswith(SEARCH_ENGINE[1])]
    # Material's own worker and lunr stay unused.
    assert not [u for u in requested if u.removeprefix(site_url).startswith(SEARCH_ENGINE[2:])]
    context.close()
