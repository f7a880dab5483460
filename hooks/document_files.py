"""MkDocs hook: each document's own files, `tai-ve/<page>.pdf` and `tai-ve/<page>.json`, linked from its page with their sizes.

The PDF of each document with text is printed before this edition is built (`scripts/build_site.py`:
the print edition's `ban-in/<page>.html`, printed by `scripts/document_pdf.py` into the downloads
folder, `extra.downloads`); this hook adds it to the build and links it first. An edition built
without it (`mkdocs serve`, `make check`) links the JSON only.

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
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from hooks.downloads import FOLDER, human_size
from hooks.provisions import extension
from vanban.export import document_data, documents, dumps

_state: dict[str, object] = {"order": [], "files": {}}


def _pdf(config: MkDocsConfig, uri: str) -> Path | None:
    """The printed PDF of the document whose page is `uri`, if this build was given one."""
    folder = config.extra.get("downloads")
    path = Path(folder) / f"{Path(uri).stem}.pdf" if folder else None
    return path if path is not None and path.is_file() else None


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for file in list(files.documentation_pages()):
        path = _pdf(config, file.src_uri)
        if path is not None and files.get_file_from_path(f"{FOLDER}/{path.name}") is None:
            files.append(File.generated(config, f"{FOLDER}/{path.name}", abs_src_path=str(path)))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _state["order"] = [page.file.src_uri for page in nav.pages]
    return nav


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    shared = extension(config)
    pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page is not None}
    written: dict[str, str] = {}
    links: dict[str, list[dict[str, str]]] = {}
    for uri, document, holders in documents({uri: page.meta for uri, page in pages.items()},
                                            _state["order"]):  # type: ignore[arg-type]
        number = str(document["so_ky_hieu"])
        parts = [(pages[holder].url, shared.pages[holder].provisions if shared and holder in shared.pages else [])
                 for holder in holders]
        text = dumps(document_data(document, pages[uri].url, parts, config.site_url or ""))
        name = f"{FOLDER}/{Path(uri).stem}.json"
        written[name] = text
        links[number] = [{"label": "Dữ liệu JSON", "url": name, "size": human_size(len(text.encode("utf-8")))}]
        pdf = _pdf(config, uri)
        if pdf is not None:
            links[number].insert(0, {"label": "Bản PDF", "url": f"{FOLDER}/{pdf.name}",
                                     "size": human_size(pdf.stat().st_size)})
    _state["files"] = written
    config.extra["document_files"] = links
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    for name, text in _state["files"].items():  # type: ignore[union-attr]
        path = Path(config.site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
