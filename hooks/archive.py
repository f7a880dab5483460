"""MkDocs hook: the archive's year list pages, and the years in the nav.

The archive extension (`vanban.extensions.archive`, under `markdown_extensions`) writes the lists;
this adapter adds what only MkDocs can: pages that have no file. For every year of the site's
documents it adds the year's list pages (`van-ban/nam-2024/index.md`, `…/trang-2.md`: generated
Markdown, front matter `archive: "2024"` …, `vanban.archive.page_markdown`), puts each year's
first page in the nav after the list index (`archive: index`, in whatever nav section holds
it), and tells the extension that the pages exist (`year_pages`), so that the index lists only
the newest documents.

Documents themselves are not in the nav: `not_in_nav` in mkdocs.yml exempts them, the checker's
`nav` rule agrees (scripts/check_content.py), and the list pages lead to them. A year's later
pages are not in the nav either; its first page links them. So every page's nav holds the
site's pages and one link per year, however many documents there are.

The print edition (`extra.edition: print`, one combined page) also gets every document after
the years, so that each link of the PDF lands inside it.

Zensical ignores hooks: there the list index lists every document (README, "Zensical").
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from vanban.nav import nav_pages
from vanban import archive, catalog as catalog_module
from vanban.archive import Limits, ListPage

NAME = "vanban.extensions.archive"

_pages: list[ListPage] = []


def _limits(options: dict) -> Limits:
    defaults = Limits()
    return Limits(int(options.get("newest", defaults.newest)), int(options.get("per_page", defaults.per_page)),
                  int(options.get("page_bytes", defaults.page_bytes)))


def _section_of(nav: list, page: str) -> list | None:
    """The list of nav entries that holds `page` (a section's children, or the nav itself)."""
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry
        if value == page:
            return nav
        if isinstance(value, list):
            found = _section_of(value, page)
            if found is not None:
                return found
    return None


def with_years(nav: list, index: str, pages: list[ListPage], documents: list[tuple[str, str]]) -> None:
    """Insert each year's first list page (then `documents`, (title, path)) right after `index`."""
    section = _section_of(nav, index)
    if section is None:
        return
    position = next(i for i, entry in enumerate(section)
                    if entry == index or isinstance(entry, dict) and index in entry.values()) + 1
    added = [{page.nav_title: page.path} for page in pages if page.number == 1]
    added += [{title: path} for title, path in documents]
    section[position:position] = added


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _pages.clear()
    if NAME not in config.markdown_extensions:
        return config
    catalog = catalog_module.read(config.docs_dir)
    index = catalog.archive_index()
    if index is None:
        return config
    options = config.mdx_configs.setdefault(NAME, {})
    options["year_pages"] = True
    _pages.extend(archive.year_pages(catalog, index, _limits(options)))
    if config.nav is not None:
        # The print edition prints every document; those the nav lists already are printed there.
        listed = nav_pages(config.nav)
        printed = [(document.title or document.name, document.path) for document in catalog.documents
                   if document.path not in listed] if config.extra.get("edition") == "print" else []
        with_years(config.nav, index, _pages, printed)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for page in _pages:
        if files.get_file_from_path(page.path) is not None:
            raise Abort(f"{Path(config.docs_dir, page.path)}: this address belongs to the archive's "
                        f"list of {page.year}; rename the file.")
        inclusion = InclusionLevel.UNDEFINED if page.number == 1 else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=archive.page_markdown(page), inclusion=inclusion))
    return files
