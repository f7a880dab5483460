"""What the first paint of a page waits for.

Every stylesheet linked without a print-only `media` blocks the first paint, so
the site has one stylesheet besides the theme's: docs/assets/site.css, which
holds the print styles inside `@media print` (and `@page`, which only paged
media read). And because the Content-Security-Policy `<meta>` stops Chromium's
preload scanner (hooks/csp.py), the script files at the end of `<body>` are
announced by `<link rel="preload">` in `<head>`, so that they download with
the stylesheets instead of one after the other once the parser reaches them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SITE_CSS = ROOT / "docs" / "assets" / "site.css"
THEME_CSS = "assets/stylesheets/"
PRINT_ONLY = {"print"}


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html")
                  if p.relative_to(site_dir).parts[0] not in {"assets", "search"})


def page_url(site_url: str, site_dir: Path, path: Path) -> str:
    return site_url + path.relative_to(site_dir).as_posix().removesuffix("index.html")


def blocking_stylesheets(html: str) -> list[str]:
    """hrefs of the stylesheets a screen must load before its first paint, in order."""
    head = BeautifulSoup(html, "html.parser").head
    return [link["href"] for link in head.find_all("link", rel="stylesheet")
            if link.get("media", "all").strip().lower() not in PRINT_ONLY]


def top_level_rules(css: str) -> list[tuple[str, str]]:
    """(prelude, body) of each top-level rule of a stylesheet, comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules, depth, start, prelude = [], 0, 0, ""
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, start = css[:i].rsplit("}", 1)[-1].strip(), i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append((" ".join(prelude.split()), css[start:i]))
    assert depth == 0, "unbalanced braces"
    return rules


def test_top_level_rules_of_a_stylesheet():
    css = "/* a { } */ a { b: c }\n@media print { .x { d: e } }\n@page { @top { f: g } }"
    assert top_level_rules(css) == [("a", " b: c "), ("@media print", " .x { d: e } "),
                                    ("@page", " @top { f: g } ")]


def test_every_page_blocks_on_one_site_stylesheet_besides_the_theme(site_dir):
    for path in html_pages(site_dir):
        sheets = blocking_stylesheets(path.read_text(encoding="utf-8"))
        theme = [href for href in sheets if THEME_CSS in href]
        ours = [href for href in sheets if THEME_CSS not in href]
        assert theme, path
        assert [href.rsplit("/", 1)[-1] for href in ours] == ["site.css"], (path, sheets)


def test_print_styles_are_print_only_rules_of_the_site_stylesheet():
    """The print styles cost no request on screen, and apply to nothing there."""
    rules = top_level_rules(SITE_CSS.read_text(encoding="utf-8"))
    print_rules = [body for prelude, body in rules if prelude == "@media print"]
    # The rule that takes the theme's chrome off paper is among them ...
    assert any(".md-header" in body and "display: none !important" in body for body in print_rules)
    assert any(prelude.startswith("@page") for prelude, _ in rules)
    # ... and no rule that applies on screen hides the theme's header.
    for prelude, body in rules:
        if not prelude.startswith(("@media print", "@page")):
            assert not (".md-header" in prelude + body and "display: none" in body), prelude


def test_body_scripts_are_announced_in_head(site_dir):
    """Each script file at the end of <body> is preloaded before the parser's first stop."""
    for path in html_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        body_scripts = [s["src"] for s in soup.body.find_all("script", src=True)
                        if "async" not in s.attrs and s.get("type") != "module"]
        assert body_scripts, path
        preloads = [link["href"] for link in soup.head.find_all("link", rel="preload")
                    if link.get("as") == "script"]
        assert preloads == body_scripts, path
        head = html[: html.index("</head>")]
        first_script = head.index("<script")
        for src in body_scripts:
            assert head.index(f'<link rel="preload" href="{src}"') < first_script, (path, src)


@pytest.mark.browser
def test_first_view_waits_for_one_site_stylesheet_and_fetches_scripts_early(browser, site_url, site_dir):
    """Measured in Chromium: the render-blocking stylesheets of each page's first view
    are the theme's and site.css, and the body's scripts come from their preloads."""
    for path in html_pages(site_dir):
        url = page_url(site_url, site_dir, path)
        context = browser.new_context(viewport={"width": 375, "height": 812})  # an empty cache
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        entries = page.evaluate("""() => performance.getEntriesByType("resource").map(e =>
            ({name: e.name, blocking: e.renderBlockingStatus, initiator: e.initiatorType}))""")
        blocking_css = [e["name"] for e in entries
                        if e["blocking"] == "blocking" and e["name"].endswith(".css")]
        theme = [name for name in blocking_css if THEME_CSS in name]
        assert theme, url
        assert [n.rsplit("/", 1)[-1] for n in blocking_css if n not in theme] == ["site.css"], (url, blocking_css)
        # No other stylesheet was loaded at all: printing needs nothing more.
        assert [e["name"] for e in entries if e["name"].endswith(".css")] == blocking_css, url
        body_scripts = set(page.eval_on_selector_all("body script[src]", "all => all.map(s => s.src)"))
        scripts = [e for e in entries if e["name"] in body_scripts]
        assert scripts, url
        # Fetched by the <link rel="preload"> in <head>, not when the parser reached the <script>.
        assert {e["initiator"] for e in scripts} == {"link"}, (url, scripts)
        context.close()
