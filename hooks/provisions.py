"""MkDocs hook: the adapter of the provisions extension (`vanban.extensions.provisions`).

The extension does the work and is listed under `markdown_extensions`, where Zensical runs it
too. MkDocs gives a Markdown extension no page, so this hook (1) swaps the listed name for one
shared extension instance, (2) tells it which page it renders (path and front matter) before each
page, and (3) after every page is rendered and before any is written (`on_env`), stops the build
with every structural finding at `file:line:col` — the same findings `make check` prints, from
the same parse — and every id of the register of published ids must still be on its page.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from vanban import register
from vanban.extensions.provisions import ProvisionsExtension
from vanban.findings import Finding
from vanban.front_matter import body_offset

NAME = "vanban.extensions.provisions"

_state: dict[str, object] = {"extension": None, "findings": []}


def extension(config: MkDocsConfig) -> ProvisionsExtension | None:
    """The shared provisions extension of this build (None when the site does not list it)."""
    for item in config.markdown_extensions:
        if isinstance(item, ProvisionsExtension):
            return item
    return None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if NAME not in config.markdown_extensions:
        return config
    options = dict(config.mdx_configs.pop(NAME, None) or {})
    register = options.get("register")
    if register and not Path(register).is_absolute():
        options["register"] = str(Path(config.config_file_path).parent / register)
    shared = ProvisionsExtension(**options)
    config.markdown_extensions[config.markdown_extensions.index(NAME)] = shared
    _state.update(extension=shared, findings=[])
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    shared = _state["extension"]
    if isinstance(shared, ProvisionsExtension):
        shared.page = (page.file.src_uri, page.meta)
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
        shared.line_offset = body_offset(source)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    shared = _state["extension"]
    if not isinstance(shared, ProvisionsExtension):
        return html
    shared.page = None
    result = shared.pages.get(page.file.src_uri)
    if result is not None and result.issues and page.file.abs_src_path:
        path = Path(page.file.abs_src_path)
        findings: list[Finding] = _state["findings"]  # type: ignore[assignment]
        findings.extend(Finding(path, issue["line"], issue["col"], issue["rule"],
                                issue["message"], issue["hint"]) for issue in result.issues)
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    findings: list[Finding] = _state["findings"]  # type: ignore[assignment]
    shared = _state["extension"]
    path = Path(shared.getConfig("register")) if isinstance(shared, ProvisionsExtension) else None
    if path is not None and path.is_file():
        ids = {page: {provision.eid for provision in result.provisions} for page, result in shared.pages.items()}
        for entry in register.missing(register.read(path), ids):
            findings.append(Finding(path, entry.line, 1, "published-id",
                                    f"Mã đã công bố '{entry.target}' không còn trên trang {entry.page}.",
                                    "một mã đã công bố không được mất; xem CONTRIBUTING.md, mục "
                                    "'Văn bản viết như khi in'."))
    if findings:
        lines = "\n".join(str(finding) for finding in sorted(findings))
        raise Abort(f"Provision checks failed ({len(findings)}):\n{lines}")
    return env
