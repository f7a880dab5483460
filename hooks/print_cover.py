"""MkDocs hook (print edition only): the document properties for the PDF cover.

mkdocs-print-site-plugin renders its cover template with nothing but `config`
in scope, so this hook reads the front matter of the document the home page
presents (`about: <số ký hiệu>`, found on that document's own page; or the home
page's own `document`), with MkDocs' own front-matter parser, the data the
"Thuộc tính văn bản" box shows, and puts
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


def presented_document(page: Path, docs_dir: Path) -> dict:
    """The `document` front matter a page holds or presents (`about:`), {} when none."""
    _, meta = get_data(page.read_text(encoding="utf-8"))
    if isinstance(meta.get("document"), dict):
        return meta["document"]
    if meta.get("about"):
        for other in sorted(docs_dir.rglob("*.md")):
            _, other_meta = get_data(other.read_text(encoding="utf-8"))
            document = other_meta.get("document")
            if isinstance(document, dict) and str(document.get("so_ky_hieu")) == str(meta["about"]):
                return document
    return {}


def cover_properties(page: Path, docs_dir: Path | None = None) -> list[tuple[str, str, str]]:
    """(key, label, value) of every property of the document the page holds or presents (the
    Decree 42 properties of the "Thuộc tính văn bản" box, not the keys of the official layout)."""
    document = presented_document(page, docs_dir or page.parent)
    return [(key, spec.label, str(document[key])) for key, spec in DOCUMENT_KEYS.items()
            if document.get(key) and not spec.layout]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    rows = cover_properties(Path(config.docs_dir) / HOME_PAGE, Path(config.docs_dir))
    if not rows:
        raise Abort(f"print cover: {HOME_PAGE} has no 'document' front matter to show")
    config.extra["cover_properties"] = rows
    return config
