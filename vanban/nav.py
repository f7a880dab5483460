"""The pages a site's navigation lists (MkDocs' and Zensical's `nav:` setting).

`nav` is the setting as loaded from YAML: a list whose items are a page path (`"muc-tieu.md"`),
a `{title: path}` mapping, or a `{title: [items]}` section; external links (`"https://…"`) are not
pages. Shared by the content check (`scripts/check_content.py`, every page must be reachable) and
the archive's adapter (`hooks/archive.py`, which adds the year pages).
"""

from __future__ import annotations


def nav_pages(nav: object) -> set[str]:
    """Every local Markdown page `nav` points at, as a path relative to docs/ (`{"a/b.md", …}`)."""
    if isinstance(nav, str):
        return {nav.strip("/")} if nav.endswith(".md") and "://" not in nav else set()
    if isinstance(nav, dict):
        return set().union(*(nav_pages(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_pages(item) for item in nav))
    return set()
