"""The archive list's filters in Chromium, by keyboard only: hosted and from file://.

Both palettes and both widths; words typed without their accents; the documents' data loads
only when the reader turns to the filters; axe-core finds nothing with results shown; and the
list works without JavaScript. A list larger than its index page (data beyond the page):
tests/test_archive_scale.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from guarded_page import open_guarded
from test_accessibility import AXE_JS, PALETTES, WIDTHS, press_until_focused, run_axe

pytestmark = pytest.mark.browser

DATA = "van-ban.js"
PLAN = "Kế hoạch số 855/KH-UBND"
DECISION = "Quyết định số 1826/QĐ-UBND"


def shown(page) -> list[str]:
    return page.locator("#danh-sach .vb-item > a").all_inner_texts()


def drive_filters_by_keyboard(page, requested: list[str], artifacts, name: str) -> None:
    """The reader's whole session, keys only; `requested` collects the page's requests."""
    page.wait_for_load_state("networkidle")
    assert shown(page) == [PLAN, DECISION]
    assert not [url for url in requested if url.endswith(DATA)], "the data loaded with the page"
    words = page.locator("#vb-tu-ngu")
    kinds = page.locator("#vb-loai")
    years = page.locator("#vb-nam")
    status = page.locator(".vb-filter__status")
    # Visible labels, tied to their fields.
    for field, label in ((words, "Tìm theo số ký hiệu, trích yếu, cơ quan"), (kinds, "Loại văn bản"),
                         (years, "Năm ban hành")):
        expect(page.locator(f'label[for="{field.get_attribute("id")}"]')).to_have_text(label)
        expect(page.locator(f'label[for="{field.get_attribute("id")}"]')).to_be_visible()
    # From the top of the page, Tab to the text box; type without accents.
    page.locator("body").focus()
    press_until_focused(page, "Tab", words, tries=60)
    page.keyboard.type("quyet dinh", delay=30)
    expect(status).to_have_text("Có 1 văn bản phù hợp.")
    assert shown(page) == [DECISION]
    assert [url for url in requested if url.endswith(DATA)], "the data did not load on use"
    expect(page.locator("#danh-sach h2")).to_have_text(["Năm 2023"])
    page.screenshot(path=str(artifacts / f"van-ban-loc-{name}.png"), full_page=True)
    # Words anywhere in number, issuer, date, abstract; đ typed as d.
    for typed, expected in (("ninh thuan 2023", [DECISION]), ("855/kh", [PLAN]), ("ubnd", [PLAN, DECISION]),
                            ("tuyen truyen cai cach", [PLAN]), ("tuyen truyen 2023", [])):
        page.keyboard.press("Control+A")
        page.keyboard.type(typed, delay=10)
        expect(page.locator("#danh-sach .vb-item > a")).to_have_text(expected)
    expect(status).to_have_text("Không có văn bản nào phù hợp.")
    # Empty box: the page's own list again.
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    expect(page.locator("#danh-sach .vb-item > a")).to_have_text([PLAN, DECISION])
    expect(page.locator("#danh-sach h2#theo-nam")).to_have_count(1)
    # Form by keyboard: a letter picks the option it begins on a focused select (a key, not
    # typed text: Chromium inserts typed "ế" into the last text field).
    press_until_focused(page, "Tab", kinds, tries=3)
    page.keyboard.press("K")
    expect(kinds).to_have_value("Kế hoạch")
    expect(page.locator("#danh-sach .vb-item > a")).to_have_text([PLAN])
    press_until_focused(page, "Tab", years, tries=3)
    page.keyboard.type("2023")
    expect(years).to_have_value("2023")
    expect(status).to_have_text("Không có văn bản nào phù hợp.")
    press_until_focused(page, "Shift+Tab", kinds, tries=3)
    page.keyboard.press("T")  # "Tất cả"
    expect(kinds).to_have_value("")
    expect(page.locator("#danh-sach .vb-item > a")).to_have_text([DECISION])
    # A result is a link the keyboard reaches and follows.
    link = page.locator("#danh-sach .vb-item > a").first
    press_until_focused(page, "Tab", link, tries=5)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"quyet-dinh-1826-qd-ubnd(/|\.html)$"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("palette", PALETTES)
def test_filters_by_keyboard_hosted(browser, site_url, artifacts, palette, width):
    context = browser.new_context(color_scheme=palette, viewport=WIDTHS[width])
    page = context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script("""window.__refused = [];
      document.addEventListener("securitypolicyviolation", e => window.__refused.push(e.blockedURI));""")
    page.goto(site_url + "van-ban/")
    assert page.get_attribute("body", "data-md-color-scheme") == PALETTES[palette]
    page.screenshot(path=str(artifacts / f"van-ban-{palette}-{width}.png"), full_page=True)
    drive_filters_by_keyboard(page, requested, artifacts, f"{palette}-{width}")
    page.go_back()
    assert page.evaluate("window.__refused") == []  # the Content-Security-Policy allowed it all
    context.close()
    assert errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("palette", PALETTES)
def test_filters_by_keyboard_from_disk(browser, offline_dir, artifacts, palette, width):
    guarded = open_guarded(browser, offline_dir.as_uri() + "/", viewport=tuple(WIDTHS[width].values()),
                           color_scheme=palette)
    requested: list[str] = []
    guarded.page.on("request", lambda request: requested.append(request.url))
    guarded.page.goto((offline_dir / "van-ban" / "index.html").as_uri())
    assert guarded.page.get_attribute("body", "data-md-color-scheme") == PALETTES[palette]
    drive_filters_by_keyboard(guarded.page, requested, artifacts, f"ngoai-tuyen-{palette}-{width}")
    guarded.close()
    assert guarded.outside == []
    assert guarded.errors == []


@pytest.mark.parametrize("palette", PALETTES)
def test_axe_with_results_shown(browser, site_url, artifacts, palette):
    context = browser.new_context(color_scheme=palette, viewport=WIDTHS["mobile"], bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + "van-ban/")
    page.locator("#vb-tu-ngu").fill("quyet")
    expect(page.locator(".vb-filter__status")).to_have_text("Có 1 văn bản phù hợp.")
    passed: set[str] = set()
    found = run_axe(page, AXE_JS.read_text(encoding="utf-8"), f"van-ban/ filtered ({palette})", passed)
    context.close()
    assert found == [], "\n".join(found)
    assert {"color-contrast", "label"} <= passed


def test_without_javascript_the_whole_list_and_no_dead_form(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "van-ban/")
    assert shown(page) == [PLAN, DECISION]
    assert page.locator("form.vb-filter, #vb-tu-ngu").count() == 0
    page.locator("#danh-sach .vb-years a", has_text="Năm 2023").click()
    page.wait_for_url(re.compile(r"/van-ban/nam-2023/$"))
    assert page.locator("article .vb-list .vb-item > a").all_inner_texts() == [DECISION]
    context.close()


def test_a_table_of_contents_link_while_filtered_shows_that_part_of_the_list(browser, site_url):
    page = browser.new_page(viewport=WIDTHS["desktop"])
    page.goto(site_url + "van-ban/")
    page.locator("#vb-tu-ngu").fill("quyet")
    expect(page.locator("#danh-sach .vb-item > a")).to_have_text([DECISION])
    page.locator("nav.md-nav--secondary a", has_text="Năm 2024").click()
    expect(page.locator("#danh-sach .vb-item > a")).to_have_text([PLAN, DECISION])
    expect(page.locator("#vb-tu-ngu")).to_have_value("")
    expect(page.locator("#nam-2024")).to_be_in_viewport()
    page.close()
