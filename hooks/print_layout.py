"""MkDocs hook (print edition only): the official layout (thể thức) of each document in the PDF.

The hosted and offline editions draw a document page's official layout in the `content` block of
`overrides/main.html`. mkdocs-print-site-plugin builds the print page, and so the PDF, from each
page's content as Python-Markdown rendered it (its `on_page_content`), not from that block. This
hook renders the same partial, `overrides/partials/the-thuc.html`, with the theme's own template
environment and puts it into the content of every page whose front matter has `document`, before
the plugin keeps it: the header right after the page's h1, "Nơi nhận" and the signature in the
slot the provisions extension leaves where the document's text ends. One template for both.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from vanban.extensions.provisions import FOOTER_SLOT

PARTIAL = "partials/the-thuc.html"

_state: dict[str, Environment | None] = {"env": None}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state["env"] = None  # a new build (mkdocs serve) may have new templates
    return config


def render(env: Environment, document: dict[str, Any], part: str) -> str:
    """One part of the layout: "dau" (header) or "cuoi" (Nơi nhận, signature)."""
    return env.get_template(PARTIAL).render(doc=document, the_thuc=part).strip()


def with_layout(html: str, head: str, foot: str) -> str:
    """A page's content with the layout's header after its first h1 (at the top when it has none)
    and its closing in the footer slot (at the end when there is none)."""
    html = html.replace(FOOTER_SLOT, foot, 1) if FOOTER_SLOT in html else html + foot
    if "</h1>" in html:
        return html.replace("</h1>", "</h1>" + head, 1)
    return head + html


# Before mkdocs-print-site-plugin's on_page_content (priority 0), which keeps the page's HTML.
@event_priority(50)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    document = page.meta.get("document")
    if not isinstance(document, dict):
        return html
    if _state["env"] is None:
        _state["env"] = config.theme.get_env()
    env = _state["env"]
    return with_layout(html, render(env, document, "dau"), render(env, document, "cuoi"))
