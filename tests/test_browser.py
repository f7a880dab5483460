"""A reader in Chromium: every page reachable from the nav, no console error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

def nav_links(page) -> list[str]:
    """Every page link of the primary navigation, in order, without duplicates."""
    hrefs = page.eval_on_selector_all(
        "nav.md-nav--primary a.md-nav__link[href]", "links => links.map(a => a.href)")
    ordered: list[str] = []
    for href in hrefs:
        url = href.split("#")[0]
        if url not in ordered:
            ordered.append(url)
    return ordered


def archive_links(page) -> list[str]:
    """Pages the archive list on this page leads to (documents, a year's other pages)."""
    hrefs = page.eval_on_selector_all("article .vb-list .vb-item > a[href], article .vb-pages a[href]",
                                      "links => links.map(a => a.href)")
    return list(dict.fromkeys(href.split("#")[0] for href in hrefs))


def content_pages(site_dir) -> set[str]:
    """Every page of the built site, as URL paths relative to the root ('' for home)."""
    return {
        "" if path.parent == site_dir else path.parent.relative_to(site_dir).as_posix() + "/"
        for path in site_dir.rglob("index.html")
        if path.relative_to(site_dir).parts[0] not in {"search", "assets"}
    }


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_reader_clicks_through_the_nav_on_desktop(browser, site_url, site_dir, artifacts):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = watch_errors(page)
    page.goto(site_url)
    visited = {""}
    listed: list[str] = []
    page.screenshot(path=str(artifacts / "desktop-trang-chu.png"), full_page=True)
    for url in nav_links(page):
        path = url.removeprefix(site_url)
        if path in visited:
            continue
        link = page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{path.rsplit("/", 2)[-2]}/"]').first
        with page.expect_navigation():
            link.click()
        assert page.url == url
        assert page.locator("article h1").count() == 1, url
        assert page.get_attribute("html", "lang") == "vi"
        visited.add(path)
        listed += archive_links(page)
        page.screenshot(path=str(artifacts / f"desktop-{path.strip('/').replace('/', '_')}.png"), full_page=True)
    # Documents are not in the nav: the archive list, which is, leads to each.
    for url in dict.fromkeys(listed):
        path = url.removeprefix(site_url)
        if path not in visited:
            assert page.goto(url).status == 200, url
            assert page.locator("article h1").count() == 1, url
            visited.add(path)
    page.close()
    assert visited == content_pages(site_dir)
    assert errors == []


def test_every_nav_page_renders_on_a_phone(browser, site_url, site_dir, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(site_url)
    # The drawer holds the nav on phones: open it as a reader would.
    page.locator('header label[for="__drawer"]').click()
    assert page.locator("nav.md-nav--primary").first.is_visible()
    visited = set()
    urls = nav_links(page)
    for url in urls:  # the nav's pages, then the pages their archive lists lead to
        assert page.goto(url).status == 200, url
        urls += [link for link in archive_links(page) if link not in urls]
        assert page.locator("article h1").count() == 1, url
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
        path = url.removeprefix(site_url)
        visited.add(path)
        page.screenshot(path=str(artifacts / f"mobile-{path.strip('/').replace('/', '_') or 'trang-chu'}.png"),
                        full_page=True)
    context.close()
    assert visited == content_pages(site_dir)
    assert errors == []


def test_unknown_address_shows_vietnamese_404(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "404.html")
    assert "Không tìm thấy trang" in page.locator("article h1").inner_text()
    page.close()


@pytest.mark.parametrize("anchor", ["cl_2__point_dd", "yeu-cau-dd"])  # its eId, and the id published before
def test_provision_permalink_scrolls_to_the_provision_and_highlights_it(browser, site_url, anchor):
    page = browser.new_page(viewport={"width": 375, "height": 700})
    page.goto(site_url + f"yeu-cau/#{anchor}")
    provision = page.locator("#cl_2__point_dd")
    assert provision.is_visible()
    box = provision.bounding_box()
    assert 0 <= box["y"] < 700
    highlight = provision.evaluate("e => getComputedStyle(e).backgroundColor")
    untouched = page.locator("#cl_2__point_e").evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlight != untouched
    page.close()


def test_abbreviation_tooltip_appears(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "muc-tieu/")
    page.locator("article abbr", has_text="SIPAS").first.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(state="visible", timeout=5000)
    assert "hài lòng" in tooltip.inner_text()
    page.close()


def test_palette_toggle_switches_scheme(browser, site_url):
    page = browser.new_page(color_scheme="light")
    page.goto(site_url)
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.close()
    dark = browser.new_page(color_scheme="dark")
    dark.goto(site_url)
    assert dark.get_attribute("body", "data-md-color-scheme") == "slate"
    dark.close()
