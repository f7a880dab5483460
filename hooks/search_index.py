"""MkDocs hook: the site's own search index and worker behind Material's search interface.

Material's search plugin writes `search/search_index.json` with every entry's text, and its worker
builds a lunr index from it in the browser. This hook (1) builds the split index of
`vanban.search_index` from those entries into `search/vi/` (JSON for the hosted edition, scripts
for the offline edition, which reads files from disk), (2) leaves in `search_index.json` only
Material's search settings (the page fetches that file on every view, and Material's on-page
highlighter reads its settings) plus the version of the index, and (3) points each page's
`__config.search` (the worker Material starts) at `assets/search/worker.js`, which speaks
Material's worker protocol. Runs after `search_provisions.py` (-50) has given each provision its
entry and before Material's offline plugin (-100) wraps `search_index.json` into a script.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from vanban.search_index import Entry, abbreviations, build

log = logging.getLogger("mkdocs.hooks.search_index")

WORKER = "assets/search/worker.js"
FOLDER = "vi"
# Material's worker in `__config`: "search": "<base>/assets/javascripts/workers/search.<hash>.min.js"
_MATERIAL_WORKER = re.compile(r'("search":\s*")([^"]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)(")')
_BASE = re.compile(r'"base":\s*"([^"]*)"')


def offline(config: MkDocsConfig) -> bool:
    """The edition read from disk (Material's offline plugin): data files as scripts."""
    return any(name.rsplit("/", 1)[-1] == "offline" for name in config.plugins)


def point_at_worker(html: str, where: str) -> str:
    """`html` with Material's search worker in `__config` replaced by this site's."""
    if 'id="__config"' not in html:
        return html
    base = _BASE.search(html)
    replaced, count = _MATERIAL_WORKER.subn(
        lambda m: m[1] + posixpath.normpath(posixpath.join(base[1] if base else ".", WORKER)) + m[3], html, count=1)
    if not count:
        # A newer Material names or places its worker differently: search would build Material's
        # own index from the near-empty search_index.json. Stop the strict build.
        log.warning("%s: Material's search worker is not in __config; update hooks/search_index.py", where)
    return replaced


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return point_at_worker(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return point_at_worker(output_content, template_name) if template_name.endswith(".html") else output_content


def glossary(config: MkDocsConfig) -> dict[str, str]:
    """The abbreviations of the glossaries that pymdownx.snippets appends to every page."""
    options = config.mdx_configs.get("pymdownx.snippets") or {}
    bases = options.get("base_path") or ["."]
    bases = [bases] if isinstance(bases, str) else bases
    found: dict[str, str] = {}
    for name in options.get("auto_append") or []:
        # Snippets resolves names against its base paths (relative to the working directory).
        path = next((Path(base) / name for base in bases if (Path(base) / name).is_file()), None)
        if path is not None:
            found.update(abbreviations(path.read_text(encoding="utf-8")))
    return found


@event_priority(-60)  # after search_provisions (-50), before `offline` (-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    folder = Path(config.site_dir) / "search"
    path = folder / "search_index.json"
    if not path.exists():
        return
    material = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(material.get("docs"), list):
        raise PluginError("search_index.json has no entries: is the search index already replaced?")
    entries = [Entry(doc["location"], doc.get("title") or "", doc.get("text") or "", float(doc.get("boost") or 1))
               for doc in material["docs"]]
    index = build(entries, abbreviations=glossary(config))
    fmt = "js" if offline(config) else "json"
    target = folder / FOLDER
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    for name, text in index.serialized(fmt):
        (target / name).write_text(text, encoding="utf-8")
    stub = {"config": {**material["config"], "vi": {"version": index.version, "format": fmt}}, "docs": []}
    # Same serialisation as Material's plugin (ASCII, compact): the offline plugin wraps it as is.
    path.write_text(json.dumps(stub, separators=(",", ":")), encoding="utf-8")
