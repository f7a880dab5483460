"""MkDocs hook (print edition only): every id and internal link survives into the print page.

mkdocs-print-site-plugin renames ids only on headings (and a few other tags),
so in the PDF a link to a clause paragraph had no target: "mục tiêu e)" was
plain text. After the plugin has written the print page, this hook rewrites
its ids and internal links from each page's own HTML (`vanban.print_anchors`,
where the reasons are). Problems (a duplicate id, a link to a missing id)
are logged as warnings: the strict build fails.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs_print_site_plugin.urls import get_page_key

from vanban.print_anchors import SourcePage, relink

PLUGIN = "print-site"
log = get_plugin_logger(__name__)
_nav: Navigation | None = None


def on_nav(nav: Navigation, *, config: MkDocsConfig, files) -> Navigation:
    global _nav
    _nav = nav
    return nav


@event_priority(-100)  # after the plugin's on_post_build (0) has written the print page
def on_post_build(*, config: MkDocsConfig) -> None:
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config.get("enabled") or _nav is None:
        raise PluginError(f"hooks/print_anchors.py belongs to the print edition ({PLUGIN} plugin)")
    # The plugin keeps each page's content HTML, as it received it, in `page.html`.
    pages = [SourcePage(get_page_key(page.url), page.url, page.html)
             for page in _nav.pages if getattr(page, "html", "")]
    path = Path(plugin.print_page.file.abs_dest_path)
    text, problems = relink(path.read_text(encoding="utf-8"), pages, config.site_url or "")
    for problem in problems:
        log.warning(f"print page: {problem}")
    path.write_text(text, encoding="utf-8")
