"""MkDocs hook (print edition only): each document's print page, from which its own PDF is printed.

For every document with text (a page with `document:`, its text there and on the pages with
`part_of:`), this writes `ban-in/<page>.html` into the print edition: the document page as the
theme renders it, with the text of its parts in nav order (`vanban/document_print.py` says how),
and `ban-in/van-ban.json`, the list `scripts/document_pdf.py` prints from: for each document its
print page, the PDF's name (`<page>.pdf`, beside its JSON in tai-ve/), the PDF's metadata and the
provision tree its bookmarks follow (the same tree as the JSON download, `vanban/export.py`).

So that the print page can take a page's text out of the theme's rendering, the content of every
page holding a document's text is put between two comments (`mark_text`) after every other
handler of `on_page_content` has run, mkdocs-print-site-plugin's and the sanitiser's included: the
whole-plan print page is not changed. Problems are warnings: the strict build fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks.downloads import DOWNLOADS
from hooks.provisions import extension
from vanban.citation import designation
from vanban.document_print import RenderedPage, compose, mark_text
from vanban.export import documents, provision_data

FOLDER = "ban-in"
MANIFEST = f"{FOLDER}/van-ban.json"

log = get_plugin_logger(__name__)
_state: dict[str, object] = {"pages": {}, "order": [], "rendered": {}, "files": None}


def holds_text(page: Page) -> bool:
    """Whether a page holds (part of) a document's text."""
    meta = page.meta or {}
    return isinstance(meta.get("document"), dict) or bool(meta.get("part_of"))


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _state.update(order=[page.file.src_uri for page in nav.pages], rendered={}, files=files)
    return nav


# After every other handler: mkdocs-print-site-plugin (0) keeps the content without the markers for
# the whole-plan print page, and the sanitiser (-100), which strips comments, has run.
@event_priority(-110)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return mark_text(html) if holds_text(page) else html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if holds_text(page):
        _state["rendered"][page.file.src_uri] = (page, output)  # type: ignore[index]
    return output


def _published(config: MkDocsConfig, files: Files):
    """The published address of a page or file of the print edition (path from the site root, with
    its fragment), on the hosted site (directory URLs), or None without `site_url`."""
    hosted = {file.url: File(file.src_uri, config.docs_dir, config.site_dir, use_directory_urls=True).url
              for file in files.documentation_pages()}
    site = config.site_url or ""

    def published(path: str) -> str | None:
        if not site:
            return None
        address, _, fragment = path.partition("#")
        return urljoin(site, hosted.get(address, address)) + (f"#{fragment}" if fragment else "")

    return published


def on_post_build(*, config: MkDocsConfig) -> None:
    shared = extension(config)
    rendered: dict[str, tuple[Page, str]] = _state["rendered"]  # type: ignore[assignment]
    files: Files = _state["files"]  # type: ignore[assignment]
    published = _published(config, files)
    metas = {uri: page.meta for uri, (page, _) in rendered.items()}
    entries, names = [], set()
    for uri, document, holders in documents(metas, _state["order"]):  # type: ignore[arg-type]
        provisions = [provision for holder in holders
                      for provision in (shared.pages[holder].provisions if shared and holder in shared.pages else [])
                      if provision.parent is None]
        if not provisions:
            continue  # no text on the site: no PDF
        stem = Path(uri).stem
        pdf = f"{stem}.pdf"
        if pdf in names or pdf in DOWNLOADS:
            log.warning(f"{uri}: another download is already called {pdf}; rename the page")
            continue
        names.add(pdf)
        title = designation(document)
        pages = [RenderedPage(Path(holder).with_suffix("").as_posix().replace("/", "-"),
                              rendered[holder][0].url, rendered[holder][1]) for holder in holders]
        target = f"{FOLDER}/{stem}.html"
        text, problems = compose(pages[0], pages[1:], url=target, title=title, published=published)
        for problem in problems:
            log.warning(f"{target}: {problem}")
        path = Path(config.site_dir) / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        entries.append({
            "page": uri,
            "print_page": target,
            "pdf": pdf,
            "metadata": {"title": title, "author": str(document.get("co_quan_ban_hanh", "")),
                         "subject": str(document.get("trich_yeu", "")), "keywords": str(document["so_ky_hieu"])},
            "provisions": [provision_data(provision, "") for provision in provisions],
        })
    path = Path(config.site_dir) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"documents": entries}, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")
