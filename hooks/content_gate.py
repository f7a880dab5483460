"""MkDocs hook: stop the build when a page fails the content checks.

MkDocs swallows front matter it cannot parse and happily publishes non-NFC
text, raw `<script>` or a page left out of the nav; this hook runs
`scripts.check_content` over every page (and the configured nav), and over
every file pymdownx.snippets adds to the pages (the glossary appended to each
page, files included with `--8<--`), before anything is rendered and aborts
with each finding's file, line and column.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from scripts.check_content import SNIPPETS, Snippets, check_pages


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    docs_dir = Path(config.docs_dir)
    pages = [Path(file.abs_src_path) for file in files.documentation_pages() if file.abs_src_path]
    snippets = None
    if SNIPPETS in config.markdown_extensions:
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        snippets = Snippets(dict(config.mdx_configs.get(SNIPPETS) or {}), root)
    # Provisions are checked on the build's own parse by hooks/provisions.py.
    findings = check_pages(pages, docs_dir, nav=config.nav, snippets=snippets, provisions=False,
                           not_in_nav=config.not_in_nav)
    if findings:
        lines = "\n".join(str(finding) for finding in findings)
        raise Abort(f"Content checks failed ({len(findings)}):\n{lines}")
    return files
