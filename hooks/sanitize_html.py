"""MkDocs hook: sanitise every page's rendered content with an allowlist.

Python-Markdown passes raw HTML through untouched, so `<script>`, `onerror=`
and `javascript:` links in a page would reach the site. The content checker
(`scripts/check_content.py`) refuses them before the build; this hook is the
defence in depth for when the checker is bypassed or misses a trick: it runs
last on `page.content` (the theme's own scripts live in the templates, not
there) and keeps only the elements, attributes and URL schemes listed below,
using nh3 (the Python binding of the Rust sanitiser ammonia).

Anything it removes is logged as a warning naming the page, so a strict build
fails loudly instead of silently publishing a page with parts missing; if a
legitimate construct is removed, extend the allowlist here.
"""

from __future__ import annotations

import html.parser
from collections import Counter

import nh3
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

# ammonia's default tags (text, lists, tables, figures, details, abbr, kbd ...).
TAGS: set[str] = set(nh3.ALLOWED_TAGS)

# Removed together with everything inside them.
CLEAN_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "applet", "frame", "frameset",
                      "noscript", "noembed", "noframes", "template"}

ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    # attr_list ids and classes, abbr and permalink titles, language and direction.
    "*": {"id", "class", "title", "lang", "dir", "role"},
    "a": {"href", "hreflang", "download", "rel"},
    "img": set(nh3.ALLOWED_ATTRIBUTES["img"]) | {"loading", "decoding"},
    # Dates of the archive list (vanban/extensions/archive.py) in ISO 8601.
    "time": {"datetime"},
    # Python-Markdown's tables write column alignment as a style.
    "th": set(nh3.ALLOWED_ATTRIBUTES["th"]) | {"style"},
    "td": set(nh3.ALLOWED_ATTRIBUTES["td"]) | {"style"},
}
# A table's scrolling region takes keyboard focus (vanban/extensions/tables.py): tabindex="0"
# on a div, no other value (a positive tabindex would reorder the page's focus).
ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {"div": {"tabindex": {"0"}}}
# data-search-exclude (search), aria-* (accessibility).
ATTRIBUTE_PREFIXES = {"data-", "aria-"}
STYLE_PROPERTIES = {"text-align"}
# Relative links stay as they are; absolute ones only with these schemes.
URL_SCHEMES = {"https", "http", "mailto", "tel"}


def sanitize(content: str) -> str:
    """The content with everything outside the allowlist removed."""
    return nh3.clean(
        content,
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ATTRIBUTES,
        tag_attribute_values=ATTRIBUTE_VALUES,
        generic_attribute_prefixes=ATTRIBUTE_PREFIXES,
        filter_style_properties=STYLE_PROPERTIES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


class _Inventory(html.parser.HTMLParser):
    """Counts start tags and (tag, attribute) pairs of an HTML fragment."""

    def __init__(self, content: str) -> None:
        super().__init__(convert_charrefs=True)
        self.items: Counter[str] = Counter()
        self.feed(content)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items[f"<{tag}>"] += 1
        for name, _ in attrs:
            self.items[f"<{tag} {name}>"] += 1

    handle_startendtag = handle_starttag


def removed(before: str, after: str) -> list[str]:
    """Tags and attributes present in `before` but not (as often) in `after`."""
    return sorted((_Inventory(before).items - _Inventory(after).items).keys())


@event_priority(-100)  # last, after every other content change
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    clean = sanitize(html)
    lost = removed(html, clean)
    if lost:
        log.warning(f"Doc file '{page.file.src_uri}': đã bỏ {', '.join(lost)} khỏi nội dung trang "
                    "(không an toàn, hoặc chưa có trong danh sách cho phép của hooks/sanitize_html.py).")
    return clean
