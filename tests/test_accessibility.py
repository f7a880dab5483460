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
from test_content import REGISTER
from vanban import register

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


# Permalink states: how a reader reaches a clause or a heading by its link.
# Every id in a page's content (clauses, headings and, with generated markup,
# every provision, list item and paragraph; an empty id alias stands for its
# parent) is opened by its fragment, with and without the search result's
# `?h=` highlighting, and every permalink (clause and provision labels,
# Material's heading `¶`) takes keyboard focus, with its target open (as
# pressing Enter on it leaves it) and without, its tooltip shown. One page
# load per page, from a search result (`?h=`); the highlighting is then taken
# away (the page is then as opened without `?h=`: the highlighter only adds
# marks), and the states are reached with `location.hash` and focus().
# axe-core checks only the elements concerned, and only with its colour rules:
# the states change colours and backgrounds only, and the page-level test
# above runs every rule on every page.
PERMALINKS = "article a.clause-label, article a.provision-label, article a.headerlink"
STATE_OPTIONS = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
                 "resultTypes": ["violations", "incomplete"]}
# axe leaves text of one or two symbols (the `¶` sign) undecided: a11yStates.focus() measures it.
TOO_SHORT = "too short to determine"
# WCAG 2.1 1.4.3 (text) and 1.4.11 (a focus ring against what is next to it).
TEXT_CONTRAST = 4.5
FOCUS_RING_CONTRAST = 3.0

STATES_JS = r"""(() => {
  const parse = value => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top, bottom, alpha = 1) => {
    const a = top[3] * alpha;
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const luminance = c => {
    const [r, g, b] = c.slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (x, y) => {
    const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (a + 0.05) / (b + 0.05);
  };
  // The colour an element's box shows: its and its ancestors' backgrounds, stacked.
  const background = element => {
    const chain = [];
    for (let e = element; e; e = e.parentElement) chain.unshift(e);
    return chain.reduce((below, e) => {
      const colour = parse(getComputedStyle(e).backgroundColor);
      return colour && colour[3] > 0 ? over(colour, below) : below;
    }, [255, 255, 255, 1]);
  };
  const frame = () => new Promise(done => requestAnimationFrame(() => done()));
  // The jump to the fragment has scrolled, and nothing in or around `element` is moving.
  const settle = async element => {
    const moving = () => document.getAnimations().some(a => a.playState === 'running' && a.effect
      && a.effect.target && (element.contains(a.effect.target) || a.effect.target.contains(element)));
    let last = null;
    for (let i = 0; i < 100; i++) {
      await frame();
      if (scrollY === last && !moving()) return;
      last = scrollY;
    }
  };
  const scope = (...elements) => {
    document.querySelectorAll('[data-a11y-scope]').forEach(e => e.removeAttribute('data-a11y-scope'));
    elements.forEach(e => e.setAttribute('data-a11y-scope', ''));
  };
  // The tooltip Material shows for a focused link (feature content.tooltips), once it is up.
  const tooltip = async link => {
    for (let i = 0; i < 30; i++) {
      const tip = document.getElementById(link.getAttribute('aria-describedby') || '');
      if (tip && tip.matches('.md-tooltip2--active')) return tip;
      await frame();
    }
    return null;
  };
  // An empty element (an id alias) is shown by its parent.
  const shown = element => (element.textContent.trim() ? element : element.parentElement);
  const links = () => [...document.querySelectorAll(%(permalinks)s)];
  window.a11yStates = {
    ids: () => [...document.querySelectorAll('article [id]')].map(e => e.id),
    permalinks: () => links().map(link => link.getAttribute('href')),
    // Whether the element shown for an id holds search marks.
    marked: id => !!shown(document.getElementById(id)).querySelector('mark'),
    // Open an id as a followed link does: the fragment changes.
    async arrive(id) {
      location.hash = id;
      const element = document.getElementById(id);
      await settle(shown(element));
      scope(shown(element));
      return document.querySelector(':target') === element;
    },
    // Keyboard focus on a permalink, with its target open or with no target.
    async focus(index, open) {
      const link = links()[index];
      location.hash = open ? link.hash : '';
      link.focus({focusVisible: true});
      await settle(link);
      const tip = await tooltip(link);
      scope(...[link, tip].filter(Boolean));
      const style = getComputedStyle(link);
      const ring = parse(style.outlineColor);
      const behind = background(link);
      const beside = background(link.parentElement);
      return {
        focused: document.activeElement === link && link.matches(':focus-visible'),
        tooltip: !!tip,
        target: !open || document.querySelector(':target') === document.getElementById(link.hash.slice(1)),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && !!ring && ring[3] > 0,
        ringContrast: ring ? contrast(over(ring, beside), beside) : 0,
        textContrast: contrast(over(parse(style.color), behind, parseFloat(style.opacity)), behind),
        // What axe would see: the same as in the other state unless the open target changed it.
        colours: JSON.stringify([style.color, style.opacity, behind, style.outlineColor, beside]),
      };
    },
    scopeArticle: () => scope(document.querySelector('article')),
    // Take the search highlighting away, keeping the text (as search-highlight.js does).
    unmark() {
      for (const mark of document.querySelectorAll('mark[data-md-highlight]')) {
        const parent = mark.parentNode;
        mark.replaceWith(...mark.childNodes);
        parent.normalize();
      }
      return document.querySelectorAll('article mark').length;
    },
  };
})()""" % {"permalinks": repr(PERMALINKS)}


def highlight_words(html: str) -> str:
    """`?h=` for a page: words of its permalink targets and of its links, so that the
    search highlighting marks text inside targets and inside links."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    texts = [" ".join(e.get_text(" ").split()[1:3]) for e in article.select("[id]")]
    texts += [a.get_text(" ") for a in article.select("a[href]:not(.headerlink)")]
    words: list[str] = []
    for text in texts:
        for word in re.findall(r"\w{2,}", text.lower()):
            if word not in words:
                words.append(word)
    return "+".join(words[:12])


def run_scoped_axe(page, where: str, passed: set[str]) -> list[str]:
    """axe-core's colour rules over the element marked by STATES_JS's scope()."""
    result = page.evaluate("options => axe.run({include: [['[data-a11y-scope]']]}, options)", STATE_OPTIONS)
    passed.update(rule["id"] for rule in result["passes"])
    found = [f"{where}: {rule['id']} {node['target']} {node['failureSummary']!r}"
             for rule in result["violations"] for node in rule["nodes"]]
    # Text axe could not measure (over a mixed background, say) has not passed either.
    found += [f"{where}: {rule['id']} undecided {node['target']} {node['failureSummary']!r}"
              for rule in result["incomplete"] for node in rule["nodes"]
              if TOO_SHORT not in (node["failureSummary"] or "")]
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("palette", PALETTES)
def test_permalink_targets_and_focus_pass_axe(browser, site_url, site_dir, axe_script, artifacts, palette, width):
    """Every id opened by its link, with and without search highlighting, and keyboard focus
    on every permalink: colour contrast (axe-core), and a visible focus ring."""
    # Reduced motion: Material then drops its colour and opacity transitions, so each
    # state shows its final colours at once instead of 125-250 ms later.
    context = browser.new_context(color_scheme=palette, viewport=WIDTHS[width], bypass_csp=True,
                                  reduced_motion="reduce")
    page = context.new_page()
    found: list[str] = []
    passed: set[str] = set()
    opened: dict[str, set[str]] = {}
    counts = {"opened": 0, "opened with marks": 0, "focused": 0, "tooltips": 0}
    for path in page_paths(site_dir):
        html = (site_dir / (path if path.endswith(".html") else path + "index.html")).read_text(encoding="utf-8")
        if not BeautifulSoup(html, "html.parser").select("article [id]"):
            continue
        query = "?h=" + highlight_words(html)
        page.goto(site_url + path + query)
        # The highlighter loads on demand (assets/lazy-search.js).
        page.locator("article mark[data-vi-highlight]").first.wait_for(state="attached")
        page.add_script_tag(content=axe_script)
        page.evaluate(STATES_JS)
        ids = page.evaluate("a11yStates.ids()")
        for highlighted in (True, False):
            where = f"/{path}{query if highlighted else ''}"
            if highlighted:
                page.evaluate("a11yStates.scopeArticle()")
                found += run_scoped_axe(page, f"{where} (no target)", passed)
            else:
                assert page.evaluate("a11yStates.unmark()") == 0, f"{where}: marks left"
            for element_id in ids:
                if highlighted and not page.evaluate("id => a11yStates.marked(id)", element_id):
                    continue  # the same as without highlighting
                assert page.evaluate("id => a11yStates.arrive(id)", element_id), f"{where}#{element_id}"
                opened.setdefault(path, set()).add(element_id)
                counts["opened with marks" if highlighted else "opened"] += 1
                found += run_scoped_axe(page, f"{where}#{element_id}", passed)
        for index, href in enumerate(page.evaluate("a11yStates.permalinks()")):
            checked = set()
            for open_target in (True, False):
                state = page.evaluate("([i, open]) => a11yStates.focus(i, open)", [index, open_target])
                label = f"/{path}{'#' + href.lstrip('#') if open_target else ''} focus on permalink {href}"
                counts["focused"] += 1
                counts["tooltips"] += state["tooltip"]
                if not (state["focused"] and state["target"] and state["outline"]):
                    found.append(f"{label}: no visible focus ring {state}")
                elif state["ringContrast"] < FOCUS_RING_CONTRAST:
                    found.append(f"{label}: focus ring contrast {state['ringContrast']:.2f}:1")
                if state["textContrast"] < TEXT_CONTRAST:
                    found.append(f"{label}: text contrast {state['textContrast']:.2f}:1")
                if state["colours"] not in checked:  # else axe would find the same again
                    checked.add(state["colours"])
                    found += run_scoped_axe(page, label, passed)
    context.close()
    (artifacts / f"axe-permalinks-{palette}-{width}.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
    # Every published id (eIds and the aliases published before them) was opened on its page.
    for entry in register.read(REGISTER):
        assert entry.id in opened.get(entry.page.removesuffix(".md") + "/", set()), f"{entry.page}#{entry.id} not opened"
    assert counts["opened"] >= 30 and counts["opened with marks"] >= 14 and counts["focused"] >= 60, counts
    assert counts["tooltips"] > 0, counts  # Material's tooltips were in the checks
    assert not found, "\n".join(found)
    assert {"color-contrast", "link-in-text-block"} <= passed
