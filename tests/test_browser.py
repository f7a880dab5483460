"""A reader in Chromium: every page reachable from the nav, no console error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1280, 900), "mobile": (375, 812)}


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


@pytest.mark.parametrize("width", WIDTHS)
def test_nav_reaches_every_page_without_console_errors(browser, site_url, site_dir, artifacts, width):
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(site_url)
    links = nav_links(page)
    expected = {p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")
                if not p.relative_to(site_dir).parts[0] in {"search", "assets"}}
    visited = set()
    for url in links:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("article h1").count() == 1, url
        assert page.get_attribute("html", "lang") == "vi"
        visited.add(url.removeprefix(site_url).rstrip("/") or ".")
        name = url.removeprefix(site_url).strip("/").replace("/", "_") or "trang-chu"
        page.screenshot(path=str(artifacts / f"{width}-{name}.png"), full_page=True)
    context.close()
    assert visited == expected
    assert errors == []


def test_clause_permalink_scrolls_to_clause(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 700})
    page.goto(site_url + "yeu-cau/#yeu-cau-dd")
    clause = page.locator("#yeu-cau-dd")
    assert clause.is_visible()
    box = clause.bounding_box()
    assert 0 <= box["y"] < 700
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
