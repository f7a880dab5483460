"""The white-space hook shrinks pages without changing what they render."""

from __future__ import annotations

from pathlib import Path

from hooks.html_whitespace import collapse


def test_breaks_in_text_become_one_newline():
    assert collapse("<ul>\n    \n      <li>\n  Mục  1\n  </li>\n\n</ul>") == "<ul>\n<li>\nMục  1\n</li>\n</ul>"


def test_spaces_without_a_break_are_kept():
    assert collapse("<b>a</b>   <i>b</i>") == "<b>a</b>   <i>b</i>"


def test_verbatim_parts_are_kept():
    kept = ('<pre><code>a\n\n    b</code></pre>', '<textarea>x\n\n  y</textarea>',
            '<script>var a = `1\n\n  2`</script>', '<style>a {\n\n  color: red }</style>',
            '<!-- a\n\n  b -->', '<abbr title="x >\n\n  y">x</abbr>')
    for part in kept:
        assert collapse("\n\n  " + part + "\n\n  ") == "\n" + part + "\n"


def test_built_pages_are_collapsed_and_smaller(site_dir: Path):
    pages = list(site_dir.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert collapse(html) == html, page
        assert "\n\n" not in html.split("<pre", 1)[0], page
