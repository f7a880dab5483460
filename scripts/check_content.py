"""Check the site's Markdown pages before they are built.

Usage: python -m scripts.check_content [docs_dir]

Prints one `file:line:col: [rule] message Gợi ý: hint` line per finding and
exits 1 if there is any. The build hook `hooks/content_gate.py` runs the same
checks, so a bad page can never reach `site/`. Every rule id is explained, with
its fix, in CONTRIBUTING.md.

Files that pymdownx.snippets adds to pages are checked too, where mkdocs.yml
says: every `auto_append` file is a glossary, appended to every page, so it
may hold only `*[TERM]: definition` lines (rule `glossary`, read with
Python-Markdown's abbr extension itself), and files pages include with
`--8<--` get the rules about text (not those about a whole page).

Structure comes from real parsers: markdown-it-py (with the admonition and
front-matter plugins, so it reads the same blocks as Python-Markdown here) for
headings and code blocks, and Python's `html.parser` for raw HTML. Code blocks
and code spans are masked out first, so text shown as code is never checked.
"""

from __future__ import annotations

import argparse
import functools
import html
import html.parser
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import pathspec
import yaml
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown_it import MarkdownIt
from mkdocs.utils.meta import get_data
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from pymdownx.snippets import SnippetExtension, SnippetPreprocessor

from scripts import provision_check
from vanban import front_matter, layout
from vanban.dates import impossible_dates
from vanban.findings import Finding
from vanban.nav import nav_pages

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"

# Every rule id this checker reports; CONTRIBUTING.md explains each one.
RULE_IDS = (
    front_matter.RULE, "nfc", "tab", "trailing-space", "double-space", "unsafe-html",
    "http-link", "image-alt", "heading-skip", "footnote", "star-mark", "date", layout.HEADER,
    layout.SIGNATURE, "glossary", "nav", *provision_check.RULE_IDS,
)


# Raw HTML elements that run code or load another document into the page.
UNSAFE_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet",
                         "base", "meta", "link"})
_SCRIPT_URL = re.compile(r"(?:java|vb)script\s*:", re.I)
_CONTROL = re.compile(r"[\x00-\x20]+")


# --- one parse per page, shared by every rule ---------------------------------------------

@dataclass(frozen=True)
class StartTag:
    """One raw HTML start tag: name, attributes (unescaped), position, source text."""

    name: str
    attrs: tuple[tuple[str, str | None], ...]
    line: int
    col: int
    text: str

    def attr_position(self, name: str) -> tuple[int, int]:
        """1-based line and column of attribute `name` inside this tag."""
        match = re.search(rf"[\s/]({re.escape(name)})(?=[\s=/>])", self.text, re.I)
        offset = match.start(1) if match else 0
        before = self.text[:offset]
        if "\n" in before:
            return self.line + before.count("\n"), offset - before.rfind("\n")
        return self.line, self.col + offset


@dataclass
class Source:
    """A page's text as the rules see it."""

    text: str
    lines: list[str]
    masked: list[str]  # code blocks emptied, code spans filled with "x": same columns
    code_lines: frozenset[int]  # 1-based numbers of lines inside code blocks
    fence_lines: frozenset[int]  # the same, fenced (```) blocks only
    headings: list[tuple[int, int, int]]  # (level, line, col)
    tags: list[StartTag] = field(default_factory=list)


_MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin).use(admon_plugin)
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)


class _TagCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[StartTag] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        self.tags.append(StartTag(tag, tuple(attrs), line, offset + 1, self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag


@functools.lru_cache(maxsize=64)
def analyse(text: str) -> Source:
    """Parse a page once; every rule reads the result."""
    lines = text.split("\n")
    code_lines: set[int] = set()
    fence_lines: set[int] = set()
    headings: list[tuple[int, int, int]] = []
    for token in _MARKDOWN.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            code_lines.update(range(token.map[0] + 1, token.map[1] + 1))
            if token.type == "fence":
                fence_lines.update(range(token.map[0] + 1, token.map[1] + 1))
        elif token.type == "heading_open" and token.map:
            line = token.map[0] + 1
            source_line = lines[line - 1]
            col = len(source_line) - len(source_line.lstrip()) + 1
            headings.append((int(token.tag[1]), line, col))
    blanked = "\n".join("" if number in code_lines else line for number, line in enumerate(lines, start=1))
    masked_text = _CODE_SPAN.sub(
        lambda m: m.group(1) + re.sub(r"[^\n]", "x", m.group(2)) + m.group(1), blanked)
    collector = _TagCollector()
    collector.feed(masked_text)
    collector.close()
    return Source(text, lines, masked_text.split("\n"), frozenset(code_lines), frozenset(fence_lines),
                  headings, collector.tags)


def _position(lines: list[str], offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in the joined lines."""
    for number, line in enumerate(lines, start=1):
        if offset <= len(line):
            return number, offset + 1
        offset -= len(line) + 1
    return len(lines), 1


# --- rules: each reads (path, text) and yields findings ------------------------------------

def check_nfc(path: Path, text: str) -> Iterable[Finding]:
    """Vietnamese text must be NFC: the same word must have the same bytes."""
    for number, line in enumerate(text.splitlines(), start=1):
        if unicodedata.is_normalized("NFC", line):
            continue
        col = next((i for i, ch in enumerate(line, start=1) if unicodedata.combining(ch)), 1)
        yield Finding(path, number, col, "nfc", "Chữ tiếng Việt chưa ở dạng dựng sẵn (NFC).",
                      "gõ lại từ này với bộ gõ đặt ở bảng mã Unicode dựng sẵn.")


_LINE_START = re.compile(r"[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+|>[ \t]*)*")
_DOUBLE_SPACE = re.compile(r"(?<=[^\s|]) {2,}(?=[^\s|])")


def check_whitespace(path: Path, text: str) -> Iterable[Finding]:
    """Tabs (outside ``` code), spaces at the end of a line, two spaces between words (outside code)."""
    source = analyse(text)
    for number, (line, masked) in enumerate(zip(source.lines, source.masked), start=1):
        if "\t" in line and number not in source.fence_lines:
            yield Finding(path, number, line.index("\t") + 1, "tab", "Dòng có ký tự tab.",
                          "thay tab bằng dấu cách; thụt lề trong danh sách hay khung ghi chú dùng 4 dấu cách.")
        if number in source.code_lines:
            continue
        stripped = line.rstrip(" \t")
        if stripped != line:
            yield Finding(path, number, len(stripped) + 1, "trailing-space", "Có dấu cách thừa ở cuối dòng.",
                          "xóa các dấu cách ở cuối dòng; muốn xuống dòng thì để một dòng trống giữa hai đoạn.")
        start = _LINE_START.match(masked).end()
        for match in _DOUBLE_SPACE.finditer(masked, start):
            yield Finding(path, number, match.start() + 1, "double-space", "Có hai dấu cách liền nhau.",
                          "chỉ để một dấu cách giữa hai từ.")


_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.\w][^{}\n]*\}")
_EVENT_ATTR = re.compile(r"(?<![\w-])(on[a-z]+)\s*=", re.I)


def check_unsafe_html(path: Path, text: str) -> Iterable[Finding]:
    """Raw HTML that can run code: script-like tags, on* handlers, javascript: URLs."""
    source = analyse(text)
    url_message = ("Không được dùng liên kết 'javascript:': nó chạy mã khi người đọc bấm vào.",
                   "dẫn tới một trang thật bằng liên kết https://, hoặc xóa liên kết.")
    reported: set[tuple[int, int]] = set()
    for number, line in enumerate(source.masked, start=1):
        for match in _SCRIPT_URL.finditer(line):
            reported.add((number, match.start() + 1))
            yield Finding(path, number, match.start() + 1, "unsafe-html", *url_message)
        # attr_list ({ onclick=... }) writes attributes straight into the HTML.
        for attr_list in _ATTR_LIST.finditer(line):
            for match in _EVENT_ATTR.finditer(attr_list.group()):
                yield _event_finding(path, number, attr_list.start() + match.start() + 1, match.group(1))
    for tag in source.tags:
        if tag.name in UNSAFE_TAGS:
            yield Finding(
                path, tag.line, tag.col, "unsafe-html",
                f"Không được dùng thẻ <{tag.name}>: thẻ này có thể chạy mã hoặc nhúng trang khác vào trang.",
                "xóa thẻ; muốn dẫn tới video, bản đồ hay tệp ở nơi khác thì đặt một liên kết https:// tới đó.")
        for name, value in tag.attrs:
            line, col = tag.attr_position(name)
            if name.startswith("on"):
                yield _event_finding(path, line, col, name)
            elif value and _SCRIPT_URL.match(_CONTROL.sub("", value)) and not _SCRIPT_URL.search(tag.text):
                # Written with character references (java&#115;cript:), so not found above.
                yield Finding(path, line, col, "unsafe-html", *url_message)


def _event_finding(path: Path, line: int, col: int, name: str) -> Finding:
    return Finding(path, line, col, "unsafe-html",
                   f"Không được dùng thuộc tính '{name.lower()}': nó chạy mã khi người đọc thao tác trên trang.",
                   "xóa thuộc tính này.")


_HTTP = re.compile(r"http://", re.I)


def check_http_links(path: Path, text: str) -> Iterable[Finding]:
    """Links must use https://."""
    for number, line in enumerate(analyse(text).masked, start=1):
        for match in _HTTP.finditer(line):
            yield Finding(path, number, match.start() + 1, "http-link",
                          "Liên kết dùng 'http://', không được mã hóa.",
                          "đổi thành 'https://'; nếu trang đích chưa có https, hỏi người quản trị trang.")


_MD_IMAGE = re.compile(r"!\[([^\]]*)\][(\[]")


def check_image_alt(path: Path, text: str) -> Iterable[Finding]:
    """Every image needs a text alternative for readers who cannot see it."""
    source = analyse(text)
    message = ("Hình ảnh thiếu chữ mô tả (alt).",
               "viết một câu ngắn tả hình cho người không xem được, ví dụ ![Sơ đồ tổ chức](so-do.png) "
               "hoặc <img alt=\"Sơ đồ tổ chức\" src=\"so-do.png\">.")
    for number, line in enumerate(source.masked, start=1):
        for match in _MD_IMAGE.finditer(line):
            if not match.group(1).strip():
                yield Finding(path, number, match.start() + 1, "image-alt", *message)
    for tag in source.tags:
        if tag.name == "img" and not (dict(tag.attrs).get("alt") or "").strip():
            yield Finding(path, tag.line, tag.col, "image-alt", *message)


def check_headings(path: Path, text: str) -> Iterable[Finding]:
    """Heading levels go down one at a time: # then ## then ###, never # then ###."""
    previous = 0
    for level, line, col in analyse(text).headings:
        if previous == 0 and level != 1:
            yield Finding(path, line, col, "heading-skip",
                          f"Tiêu đề đầu tiên của trang là cấp {level}, phải là cấp 1.",
                          "bắt đầu trang bằng một tiêu đề '# ...' (cấp 1).")
        elif level > previous + 1 and previous:
            yield Finding(path, line, col, "heading-skip",
                          f"Tiêu đề cấp {level} nhảy cóc: tiêu đề trước nó là cấp {previous}.",
                          f"dùng '{'#' * (previous + 1)}' (cấp {previous + 1}) cho tiêu đề này, "
                          f"hoặc thêm một tiêu đề cấp {previous + 1} phía trên.")
        previous = level


# Footnotes typed as superscript digits or <sup> (as Word prints them) are plain text here: no
# link between the mark and the note. Python-Markdown's footnotes extension makes real ones.
_SUPERSCRIPT_NOTE = re.compile(r"(?<![0-9mM])[¹²³⁴⁵⁶⁷⁸⁹⁰]+|<sup>\s*\d+\s*</sup>", re.I)


def check_footnotes(path: Path, text: str) -> Iterable[Finding]:
    """A footnote written `¹` or `<sup>1</sup>` should be `[^1]` (m², 10<sup>6</sup> are not notes)."""
    source = analyse(text)
    for number, line in enumerate(source.masked, start=1):
        for match in _SUPERSCRIPT_NOTE.finditer(line):
            if match.group().startswith("<") and match.start() and line[match.start() - 1].isdigit():
                continue
            yield Finding(path, number, match.start() + 1, "footnote",
                          "Chú thích viết bằng số mũ (¹ hoặc <sup>1</sup>) chỉ là chữ thường: không "
                          "có liên kết giữa dấu chú thích và lời chú thích.",
                          "viết dấu chú thích là [^1] trong câu, và lời chú thích ở cuối trang trên một "
                          "dòng riêng bắt đầu bằng [^1]: (ví dụ '[^1]: Theo Luật Ngân sách nhà nước.').")


# Text in a page that is not running text: URLs, link targets, raw HTML tags and
# comments, attribute lists. Blanked (same length) before dates are read, so a
# file name or an address with numbers in it is never taken for a date.
_NOT_RUNNING_TEXT = re.compile(
    r"<!--.*?-->"  # HTML comment
    r"|<[A-Za-z/][^<>]*>"  # HTML tag
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"  # ](link target "title")
    r"|^[ \t]*\[[^\]\n]+\]:[ \t]*\S+"  # [reference]: target
    r"|[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"')\]]*"  # bare URL
    r"|\{:?[ \t]*[#.\w][^{}\n]*\}",  # { #id .class } attribute list
    re.S | re.M)
# Front-matter keys whose value is a date: the front-matter rule checks them.
_FRONT_MATTER_DATE = re.compile(r"^[ \t]*(?:%s)[ \t]*:" % "|".join(
    re.escape(key) for key, spec in front_matter.DOCUMENT_KEYS.items() if spec.kind == "date"))


def check_dates(path: Path, text: str) -> Iterable[Finding]:
    """Dates in running text must exist: no 29/02/2023, 31/4/2024, tháng 13 (vanban.dates reads them)."""
    source = analyse(text)
    running = _NOT_RUNNING_TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), "\n".join(source.masked))
    front = front_matter.FRONT_MATTER_RE.match(text)
    front_lines = front.group().count("\n") if front else 0
    for mention in impossible_dates(running):
        line, col = _position(source.masked, mention.start)
        if line <= front_lines and _FRONT_MATTER_DATE.match(source.lines[line - 1]):
            continue
        written = " ".join(mention.written.split())
        yield Finding(path, line, col, "date", f"Ngày '{written}' không có thật: {mention.problem}.",
                      "đối chiếu với văn bản gốc rồi sửa ngày, tháng hoặc năm cho đúng (tháng 4, 6, 9, 11 "
                      "có 30 ngày; tháng 2 có 28 ngày, 29 ngày vào năm nhuận).")


def check_pasted_layout(path: Path, text: str) -> Iterable[Finding]:
    """A document page's header (quốc hiệu, cơ quan, số, địa danh and date, tên loại, trích yếu,
    Kính gửi) or closing (Nơi nhận, signature) typed into its body: the page draws them from front
    matter (overrides/partials/the-thuc.html). Rules `pasted-header` and `pasted-signature`,
    recognised by vanban.layout, each with the front-matter key to use instead."""
    match = front_matter.FRONT_MATTER_RE.match(text)
    try:
        meta = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return  # the front-matter rule reports it
    if not isinstance(meta, dict) or not isinstance(meta.get("document"), dict):
        return
    offset = front_matter.body_offset(text)
    for part in layout.find(analyse(text).masked[offset:], meta["document"], offset + 1):
        yield Finding(path, part.line, part.col, part.rule, part.message, part.hint)


# Rules that read a page's text; each yields findings.
# "(*)" marks items in Vietnamese documents ("nhiệm vụ trọng tâm (*)"); in Markdown two of
# them make the text between italic and the stars vanish.
_STAR_MARK = re.compile(r"\((\*+)\)")


def check_star_marks(path: Path, text: str) -> Iterable[Finding]:
    """A literal "(*)" must be written "(\\*)": unescaped, stars start emphasis."""
    for number, line in enumerate(analyse(text).masked, start=1):
        for match in _STAR_MARK.finditer(line):
            stars = match.group(1)
            yield Finding(path, number, match.start() + 1, "star-mark",
                          f"Dấu '({stars})' sẽ bị hiểu là chữ nghiêng: các dấu * biến mất và phần chữ "
                          "giữa hai dấu thành chữ nghiêng.",
                          f"viết '({stars.replace('*', chr(92) + '*')})' (thêm dấu \\ trước mỗi dấu *) "
                          "để trang hiện đúng dấu sao.")


TEXT_RULES: list[Callable[[Path, str], Iterable[Finding]]] = [
    check_nfc,
    check_whitespace,
    check_unsafe_html,
    check_http_links,
    check_image_alt,
    check_headings,
    check_footnotes,
    check_star_marks,
    check_dates,
    check_pasted_layout,
]


# --- site-level rule: every page is in the nav ---------------------------------------------

class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running it: `!ENV`, `!!python/name:` and other tags become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config_text: str) -> dict:
    """An mkdocs.yml's text as data, tags left unresolved (None)."""
    return yaml.load(config_text, Loader=_TolerantLoader) or {}


def parse_nav(config_text: str) -> list | None:
    """The `nav` of an mkdocs.yml's text, or None when it has none (then MkDocs lists every page)."""
    return read_config(config_text).get("nav")


def load_nav(config: Path) -> list | None:
    """The `nav` of an mkdocs.yml file."""
    return parse_nav(config.read_text(encoding="utf-8"))


def not_in_nav_spec(value: object) -> pathspec.gitignore.GitIgnoreSpec | None:
    """MkDocs' `not_in_nav` as MkDocs reads it (gitignore patterns), from mkdocs.yml's text or
    the loaded config's PathSpec."""
    if value is None or isinstance(value, pathspec.gitignore.GitIgnoreSpec):
        return value
    return pathspec.gitignore.GitIgnoreSpec.from_lines(str(value).splitlines())


def check_nav(paths: Iterable[Path], docs_dir: Path, nav: list | None, not_in_nav: object = None) -> list[Finding]:
    """A page missing from the nav is built but no reader can reach it. The one exception agrees
    with MkDocs: a document's page (front matter `document:`) that `not_in_nav` matches, since the
    archive list (vanban/archive.py) leads to every document. Any other page `not_in_nav`
    matches is unreachable too, though MkDocs would not say so."""
    if nav is None:
        return []
    listed = nav_pages(nav)
    exempt = not_in_nav_spec(not_in_nav)
    findings = []
    for path in paths:
        relative = path.resolve().relative_to(docs_dir.resolve()).as_posix()
        if relative in listed:
            continue
        if exempt is not None and exempt.match_file(relative):
            meta = get_data(path.read_text(encoding="utf-8"))[1]
            if isinstance(meta.get("document"), dict):
                continue
            findings.append(Finding(path, 1, 1, "nav", "Trang không có trong mục lục (nav) và không phải "
                                    "trang văn bản (không có nhóm 'document:') nên danh mục văn bản cũng "
                                    "không liệt kê: người đọc không tìm thấy.",
                                    f"thêm dòng '- Tiêu đề: {relative}' vào phần nav của mkdocs.yml, hoặc "
                                    "thêm nhóm 'document:' nếu đây là một văn bản."))
            continue
        findings.append(Finding(path, 1, 1, "nav", "Trang chưa có trong mục lục (nav) của mkdocs.yml "
                                "nên người đọc không tìm thấy.",
                                f"thêm dòng '- Tiêu đề: {relative}' vào phần nav của mkdocs.yml; "
                                "văn bản mới thì tạo bằng python -m scripts.new_document (văn bản "
                                "nằm trong docs/van-ban/ và không cần dòng nào trong nav)."))
    return findings


# --- files that pymdownx.snippets adds to pages --------------------------------------------

SNIPPETS = "pymdownx.snippets"

# Rules for a file a page includes: those of the page text, less the ones about
# a whole page (front matter, first heading, footnotes, provisions).
INCLUDE_RULES: list[Callable[[Path, str], Iterable[Finding]]] = [
    check_nfc,
    check_whitespace,
    check_unsafe_html,
    check_http_links,
    check_image_alt,
    check_dates,
]


@dataclass(frozen=True)
class Snippets:
    """The pymdownx.snippets setting of a site: its options as in mkdocs.yml and the
    folder relative base paths start from (the one holding mkdocs.yml)."""

    options: dict
    root: Path

    @classmethod
    def from_config(cls, config: dict, root: Path) -> Snippets | None:
        """From an mkdocs.yml read as data (`read_config`); None when the site does not use snippets."""
        for item in config.get("markdown_extensions") or []:
            if item == SNIPPETS:
                return cls({}, root)
            if isinstance(item, dict) and SNIPPETS in item:
                return cls(dict(item[SNIPPETS] or {}), root)
        return None


class _IncludeFinder(SnippetPreprocessor):
    """The snippets preprocessor itself, noting every file it reads instead of guessing its syntax."""

    def __init__(self, snippets: Snippets) -> None:
        options = dict(snippets.options)
        bases = options.get("base_path", ["."])
        bases = [bases] if isinstance(bases, (str, os.PathLike)) else bases
        # A relative base path starts at the project root (MkDocs runs from there).
        # Missing files and URLs are the build's business (check_paths fails it).
        options.update(base_path=[str(snippets.root / base) for base in bases], auto_append=[],
                       check_paths=False, url_download=False)
        super().__init__(SnippetExtension(**options).getConfigs(), markdown.Markdown())
        self.appended_names = list(snippets.options.get("auto_append") or [])
        self.found: list[Path] = []

    def get_snippet_path(self, path: str) -> str | None:
        snippet = super().get_snippet_path(path)
        if snippet:
            self.found.append(Path(os.path.normpath(snippet)))
        return snippet

    def included(self, text: str) -> list[Path]:
        """Every file (nested ones too) that the snippets in `text` bring in, in order."""
        self.found = []
        self.run(text.split("\n"))
        return list(dict.fromkeys(self.found))

    def appended(self) -> list[Path]:
        """The `auto_append` files, then the files they include: what is added to an empty page."""
        self.auto_append, self.found = self.appended_names, []
        try:
            self.run([])
        finally:
            self.auto_append = []
        return list(dict.fromkeys(self.found))


def included_files(pages: Iterable[Path], snippets: Snippets | None) -> tuple[list[Path], list[Path]]:
    """(glossary files: appended to every page; other files the pages include), pages themselves left out."""
    if snippets is None:
        return [], []
    finder = _IncludeFinder(snippets)
    pages = [page.resolve() for page in pages]
    glossaries = [path for path in finder.appended() if path.resolve() not in pages]
    known = set(pages) | {path.resolve() for path in glossaries}
    others: list[Path] = []
    for page in pages:
        for path in finder.included(page.read_text(encoding="utf-8")):
            if path.resolve() not in known:
                known.add(path.resolve())
                others.append(path)
    return glossaries, others


_ABBR = AbbrBlockprocessor.RE  # the line Python-Markdown's abbr extension reads as a definition
_BULLET = re.compile(r"[ \t]*[*+-](?P<space>[ \t]+)\[")
_GLOSSARY_EXAMPLE = "*[UBND]: Ủy ban nhân dân"
_REMOVES = ('""', "''")  # abbr reads `*[TERM]: ""` as "forget TERM", not as a definition


def render_glossary(text: str) -> str:
    """`text` rendered as the site renders the glossary (Python-Markdown + abbr): HTML."""
    return markdown.Markdown(extensions=["abbr"]).convert(text).strip()


def visible_text(rendered: str) -> str:
    """The text readers see of rendered HTML, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", rendered)).split())


def check_glossaries(paths: Iterable[Path]) -> list[Finding]:
    """Glossary files (appended to every page) must hold only `*[TERM]: definition` lines, each term once.

    A line is a definition when the abbr extension's own pattern reads it as one
    with a term and a definition. Any other line, blank ones included, is
    reported; what it would show is taken from rendering the file as the site
    does, which must give nothing at all.
    """
    findings: list[Finding] = []
    defined: dict[str, tuple[Path, int]] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        rendered = render_glossary(text)
        shown = visible_text(rendered)
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the newline ending the last line
        before = len(findings)
        continued = False
        for number, line in enumerate(lines, start=1):
            if continued:  # the definition of the line above
                continued = False
                continue
            match = _ABBR.match(line)
            term = match.group("abbr").strip() if match else ""
            meaning = match.group("title").strip() if match else ""
            following = lines[number] if number < len(lines) else ""
            if term and not meaning and following.strip() and not _ABBR.match(following):
                # The abbr pattern reads the definition from the next line: it works, but say so.
                meaning = _ABBR.match(f"{line}\n{following}").group("title").strip()
                continued = True
                findings.append(Finding(
                    path, number, match.start("abbr") + 1, "glossary",
                    f"Nghĩa của thuật ngữ '{term}' nằm ở dòng dưới.",
                    f"nối hai dòng làm một: {line.rstrip()} {following.strip()}"))
            elif not (term and meaning):
                findings.append(_glossary_line_finding(path, number, line, match, shown))
                continue
            if meaning in _REMOVES:
                findings.append(_glossary_line_finding(path, number, line, match, shown))
            elif term in defined:
                first_path, first_line = defined[term]
                first = f"dòng {first_line}" if first_path == path else f"{first_path} dòng {first_line}"
                this = f"dòng {number}" if first_path == path else f"dòng {number} của tệp này"
                findings.append(Finding(
                    path, number, match.start("abbr") + 1, "glossary",
                    f"Thuật ngữ '{term}' được định nghĩa hai lần: {first} và {this}.",
                    "giữ một dòng và xóa dòng kia (trên trang chỉ nghĩa ở dòng sau cùng được dùng)."))
            else:
                defined[term] = (path, number)
        if len(findings) == before and rendered:
            # Every line reads as a definition, yet the file renders to something: say what.
            findings.append(Finding(path, 1, 1, "glossary",
                                    f"Tệp thuật ngữ thêm «{shown or rendered}» vào cuối mọi trang.",
                                    f"mỗi dòng của tệp là một thuật ngữ dạng {_GLOSSARY_EXAMPLE}."))
    return findings


def _glossary_line_finding(path: Path, number: int, line: str, match: re.Match | None, shown: str) -> Finding:
    """A glossary line that defines nothing; `shown` is the visible text of the whole file."""
    if not line.strip():
        return Finding(path, number, 1, "glossary", "Dòng trống trong tệp thuật ngữ.",
                       f"xóa dòng trống: mỗi dòng của tệp là một thuật ngữ dạng {_GLOSSARY_EXAMPLE}.")
    own = visible_text(render_glossary(line))
    shows = f" nên hiện thành chữ «{own}» ở cuối mọi trang" if own and own in shown else ""
    bullet = _BULLET.match(line)
    if bullet:  # "* [HĐND]: ..." is a list item
        mark = line[bullet.start("space") - 1]
        what = f"«{own}»" if own else "trống"
        return Finding(path, number, bullet.start("space") + 1, "glossary",
                       f"Dòng thuật ngữ có dấu cách sau dấu '{mark}' nên thành một gạch đầu dòng {what} "
                       "ở cuối mọi trang.",
                       f"viết liền '*[' không có dấu cách: *{line[bullet.end('space'):]}")
    col = len(line) - len(line.lstrip()) + 1
    if match and match.group("title").strip() in _REMOVES:
        return Finding(path, number, match.start("title") + 1, "glossary",
                       f"Nghĩa {match.group('title').strip()} xóa thuật ngữ '{match.group('abbr').strip()}' "
                       "thay vì định nghĩa nó.",
                       f"viết nghĩa của chữ viết tắt, ví dụ {_GLOSSARY_EXAMPLE}, hoặc xóa dòng này.")
    if match:
        what = "chưa có chữ viết tắt" if not match.group("abbr").strip() else "chưa có nghĩa"
        return Finding(path, number, col, "glossary", f"Dòng thuật ngữ {what}{shows}.",
                       f"viết đủ chữ viết tắt và nghĩa, ví dụ {_GLOSSARY_EXAMPLE}.")
    return Finding(path, number, col, "glossary",
                   f"Dòng này không phải một thuật ngữ dạng *[VIẾT TẮT]: nghĩa{shows}.",
                   f"viết liền, mỗi thuật ngữ một dòng: {_GLOSSARY_EXAMPLE}; xóa các dòng khác.")


def check_includes(pages: Iterable[Path], snippets: Snippets | None) -> list[Finding]:
    """Findings for every file pymdownx.snippets adds to the pages: the glossaries
    appended to every page (`auto_append`: each such file must render to nothing)
    and files pages include (`--8<--`), each checked once, pages themselves not."""
    glossaries, others = included_files(pages, snippets)
    findings = check_glossaries(glossaries)
    for path in [*glossaries, *others]:
        text = path.read_text(encoding="utf-8")
        for rule in INCLUDE_RULES:
            findings.extend(rule(path, text))
    return findings


# --- entry points --------------------------------------------------------------------------

def check_page(path: Path, docs_dir: Path, *, provisions: bool = True,
               documents: frozenset[str] | None = None) -> list[Finding]:
    """All findings for one page. `provisions`: also render it as the site does and report the
    structural findings of its provisions (the build reports those itself: hooks/provisions.py).
    `documents`: the số ký hiệu of the site's documents (read from `docs_dir` when not given)."""
    text = path.read_text(encoding="utf-8")
    findings = front_matter.check_file(path, docs_dir)
    for rule in TEXT_RULES:
        findings.extend(rule(path, text))
    if not any(f.rule == front_matter.RULE for f in findings):
        if documents is None:
            documents = provision_check.site_documents(docs_dir)
        findings.extend(provision_check.check_references(path, documents))
        if provisions:
            config = docs_dir.parent / "mkdocs.yml"
            findings.extend(provision_check.check_page(path, docs_dir, config if config.is_file() else CONFIG))
    return sorted(findings)


_DEFAULT = object()


def check_pages(paths: Iterable[Path], docs_dir: Path, nav: object = _DEFAULT,
                snippets: object = _DEFAULT, *, provisions: bool = True,
                not_in_nav: object = _DEFAULT) -> list[Finding]:
    """Findings for every page, pages missing from `nav`, the files snippets add to pages,
    references (`part_of`, `about`) to documents the site does not have and, with `provisions`,
    the structure of documents and the register of published ids.

    `nav` and `not_in_nav` are the MkDocs settings and `snippets` the pymdownx.snippets one
    (`Snippets`, None: not used); by default all are read from the mkdocs.yml
    next to `docs_dir` (no such file: those checks are skipped).
    """
    paths = sorted(paths)
    config_file = docs_dir.parent / "mkdocs.yml"
    config = read_config(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    if nav is _DEFAULT:
        nav = config.get("nav")
    if not_in_nav is _DEFAULT:
        not_in_nav = config.get("not_in_nav")
    if snippets is _DEFAULT:
        snippets = Snippets.from_config(config, config_file.parent)
    documents = provision_check.site_documents(docs_dir)
    findings = [finding for path in paths
                for finding in check_page(path, docs_dir, provisions=provisions, documents=documents)]
    findings += check_includes(paths, snippets)  # type: ignore[arg-type]
    if provisions and config_file.is_file() and not findings:
        findings += provision_check.check_register(paths, docs_dir, config_file)
    return sorted(findings + check_nav(paths, docs_dir, nav, not_in_nav))  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", nargs="?", type=Path, default=DOCS_DIR)
    args = parser.parse_args(argv)
    pages = args.docs_dir.rglob("*.md")
    findings = check_pages(pages, args.docs_dir)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} lỗi nội dung. Sửa các dòng trên rồi chạy lại.", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
