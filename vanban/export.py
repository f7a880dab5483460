"""A document as data: its metadata and its provision tree, for the per-document JSON download.

Shape (the schema is `schemas/van-ban-document.schema.json`):
`{"document": {front-matter keys..., "url"}, "provisions": [provision, ...]}` where each provision
is `{"eid", "type", "num", "label", "name", "text", "url", "children": [provision, ...]}`:
`eid` the Akoma Ntoso id, `label` the printed label ("đ)", "2.1."), `name` its citation
("điểm đ khoản 3 Mục II"), `text` its own text (with its unmarked paragraphs, without its
children's), `url` the page address with `#eid` (relative to the site root unless a site URL is
given). Serialised with sorted keys and no timestamps, so two builds of one commit give the same
bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urljoin

from vanban.citation import cite
from vanban.outline import Provision


def documents(metas: Mapping[str, Mapping[str, Any]], order: Sequence[str]) -> list[tuple[str, Mapping[str, Any], list[str]]]:
    """Every document of the site in nav order: (its page, its `document:` front matter, the pages
    holding its text). `metas` maps each page (its path under docs/) to its front matter; a
    document is a page with `document:` and a `so_ky_hieu`; its text is on its own page, then on
    the pages with `part_of: <số ký hiệu>`, in nav order (pages outside the nav last, by path)."""
    rank = {uri: index for index, uri in enumerate(order)}
    ordered = sorted(metas, key=lambda uri: (rank.get(uri, len(rank)), uri))
    found = []
    for uri in ordered:
        document = metas[uri].get("document")
        if not isinstance(document, Mapping) or not document.get("so_ky_hieu"):
            continue
        number = str(document["so_ky_hieu"])
        parts = [other for other in ordered if str(metas[other].get("part_of", "")) == number]
        found.append((uri, document, [uri, *parts]))
    return found


def provision_data(provision: Provision, page_url: str) -> dict[str, Any]:
    """One provision and, recursively, its children."""
    return {
        "eid": provision.eid,
        "type": provision.type,
        "num": provision.marker.num,
        "label": provision.label,
        "name": cite(provision),
        "text": provision.text,
        "url": f"{page_url}#{provision.eid}",
        "children": [provision_data(child, page_url) for child in provision.children],
    }


def document_data(document: Mapping[str, Any], url: str, parts: Iterable[tuple[str, list[Provision]]],
                  site_url: str = "") -> dict[str, Any]:
    """A document's data: its front matter (`document:`), its page's address, and the provisions
    of every page holding its text (`parts`: (page URL, provisions in reading order), pages in
    nav order), top-level provisions first."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    provisions = []
    for page_url, page_provisions in parts:
        address = urljoin(base, page_url) if base else page_url
        provisions += [provision_data(p, address) for p in page_provisions if p.parent is None]
    meta = {key: _value(value) for key, value in document.items()}
    return {"document": {**meta, "url": urljoin(base, url) if base else url}, "provisions": provisions}


def _value(value: Any) -> str | list[str] | None:
    """A front-matter value as JSON: text, or a list of lines (kinh_gui, noi_nhan), or null."""
    if value is None:
        return None
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def dumps(data: Mapping[str, Any]) -> str:
    """UTF-8 JSON text, keys sorted, two-space indents, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
