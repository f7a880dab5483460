"""Structural checks of document pages, on the parse the site is built from.

`make check` renders every page with the Markdown configuration of mkdocs.yml (the same
extensions, options and provisions extension MkDocs uses, loaded by MkDocs' own config loader)
and reports what `vanban.extensions.provisions` found: a number or letter out of sequence or
repeated, two provisions with one id, a marker that a hard wrap turned into text, a provision
with no text. The build reports the same findings through `hooks/provisions.py`; this module
lets `make check` print them without building. Also checks that `part_of` and `about` name a
document the site has.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from vanban.extensions.provisions import ProvisionsExtension
from vanban.findings import Finding
from vanban import register
from vanban.front_matter import body_offset

NAME = "vanban.extensions.provisions"
RULE_IDS = ("provision-order", "provision-id", "provision-wrap", "provision-empty", "document-ref",
            "published-id")


@functools.lru_cache(maxsize=4)
def site_markdown(config_file: Path) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """(extensions, their options) of an mkdocs.yml, as MkDocs hands them to Python-Markdown."""
    config = load_config(str(config_file))
    return tuple(config.markdown_extensions), dict(config.mdx_configs)


def render(path: Path, docs_dir: Path, config_file: Path) -> tuple[ProvisionsExtension | None, int]:
    """Render one page as the site does; return its provisions extension (None when the site does
    not use it) and the number of lines before the Markdown body."""
    names, options = site_markdown(config_file)
    if NAME not in names:
        return None, 0
    text = path.read_text(encoding="utf-8")
    body, meta = get_data(text)
    own = dict(options.get(NAME) or {})
    register = own.get("register")
    if register and not Path(register).is_absolute():
        own["register"] = str(config_file.parent / register)
    extension = ProvisionsExtension(**own)
    extension.page = (path.resolve().relative_to(docs_dir.resolve()).as_posix(), meta)
    extension.line_offset = body_offset(text)
    extensions = [extension if name == NAME else name for name in names]
    configs = {name: value for name, value in options.items() if name != NAME}
    markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body)
    return extension, body_offset(text)


def page_ids(paths: list[Path], docs_dir: Path, config_file: Path) -> dict[str, list[str]]:
    """The provision ids of every page (relative to `docs_dir`), in reading order, as the site renders them."""
    ids = {}
    for path in paths:
        extension, _ = render(path, docs_dir, config_file)
        relative = path.resolve().relative_to(docs_dir.resolve()).as_posix()
        ids[relative] = [provision.eid for provision in extension.last.provisions] if extension else []
    return ids


def register_path(config_file: Path) -> Path | None:
    """The register file the site's provisions extension is configured with, if any."""
    _, options = site_markdown(config_file)
    name = (options.get(NAME) or {}).get("register")
    return (config_file.parent / name) if name else None


def check_register(paths: list[Path], docs_dir: Path, config_file: Path) -> list[Finding]:
    """Every published id (the register) is still on its page: an id, once published, never goes."""
    path = register_path(config_file)
    if path is None or not path.is_file():
        return []
    ids = {page: set(found) for page, found in page_ids(paths, docs_dir, config_file).items()}
    return [Finding(path, entry.line, 1, "published-id",
                    f"Mã đã công bố '{entry.target}' không còn trên trang {entry.page}: mọi liên kết trích "
                    "dẫn tới nó sẽ hỏng.",
                    "sửa lại số hay chữ đánh mục cho như cũ; nếu mục đã chuyển chỗ vì sửa lỗi chép, "
                    "thêm cột thứ ba vào dòng này ghi mã mới của mục (mã cũ thành địa chỉ phụ).")
            for entry in register.missing(register.read(path), ids)]


def check_page(path: Path, docs_dir: Path, config_file: Path) -> list[Finding]:
    """The structural findings of one page, at file:line:col."""
    extension, offset = render(path, docs_dir, config_file)
    if extension is None:
        return []
    return [Finding(path, issue["line"], issue["col"], issue["rule"], issue["message"], issue["hint"])
            for issue in extension.last.issues]


def site_documents(docs_dir: Path) -> frozenset[str]:
    """The số ký hiệu of every document whose page (front matter `document:`) is under `docs_dir`."""
    numbers = set()
    for path in docs_dir.rglob("*.md"):
        meta = get_data(path.read_text(encoding="utf-8"))[1]
        if isinstance(meta.get("document"), dict) and meta["document"].get("so_ky_hieu"):
            numbers.add(str(meta["document"]["so_ky_hieu"]))
    return frozenset(numbers)


def check_references(path: Path, documents: frozenset[str]) -> list[Finding]:
    """`part_of` and `about` must name (by số ký hiệu) a document whose page is on the site."""
    text = path.read_text(encoding="utf-8")
    meta = get_data(text)[1]
    findings = []
    for key in ("part_of", "about"):
        value = meta.get(key)
        if value is None or str(value) in documents:
            continue
        line = next((number for number, row in enumerate(text.splitlines(), 1) if row.startswith(f"{key}:")), 1)
        known = ", ".join(sorted(documents)) or "chưa có"
        findings.append(Finding(path, line, len(key) + 3, "document-ref",
                                f"'{key}: {value}' không phải số ký hiệu của văn bản nào trên trang.",
                                f"ghi đúng số ký hiệu ở khóa document.so_ky_hieu của trang văn bản "
                                f"(hiện có: {known}); văn bản mới thì tạo bằng make new."))
    return findings
