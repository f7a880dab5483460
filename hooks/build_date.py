"""MkDocs hook: a page without git history is dated SOURCE_DATE_EPOCH, not "now".

git-revision-date-localized falls back to the build time when a page has no
git history (a build from a tarball, a page not committed yet), so two builds
of the same tarball would differ. When SOURCE_DATE_EPOCH is set (the
reproducible-builds convention), this hook renders those fallback dates from
it instead. Pages with history keep the date of their last commit.

A shallow or partial clone would date pages wrongly without a word, so the
build stops there with a message saying how to fetch the whole history
(`vanban/history.py`). A folder without git at all (a tarball) builds as before.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from vanban.history import HistoryError, check_history

PLUGIN = "git-revision-date-localized"
META = "git_revision_date_localized"


@event_priority(100)  # before the plugin reads any date
def on_config(config: MkDocsConfig) -> None:
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config.get("enabled", True):
        return  # no page dates in this edition
    try:
        check_history(Path(config.docs_dir))
    except HistoryError as error:
        raise Abort(str(error)) from error


@event_priority(-50)  # after the plugin's own on_page_markdown
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    plugin = config.plugins.get(PLUGIN)
    # An empty commit hash marks the plugin's fallback to the build date.
    if not epoch or plugin is None or page.meta.get(f"{META}_hash") != "":
        return markdown
    locale = plugin.config["locale"]
    dates = plugin.util.get_date_formats_for_timestamp(int(epoch), locale=locale, add_spans=True)
    page.meta[META] = dates[plugin.config["type"]]
    raw = plugin.util.get_date_formats_for_timestamp(int(epoch), locale=locale, add_spans=False)
    for kind, text in raw.items():
        page.meta[f"{META}_raw_{kind}"] = text
    return markdown
