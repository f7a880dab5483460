"""Printing a page of the hosted site from the browser (print styles: docs/assets/site.css)."""

from __future__ import annotations

import pytest

from scripts.pdf import body_text
from site_text import squash
from test_content import printed_ids
from test_pdf import pdffonts, pdfinfo, site_config, text_families

pytestmark = pytest.mark.browser

CHROME = {
    "header": ".md-header",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "palette toggle": "form[data-md-component=palette]",
    "footer": ".md-footer",
}


def test_print_media_shows_no_header_nav_or_search(browser, site_url, artifacts):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "muc-tieu/")
    # On screen the chrome is there: the assertions below can fail.
    assert page.locator(CHROME["header"]).is_visible()
    assert page.locator(CHROME["navigation"]).is_visible()
    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts / "print-muc-tieu.png"), full_page=True)
    for name, selector in CHROME.items():
        assert not page.locator(selector).first.is_visible(), name
    assert page.locator("article h1").is_visible()
    assert page.locator("#cl_1__point_a").is_visible()
    page.close()


def test_browser_print_is_a4_with_clause_ids_and_external_link_targets(browser, site_url, tmp_path):
    page = browser.new_page()
    page.goto(site_url + "muc-tieu/")
    # The site has no external link in its text yet: add one, as an editor might.
    page.evaluate("""() => {
        const link = document.createElement('a');
        link.href = 'https://example.org/nguon';
        link.textContent = 'nguồn ngoài';
        document.querySelector('#cl_1__point_a').append(' ', link);
    }""")
    pdf = tmp_path / "muc-tieu.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.close()

    assert pdfinfo(pdf)["Page size"].endswith("pts (A4)")
    text = squash(body_text(pdf))
    assert "nguồn ngoài (https://example.org/nguon)" in text
    # Internal links print their text only.
    assert "Chỉ số xếp hạng" in text and "chi-so-xep-hang/" not in text
    for page_name, eid in printed_ids():
        if page_name == "muc-tieu.md" and "__" in eid:  # khoản 1 is the page's title
            assert f"#{eid}" in text
    # No site header (it holds the site name) on paper, and one typeface with
    # every Vietnamese letter.
    assert site_config().site_name not in text
    assert len(text_families(pdffonts(pdf))) == 1
