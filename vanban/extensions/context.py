"""Which page a Python-Markdown extension is rendering, under Zensical, MkDocs or a caller.

Python-Markdown gives an extension the text, not the page. The archive's extensions need the
page's path (to link other pages relative to it, to leave out self-links), its front matter (to
know what the page is) and the docs folder (to read the site's documents). They find them here,
in this order:

1. Zensical: its `rendering_context` preprocessor holds the page (`path`, `meta`) and the
   configuration (`docs_dir`, `use_directory_urls`). Zensical hands `page.meta` back to its
   templates after the conversion, so what an extension writes there reaches the templates.
2. A caller that set `extension.page = (path, meta)` (tests, scripts).
3. MkDocs: every page is converted with MkDocs' own `relpath` tree processor already registered
   (mkdocs/structure/pages.py, `Page.render`, MkDocs 1.6, the last 1.x release); it holds the
   page's `File` (whose `page.meta` the templates read) and the configuration. So under MkDocs
   the extensions need no hook to know the page.

Nothing here imports MkDocs or Zensical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown


@dataclass
class PageContext:
    """The page being rendered; `meta` is the page's own front-matter dict (written through)."""

    path: str | None = None  # relative to docs/, POSIX
    meta: dict[str, Any] = field(default_factory=dict)
    docs_dir: Path | None = None
    use_directory_urls: bool = True
    # The same object for every page of one build, when the caller has one (MkDocs' Files):
    # `vanban.catalog.read` then reads the docs folder once per build.
    build: object = None


def _relative(path: str | None, docs_dir: Path | None) -> str | None:
    if not path:
        return None
    posix = Path(path).as_posix()
    if docs_dir is not None and Path(path).is_absolute():
        try:
            return Path(path).resolve().relative_to(docs_dir.resolve()).as_posix()
        except ValueError:
            pass
    marker = "/docs/"
    return posix.split(marker, 1)[1] if marker in posix else posix.lstrip("/")


def page_context(md: Markdown, page: tuple[str, dict[str, Any]] | None = None,
                 docs_dir: str | Path | None = None) -> PageContext:
    """The page `md` is converting; `page` and `docs_dir` are an extension's own settings."""
    fallback = Path(docs_dir) if docs_dir else None
    if "rendering_context" in md.preprocessors:  # Zensical
        context = md.preprocessors["rendering_context"]
        zensical_page = getattr(context, "page", None)
        config = getattr(context, "config", None) or {}
        if zensical_page is not None:
            folder = Path(config.get("docs_dir") or fallback or "docs")
            meta = zensical_page.meta if isinstance(zensical_page.meta, dict) else {}
            return PageContext(_relative(getattr(zensical_page, "path", None), folder), meta, folder,
                               bool(config.get("use_directory_urls", True)))
    if page is not None:
        return PageContext(page[0], page[1] if isinstance(page[1], dict) else {}, fallback)
    if "relpath" in md.treeprocessors:  # MkDocs
        relpath = md.treeprocessors["relpath"]
        file = getattr(relpath, "file", None)
        config = getattr(relpath, "config", None)
        mkdocs_page = getattr(file, "page", None)
        if file is not None and config is not None:
            meta = getattr(mkdocs_page, "meta", None)
            return PageContext(file.src_uri, meta if isinstance(meta, dict) else {},
                               Path(config["docs_dir"]), bool(config["use_directory_urls"]),
                               getattr(relpath, "files", None))
    return PageContext(docs_dir=fallback)
