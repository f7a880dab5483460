"""MkDocs hook (print edition only): the document properties for the PDF cover.

mkdocs-print-site-plugin renders its cover template with nothing but `config`
in scope, so this hook reads the home page's `document` front matter (MkDocs'
own front-matter parser, the data the "Thuộc tính văn bản" box shows) and puts
it in `config.extra.cover_properties` as (key, label, value) rows, labelled by
`vanban.front_matter.DOCUMENT_KEYS`. Nothing is copied by hand: change the
front matter and the cover follows.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.utils.meta import get_data

from vanban.front_matter import DOCUMENT_KEYS

HOME_PAGE = "index.md"


def cover_properties(page: Path) -> list[tuple[str, str, str]]:
    """(key, label, value) of every document property the page's front matter sets."""
    _, meta = get_data(page.read_text(encoding="utf-8"))
    document = meta.get("document") or {}
    return [(key, spec.label, str(document[key])) for key, spec in DOCUMENT_KEYS.items() if document.get(key)]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    rows = cover_properties(Path(config.docs_dir) / HOME_PAGE)
    if not rows:
        raise Abort(f"print cover: {HOME_PAGE} has no 'document' front matter to show")
    config.extra["cover_properties"] = rows
    return config
