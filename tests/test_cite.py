"""Cite a provision: "Sao chép liên kết" and "Sao chép trích dẫn" (docs/assets/cite.js).

In Chromium, hosted (strict CSP) and from file:// (the offline edition), both palettes and both
widths: the tools appear on hover and on keyboard focus, copy the link or the formal citation
(read back from the clipboard), announce it to screen readers, and pass axe-core.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from test_accessibility import AXE_JS, AXE_OPTIONS, PALETTES, WIDTHS
from test_csp import LISTEN
from vanban.citation import designation

pytestmark = pytest.mark.browser

DOCUMENT_855 = {"loai_van_ban": "Kế hoạch", "so_ky_hieu": "855/KH-UBND", "ngay_ban_hanh": "28/02/2024",
                "co_quan_ban_hanh": "UBND tỉnh Ninh Thuận"}
CITATION = "điểm b khoản 1 Kế hoạch số 855/KH-UBND ngày 28/02/2024 của Ủy ban nhân dân tỉnh Ninh Thuận"


def test_the_template_designates_a_document_as_the_model_does(site_dir):
    soup = BeautifulSoup((site_dir / "muc-tieu" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("[data-designation]")["data-designation"] == designation(DOCUMENT_855)
    assert CITATION.startswith("điểm b khoản 1 " + designation(DOCUMENT_855))
    # The page's own document page carries it too; site pages have neither tools nor script.
    assert "cite.js" in (site_dir / "van-ban" / "ke-hoach-855-kh-ubnd" / "index.html").read_text(encoding="utf-8")
    assert "cite.js" not in (site_dir / "huong-dan" / "index.html").read_text(encoding="utf-8")


def _context(browser, scheme: str, viewport: dict, *, bypass_csp: bool = False):
    """A reader's context (the page's Content-Security-Policy in force, violations recorded in
    window.__violations), with the clipboard allowed; `bypass_csp` only to inject axe-core."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme, bypass_csp=bypass_csp)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(LISTEN)
    return context


def _clipboard(page) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("width", WIDTHS)
def test_copy_citation_on_hover_hosted(browser, site_url, palette, width):
    context = _context(browser, palette, WIDTHS[width])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(site_url + "muc-tieu/")
    provision = page.locator("#cl_1__point_b")
    tools = page.locator(".cite-tools")
    provision.hover()
    copy_citation = provision.get_by_role("button", name="Sao chép trích dẫn")
    copy_citation.wait_for(state="visible")
    copy_citation.click()
    assert _clipboard(page) == f"{CITATION}\n{site_url}muc-tieu/#cl_1__point_b"
    page.wait_for_function("() => document.querySelector('[role=status]').textContent === 'Đã sao chép trích dẫn'")
    provision.get_by_role("button", name="Sao chép liên kết").click()
    assert _clipboard(page) == f"{site_url}muc-tieu/#cl_1__point_b"
    # The tools follow the pointer to the next provision; the text does not move.
    where = "e => { const r = e.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.height]; }"
    before = page.locator("#cl_1__point_c").evaluate(where)
    page.locator("#cl_1__point_c").hover()
    assert tools.count() == 1 and page.locator("#cl_1__point_c .cite-tools").count() == 1
    assert page.locator("#cl_1__point_c").evaluate(where) == before
    assert errors == [] and page.evaluate("window.__violations") == []
    context.close()
    # axe-core on the page with the tools showing, in this palette and width.
    context = _context(browser, palette, WIDTHS[width], bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + "muc-tieu/")
    page.locator("#cl_1__point_b").hover()
    page.get_by_role("button", name="Sao chép liên kết").wait_for(state="visible")
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert [v["id"] for v in result["violations"]] == [], result["violations"]
    context.close()


def test_copy_link_by_keyboard_only(browser, site_url):
    context = _context(browser, "light", WIDTHS["desktop"])
    page = context.new_page()
    page.goto(site_url + "yeu-cau/")
    label = page.locator("#cl_2__point_g a.provision-label")
    for _ in range(200):  # Tab through the page as a keyboard user does
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('#cl_2__point_g') !== null"):
            break
    assert page.evaluate("() => document.activeElement") is not None
    assert label.evaluate("e => e === document.activeElement")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "Sao chép liên kết"
    assert page.locator("#cl_2__point_g .cite-tools").is_visible()
    page.keyboard.press("Enter")
    assert _clipboard(page) == f"{site_url}yeu-cau/#cl_2__point_g"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert _clipboard(page).startswith("điểm g khoản 2 Kế hoạch số 855/KH-UBND ngày 28/02/2024")
    context.close()


def test_arriving_by_a_link_shows_the_tools_and_highlights(browser, site_url):
    context = _context(browser, "dark", WIDTHS["mobile"])
    page = context.new_page()
    page.goto(site_url + "muc-tieu/#muc-tieu-dd")  # the id published before eIds
    assert page.locator("#cl_1__point_dd .cite-tools").is_visible()
    page.get_by_role("button", name="Sao chép trích dẫn").click()
    assert _clipboard(page).endswith("muc-tieu/#cl_1__point_dd")
    context.close()


def test_copy_citation_from_the_offline_edition(browser, offline_dir):
    context = _context(browser, "light", WIDTHS["desktop"])
    page = context.new_page()
    page.goto((offline_dir / "muc-tieu.html").as_uri())
    page.locator("#cl_1__point_b").hover()
    page.get_by_role("button", name="Sao chép trích dẫn").click()
    page.wait_for_function("() => document.querySelector('[role=status]').textContent.startsWith('Đã sao chép')")
    copied = page.evaluate("() => document.querySelector('.cite-tools__button[data-copied]').dataset.copied")
    assert copied == "true"
    assert _clipboard(page) == f"{CITATION}\n{(offline_dir / 'muc-tieu.html').as_uri()}#cl_1__point_b"
    context.close()
