"""MkDocs hook: one JSON file per document, `tai-ve/<page>.json`, linked from its page with its size.

Each document (a page with `document:` front matter) is published as data: its front matter and
the tree of its provisions, gathered from its own page and from every page holding part of it
(`part_of:`), in nav order (`vanban/export.py`; schema `schemas/van-ban-document.schema.json`).
The provisions come from the build's own parse: the provisions extension's results for each page
(`hooks/provisions.py` shares one extension instance). Sizes are known before any page is
written (`on_env`), so the document's properties box links the file with its measured size
(`config.extra.document_files`, by số ký hiệu); the files are written after the build.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from hooks.downloads import FOLDER, human_size
from hooks.provisions import extension
from vanban.export import document_data, dumps

_state: dict[str, object] = {"order": [], "files": {}}


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _state["order"] = [page.file.src_uri for page in nav.pages]
    return nav


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    shared = extension(config)
    pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page is not None}
    order = {uri: index for index, uri in enumerate(_state["order"])}  # type: ignore[arg-type]
    written: dict[str, str] = {}
    links: dict[str, list[dict[str, str]]] = {}
    for uri, page in sorted(pages.items(), key=lambda item: order.get(item[0], len(order))):
        document = page.meta.get("document")
        if not isinstance(document, dict) or not document.get("so_ky_hieu"):
            continue
        number = str(document["so_ky_hieu"])
        holders = [uri] + [other for other in sorted(pages, key=lambda u: order.get(u, len(order)))
                           if str(pages[other].meta.get("part_of", "")) == number]
        parts = [(pages[holder].url, shared.pages[holder].provisions if shared and holder in shared.pages else [])
                 for holder in holders]
        text = dumps(document_data(document, page.url, parts, config.site_url or ""))
        name = f"{FOLDER}/{Path(uri).stem}.json"
        written[name] = text
        links[number] = [{"label": "Dữ liệu JSON", "url": name, "size": human_size(len(text.encode("utf-8")))}]
    _state["files"] = written
    config.extra["document_files"] = links
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    for name, text in _state["files"].items():  # type: ignore[union-attr]
        path = Path(config.site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
