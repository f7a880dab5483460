"""MkDocs hook: drop the blank lines and indentation the theme's templates leave.

Material's Jinja templates indent every nested navigation item with dozens of
spaces and empty lines; on a large archive more than half of every page is
white space (measured by `make bench`: 102 KB -> 48 KB a page at 1,000 pages).
In text, a run of white space that holds a line break renders exactly like a
single line break, so each such run becomes one "\n". Tags and attribute
values, comments, and the contents of `<pre>`, `<textarea>`, `<script>` and
`<style>` are kept byte for byte (script hashes of the CSP stay valid).

Not a general minifier on purpose: minify-html and htmlmin also unquote
attributes and drop optional tags, which changes markup other checks read,
and htmlmin's pure-Python parser would cost more than the whole page render.
Zensical ignores hooks; its output is merely larger.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# Kept verbatim: raw-text and preformatted elements, comments, and tags
# (quote-aware, so a ">" inside an attribute value does not end the tag).
_VERBATIM = re.compile(
    r"<(pre|textarea|script|style)\b.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|<[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>",
    re.S | re.I)
_BREAK_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def collapse(html: str) -> str:
    """`html` with every white-space run that holds a line break in text made one "\n"."""
    parts, end = [], 0
    for match in _VERBATIM.finditer(html):
        parts.append(_BREAK_RUN.sub("\n", html[end:match.start()]))
        parts.append(match[0])
        end = match.end()
    parts.append(_BREAK_RUN.sub("\n", html[end:]))
    return "".join(parts)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return collapse(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return collapse(output_content) if template_name.endswith(".html") else output_content
