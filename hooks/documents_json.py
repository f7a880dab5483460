"""MkDocs hook: publish the documents' metadata as `van-ban.json`.

A machine-readable list of the pages that describe a document (front matter
`document`): each page's address and title and the document's keys, dates in
ISO 8601, every key present (null when the page leaves it out). It is built
from the same front matter as the "Thuộc tính văn bản" box and the JSON-LD,
so they cannot disagree, and it refuses two pages that describe one document
(same `so_ky_hieu`) with different values.

Addresses are relative to the file, which sits at the site root; with
`site_url` set they are absolute. The output is stable: keys sorted, records
in address order, no timestamps. The file is added to MkDocs' files, so pages
may link to it and the strict build checks those links.

The same records, newest first and with only what the archive list shows, are
also written as a script, `van-ban.js` (it sets `window.vanBan`), which the
archive list's filters (docs/assets/archive-filter.js) load on first use: a
script, since the offline edition runs from file://, where browsers refuse to
fetch a JSON file. Its addresses stay relative to the site root. The hook
names it in `extra.archive_data` for the template that loads the filters.

Zensical ignores hooks: a Zensical build has no van-ban.json (nor van-ban.js;
the filters then read the list on the page, which there holds every document).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from vanban.catalog import newest_first
from vanban.front_matter import DATE_FORMAT, DOCUMENT_KEYS

OUTPUT = "van-ban.json"
SCRIPT = "van-ban.js"
# What the archive list's filters need of each record, in this order.
SCRIPT_FIELDS = ("url", "so_ky_hieu", "loai_van_ban", "ngay_ban_hanh", "co_quan_ban_hanh", "trich_yeu")
log = logging.getLogger("mkdocs")


@dataclass(frozen=True)
class DocumentPage:
    """A page with a `document` in its front matter."""

    url: str  # relative to the site root, as MkDocs writes it ("./" for the home page)
    title: str
    document: dict[str, Any]


def absolute(url: str, site_url: str | None) -> str:
    """`url` (relative to the site root) made absolute when the site's address is known."""
    if not site_url:
        return url
    return urljoin(site_url.rstrip("/") + "/", url)


def record(page: DocumentPage, site_url: str | None) -> dict[str, Any]:
    """The JSON record of one page: url, title and every document key."""
    out: dict[str, Any] = {"url": absolute(page.url, site_url), "title": page.title}
    for key, spec in DOCUMENT_KEYS.items():
        value = page.document.get(key)
        if value is not None and spec.kind == "date":
            value = datetime.strptime(str(value), DATE_FORMAT).date().isoformat()
        elif value is not None and spec.kind == "path":
            value = absolute(Path(str(value)).as_posix(), site_url)
        out[key] = value
    return out


def records(pages: Iterable[DocumentPage], site_url: str | None) -> list[dict[str, Any]]:
    """Records of all pages, in address order."""
    return sorted((record(page, site_url) for page in pages), key=lambda item: item["url"])


def conflicts(items: list[dict[str, Any]]) -> list[str]:
    """Pages that give one document (same so_ky_hieu) different values."""
    first: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for item in items:
        seen = first.setdefault(item["so_ky_hieu"], item)
        for key in DOCUMENT_KEYS:
            if seen[key] != item[key]:
                problems.append(
                    f"{item['so_ky_hieu']}: '{key}' là {seen[key]!r} ở {seen['url']} "
                    f"nhưng {item[key]!r} ở {item['url']}")
    return problems


def render(items: list[dict[str, Any]]) -> str:
    """The file's text: UTF-8 JSON, keys sorted, one trailing newline."""
    return json.dumps({"van_ban": items}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def script(items: list[dict[str, Any]]) -> str:
    """`van-ban.js`: the records (addresses relative to the site root), newest first, as rows of
    SCRIPT_FIELDS."""
    def key(item: dict[str, Any]) -> tuple:
        issued = date.fromisoformat(item["ngay_ban_hanh"]) if item.get("ngay_ban_hanh") else None
        return newest_first(issued, str(item.get("so_ky_hieu") or ""), item["url"])

    rows = [[item.get(name) for name in SCRIPT_FIELDS] for item in sorted(items, key=key)]
    data = json.dumps({"fields": SCRIPT_FIELDS, "items": rows}, ensure_ascii=False, separators=(",", ":"))
    return ("/* The site's documents for the archive list's filters (assets/archive-filter.js), "
            f"written by hooks/documents_json.py like {OUTPUT}. */\nwindow.vanBan = {data};\n")


def document_pages(files: Files) -> list[DocumentPage]:
    """Pages whose front matter has a `document` mapping."""
    pages: list[DocumentPage] = []
    for file in files.documentation_pages():
        if not file.abs_src_path:
            continue
        _, meta = get_data(Path(file.abs_src_path).read_text(encoding="utf-8"))
        if isinstance(meta.get("document"), dict):
            pages.append(DocumentPage(file.url, str(meta.get("title", "")), meta["document"]))
    return pages


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["archive_data"] = SCRIPT
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    pages = document_pages(files)
    items = records(pages, config.site_url)
    for problem in conflicts(items):
        log.warning("%s: hai trang mô tả cùng một văn bản khác nhau: %s", OUTPUT, problem)
    files.append(File.generated(config, OUTPUT, content=render(items)))
    files.append(File.generated(config, SCRIPT, content=script(records(pages, None))))
    return files
