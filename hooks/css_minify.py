"""MkDocs hook: the site's own stylesheets (`extra_css`) go out without comments
and indentation.

docs/assets/site.css is the one stylesheet of ours that every page waits for
before its first paint, and more than half of it is comments and indentation
that explain it to the people who edit it (3.4 KB with gzip; 1.3 KB without
them). Lighthouse reports it as unminified CSS. The source keeps every
comment; only the copy in the built site is shrunk.

Not a general minifier: comments and white space only. A run of them becomes
one space, or nothing around `{`, `}` and `;`, before `,` and after `:`, where
CSS never needs one. Strings are kept byte for byte, and every other token is
left as written: a space before `:` or around `+` and `-` can change meaning
(`a :hover`, `calc(1px + 2px)`), and a custom property keeps the space after
its commas as part of its value. tests/test_css_minify.py checks in Chromium
that the shrunk stylesheet parses to exactly the same rules.
Zensical ignores hooks; its output is merely larger.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

# Strings (either quote, with escapes), comments, white space, anything else.
_TOKEN = re.compile(r""""(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|/\*.*?\*/|\s+|[^"'/\s]+|/""", re.S)
# No space is needed after these ...
_NO_SPACE_AFTER = set("{};:")
# ... nor before these.
_NO_SPACE_BEFORE = set("{};,")


def minify(css: str) -> str:
    """`css` without comments, and with the white space it does not need removed."""
    tokens = _TOKEN.findall(css)
    if "".join(tokens) != css:  # an unterminated string or comment: leave the file alone
        return css
    out: list[str] = []
    gap = False
    for token in tokens:
        if token[0].isspace() or token.startswith("/*"):
            gap = True
            continue
        if gap and out and out[-1][-1] not in _NO_SPACE_AFTER and token[0] not in _NO_SPACE_BEFORE:
            out.append(" ")
        gap = False
        out.append(token)
    return "".join(out) + "\n"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    ours = {str(path) for path in config.extra_css}
    for file in files:
        if file.src_uri in ours and file.src_uri.endswith(".css"):
            file.content_string = minify(file.content_string)
    return files
