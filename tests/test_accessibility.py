"""Accessibility in Chromium: axe-core on every page, both palettes, both widths; keyboard use.

axe-core comes from npm (tests/tools, exact pin) and is injected into each page
by Playwright; it never ships with the site. The contexts bypass the page's
Content-Security-Policy, which would otherwise refuse the injected script.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from site_text import ROOT

pytestmark = pytest.mark.browser

AXE_JS = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, plus axe's best practices: `aria-dialog-name`, one of the
# three rules stock Material fails, is only tagged "best-practice".
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
# The three rules stock Material fails (../shared/FINDINGS.md): each must run and pass.
FIXED_RULES = {"color-contrast", "link-in-text-block", "aria-dialog-name"}

PALETTES = {"light": "default", "dark": "slate"}
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 812}}
SKIP_TEXT = "Chuyển đến nội dung"

# What the keyboard has reached: the element, and where its focus ring is drawn
# (the theme's palette switch is a hidden radio button whose label shows focus).
FOCUS_INFO = """() => {
  const element = document.activeElement;
  const shown = element.matches("input.md-option") ? element.nextElementSibling : element;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    tag: element.tagName,
    name: (element.getAttribute("aria-label") || element.textContent || element.className).trim().slice(0, 40),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
             && !/rgba\\(.*, 0\\)$/.test(style.outlineColor),
    visible: style.visibility === "visible" && box.width > 0 && box.height > 0,
    onScreen: box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight,
  };
}"""


def page_paths(site_dir: Path) -> list[str]:
    """URL path of every HTML page of the built site, 404 page included."""
    paths = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] in {"assets", "search"}:
            continue
        paths.append(relative.as_posix().removesuffix("index.html"))
    return paths


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: `make test` installs it (npm ci in tests/tools).")
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page, axe_script: str, where: str, passed: set[str]) -> list[str]:
    """axe-core over the page as it is now; one line per violating element."""
    # Check the settled page, not a panel halfway through its fade-in.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_script)
    # resultTypes: full details for violations only; passes still list each rule.
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    passed.update(rule["id"] for rule in result["passes"])
    return [
        f"{where}: {rule['id']} ({rule['impact']}) {node['target']} {node['failureSummary']!r}"
        for rule in result["violations"] for node in rule["nodes"]
    ]


def press_until_focused(page, key: str, target, tries: int) -> None:
    """Press `key` (Tab, ArrowDown) as a keyboard user would until `target` has focus."""
    for _ in range(tries):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            break
    expect(target).to_be_focused()


def search_by_keyboard(page, query: str, key: str = "/") -> None:
    """Open the search with its shortcut key once the theme is ready, and type `query`."""
    # The theme binds its keys once its bundle has run (it publishes document$);
    # the search worker itself starts on first use (assets/lazy-search.js).
    page.wait_for_function("() => typeof window.document$ !== 'undefined'")
    page.keyboard.press(key)
    field = page.locator("input.md-search__input")
    expect(field).to_be_focused()
    # At a person's pace: typed with no pause right after the search opens on
    # a narrow screen, the theme sometimes puts the caret back at the start.
    page.keyboard.type(query, delay=40)
    expect(field).to_have_value(query)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("palette", PALETTES)
def test_axe_finds_no_violation(browser, site_url, site_dir, axe_script, artifacts, palette, width):
    """Every page, then the open search and (narrow screens) the open navigation drawer."""
    context = browser.new_context(color_scheme=palette, viewport=WIDTHS[width], bypass_csp=True)
    page = context.new_page()
    found: list[str] = []
    passed: set[str] = set()
    paths = page_paths(site_dir)
    assert len(paths) >= 12
    for path in paths:
        page.goto(site_url + path)
        assert page.get_attribute("body", "data-md-color-scheme") == PALETTES[palette], path
        found += run_axe(page, axe_script, path or "/", passed)

    page.goto(site_url + "muc-tieu/")
    search_by_keyboard(page, "tuyên truyền")
    page.locator(".md-search-result__item").first.wait_for()
    found += run_axe(page, axe_script, "search open", passed)

    if width == "mobile":
        page.goto(site_url + "muc-tieu/")
        page.locator("label.md-header__button[for=__drawer]").click()
        page.locator(".md-sidebar--primary .md-nav__link", has_text="Yêu cầu").wait_for()
        found += run_axe(page, axe_script, "navigation drawer open", passed)

    context.close()
    (artifacts / f"axe-{palette}-{width}.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found == [], "\n".join(found)
    assert FIXED_RULES <= passed, f"rules that never ran and passed: {FIXED_RULES - passed}"


def test_theme_markup_fixes_are_in_place(site_dir):
    """The header fixes are string replacements on the theme's markup: they must have matched."""
    for path in page_paths(site_dir):
        html = (site_dir / (path if path.endswith(".html") else path + "index.html")).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        dialogs = soup.select("[role=dialog]")
        assert [d.get("aria-label") for d in dialogs] == ["Tìm kiếm"], path
        drawer = soup.select_one("label.md-header__button[for=__drawer]")
        assert drawer["tabindex"] == "0" and drawer.get_text(strip=True) == "Thanh điều hướng", path
        if path == "404.html":
            continue  # the theme gives a page without a table of contents no skip link
        skip = soup.select_one("a.md-skip")
        assert skip is not None and skip.get_text(strip=True) == SKIP_TEXT, path
        assert soup.find(id=skip["href"].removeprefix("#")) is not None, f"{path}: skip target missing"


def test_skip_link_is_first_visible_and_reaches_the_content(browser, site_url):
    page = browser.new_page(viewport=WIDTHS["desktop"])
    page.goto(site_url + "yeu-cau/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text(SKIP_TEXT)
    expect(skip).to_have_css("opacity", "1")
    on_top = page.evaluate("""() => {
      const r = document.activeElement.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === document.activeElement;
    }""")
    assert on_top, "the skip link is covered by something else"
    target = skip.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('article')"), \
        "after the skip link, Tab should land in the page's content"
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_shows_a_focus_ring(browser, site_url, width):
    page = browser.new_page(viewport=WIDTHS[width])
    page.goto(site_url + "muc-tieu/")
    stops, problems = [], []
    for _ in range(150):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        if info["tag"] == "BODY":
            break  # past the last stop
        stops.append(info["name"])
        if not (info["outline"] and info["visible"] and info["onScreen"]):
            problems.append(info)
    page.close()
    assert len(stops) >= 10, stops
    assert problems == []


def test_navigation_drawer_opens_by_keyboard(browser, site_url):
    """On a narrow screen the closed drawer's links take no focus; its button opens it."""
    page = browser.new_page(viewport=WIDTHS["mobile"])
    page.goto(site_url + "muc-tieu/")
    link = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Yêu cầu")
    expect(link).to_be_hidden()
    button = page.locator("label.md-header__button[for=__drawer]")
    expect(button).to_have_text("Thanh điều hướng")  # read out when it takes focus
    press_until_focused(page, "Tab", button, tries=5)
    page.keyboard.press("Enter")
    expect(link).to_be_visible()
    press_until_focused(page, "Tab", link, tries=20)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/yeu-cau/$"))
    page.close()


@pytest.mark.parametrize("key", ["/", "s"])
def test_search_is_usable_by_keyboard_alone(browser, site_url, key):
    page = browser.new_page(viewport=WIDTHS["desktop"])
    page.goto(site_url + "muc-tieu/")
    search_by_keyboard(page, "dân vận", key)
    # Results are redrawn as each letter arrives: wait for those of the whole query
    # (`?h=` holds the folded query words, assets/search/worker.js).
    page.locator('.md-search-result__link[href*="?h=dan+van"]').first.wait_for()
    first = page.locator(".md-search-result__link").first
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/yeu-cau/"))
    expect(page.locator("#cl_2__point_g")).to_contain_text("dân vận")
    page.close()


def test_accessibility_statement_says_what_these_tests_do(site_dir):
    """The statement page must stay true to this file: standard, widths, keys, contact."""
    html = (site_dir / "tuyen-bo-tiep-can" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    text = " ".join(article.get_text(" ").split())
    assert soup.select_one("article h1").get_text(strip=True).startswith("Tuyên bố về khả năng tiếp cận")
    assert "WCAG" in text and "2.1" in text and "mức AA" in text
    assert "axe-core" in text and "Nu HTML Checker" in text
    for size in WIDTHS.values():
        assert f"{size['width']} điểm ảnh" in text
    assert f'"{SKIP_TEXT}"' in text
    assert "giao diện sáng" in text and "giao diện tối" in text
    assert any(a["href"].rstrip("/").endswith("lien-he") for a in article.select("a[href]"))
    nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert "Khả năng tiếp cận" in nav
