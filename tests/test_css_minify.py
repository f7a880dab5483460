"""The site's stylesheets are shrunk in the build (hooks/css_minify.py) without changing a rule."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from hooks.css_minify import minify
from scripts.check_content import read_config

ROOT = Path(__file__).resolve().parent.parent


def extra_css() -> list[str]:
    return read_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra_css"]


def test_comments_and_needless_space_go_strings_and_meaningful_space_stay():
    css = """/* Heading: a "string" and a { brace } */
.md-typeset a[href^="http://"]::after {
  content: " (" attr(href) ")";   /* kept as written */
  width: calc(1px + 2px);
}
.x :focus-visible,
.y > .z {
  font-family: "Noto Serif", 'Times  New  Roman';
}
@media screen and (max-width: 30em) {
  @page { margin: 20mm 15mm 20mm 30mm; }
}
"""
    assert minify(css) == (
        '.md-typeset a[href^="http://"]::after{content:" (" attr(href) ")";width:calc(1px + 2px);}'
        ".x :focus-visible, .y > .z{font-family:\"Noto Serif\", 'Times  New  Roman';}"
        "@media screen and (max-width:30em){@page{margin:20mm 15mm 20mm 30mm;}}\n")


def test_unterminated_string_leaves_the_file_alone():
    assert minify('a { content: "x\n}') == 'a { content: "x\n}'


def test_built_stylesheets_are_the_minified_sources(site_dir):
    for path in extra_css():
        source = (ROOT / "docs" / path).read_text(encoding="utf-8")
        built = (site_dir / path).read_text(encoding="utf-8")
        assert built == minify(source), path
        assert len(gzip.compress(built.encode(), 9)) < len(gzip.compress(source.encode(), 9)), path


@pytest.mark.browser
def test_minified_stylesheets_parse_to_the_same_rules(browser):
    """Chromium's CSS parser reads the same rules, selectors and values from both."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>css</title>")
    rules = """text => { const sheet = new CSSStyleSheet(); sheet.replaceSync(text);
                        return [...sheet.cssRules].map(rule => rule.cssText); }"""
    for path in extra_css():
        source = (ROOT / "docs" / path).read_text(encoding="utf-8")
        expected = page.evaluate(rules, source)
        assert len(expected) > 10, path
        assert page.evaluate(rules, minify(source)) == expected, path
    page.close()
