"""No page asks anything of another site, hosted or read from disk (file://)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guarded_page import open_guarded

pytestmark = pytest.mark.browser


def hosted_pages(site_dir: Path, site_url: str) -> list[str]:
    urls = []
    for path in sorted(site_dir.rglob("index.html")):
        folder = path.parent.relative_to(site_dir).as_posix()
        if folder.split("/")[0] not in {"search", "assets"}:
            urls.append(site_url if folder == "." else f"{site_url}{folder}/")
    return urls


def offline_pages(offline_dir: Path) -> list[str]:
    return [path.as_uri() for path in sorted(offline_dir.rglob("*.html"))
            if path.relative_to(offline_dir).parts[0] != "assets"]


@pytest.mark.parametrize("edition", ["hosted", "offline"])
def test_every_page_loads_with_no_outside_request_and_no_console_error(
        browser, site_dir, site_url, offline_dir, edition):
    if edition == "hosted":
        local, urls = site_url, hosted_pages(site_dir, site_url)
    else:
        local, urls = offline_dir.as_uri() + "/", offline_pages(offline_dir)
    assert len(urls) >= 11  # every page of the nav
    guarded = open_guarded(browser, local)
    for url in urls:
        guarded.page.goto(url, wait_until="load")
        guarded.page.wait_for_load_state("networkidle")
        assert guarded.page.locator("article h1").count() >= 1, url
    guarded.close()
    assert guarded.outside == []
    assert guarded.errors == []


def test_the_guard_counts_an_outside_request(browser, site_url):
    """The check above can fail: a page that asks for Google Fonts is caught."""
    guarded = open_guarded(browser, site_url)
    guarded.page.goto(site_url)
    guarded.page.evaluate("""() => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = 'https://fonts.googleapis.com/css?family=Roboto';
        document.head.append(link);
    }""")
    guarded.page.wait_for_load_state("networkidle")
    guarded.close()
    assert guarded.outside == ["https://fonts.googleapis.com/css?family=Roboto"]
