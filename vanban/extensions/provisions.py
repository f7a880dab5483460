"""Python-Markdown extension: a document's provisions, read from its printed markers.

A document page is written the way the document is printed (`I.`, `1.`, `2.1.`, `a)`, `đ)`,
`-`, `+`, `Điều 1.`, `PHỤ LỤC`), and this extension finds its structure in the parsed page, as
`../shared/PROVISIONS.md` specifies: every provision gets an Akoma Ntoso eId (`cl_1__point_a`) as
its element's `id` and `data-eid`, and its printed label, kept exactly as printed, becomes its
permalink (`<a class="provision-label" href="#cl_1__point_a" aria-label="Liên kết đến điểm a
khoản 1">a)</a>`). Lines typed one under the other become separate provisions, an ordered list
keeps its printed numbers, `+` items nest under their `-` item.

Which pages: a page whose front matter has `document:` (its text) or `part_of:` (part of one);
the page's metadata comes from Zensical's rendering context, from `ProvisionsExtension.page` (set
by the MkDocs adapter `hooks/provisions.py`) or from the `document` option. Other pages are left
as they are.

Phases (the pattern of pymdownx.fancylists): list processors note each item's printed marker; a
tree processor before inline parsing (priority 22) reads markers from the raw text, splits
paragraphs at marker lines, builds the tree with `vanban.outline.Outline` and marks elements with
private attributes; a tree processor at priority 6 (after `attr_list` at 8, so a hand-written
`{ #id }` is kept as an alias anchor; before `toc` and MkDocs' anchor collection at 5) writes ids,
labels and aliases, and removes the private attributes.

On a document's own page whose front matter gives a closing ("Nơi nhận", a signature: the keys
`noi_nhan`, `quyen_han`, `chuc_vu`, `nguoi_ky`), an empty `<div class="doc-footer-slot"></div>`
marks where the document's text ends: before its first attachment (and a rule just above it) or
its footnotes, else at the end. The official layout puts "Nơi nhận" and the signature there
(overrides/main.html, hooks/print_layout.py): on paper they close the text, above any phụ lục.

Results for callers (like `toc_tokens`): `md.provisions` (list of dicts: eid, type, num, label,
name, parent, line, col, text) and `md.provision_issues` (dicts: rule, message, hint, line, col),
lines counted in the Markdown given to `convert` (front matter already removed by MkDocs and
Zensical); also kept per page in `ProvisionsExtension.pages`.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.blockprocessors import OListProcessor, UListProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from vanban.citation import cite
from vanban.markers import DASHES, SUB_DASH, Lead, Marker, read_marker
from vanban.outline import Issue, Outline, Provision
from vanban.register import aliases_for

# The printed marker of a list item travels from the list processor to the tree processor at the
# start of the item's text, between these two characters (never in a document's text).
_MARK, _END = "\x07", "\x08"  # not white space: Python-Markdown strips that
_SENTINEL = re.compile(f"^{_MARK}([^{_END}]*){_END}")

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Blocks whose content is never read for markers (PROVISIONS.md §3, §5).
_SKIP_TAGS = frozenset({"pre", "code", "table", "blockquote", "hr", "details", "script", "style"})
_SKIP_CLASSES = frozenset({"admonition", "footnote", "doc-properties"})
_PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")
_ONLY_PLACEHOLDER = re.compile("^\\s*(?:\x02wzxhzdk:\\d+\x03\\s*)+$")

# Around a marker: emphasis, or a link holding the marker ([a)](#x){ .clause-label }).
_EMPHASIS = re.compile(r"(?:\*\*|__|\*|_)*")
_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\((?P<href>[^)\n]*)\)(?P<attr>\{[^}\n]*\})?")
# A line ends a sentence or a clause (so the next line may start a provision).
_SENTENCE_END = re.compile(r"[.;:!?](?:[*_)\]\"”’' \t]*)$")
# An attachment's heading is followed by "(Ban hành) kèm theo …" (PROVISIONS.md §2).
_ISSUED_WITH = re.compile(r"^[\s*_(\[]*(?:ban hành\s+)?kèm theo\b", re.I)
_CLOSING_START = re.compile(r"^(?:Trên đây|Nơi nhận|(?:TM|KT|TL|TUQ|Q)\.[ \u00a0])", re.I)
_CLOSING_END = re.compile(r"\./\.$")

LABEL_CLASS = "provision-label"
# Where the document's text ends (see the module docstring); templates replace this exact markup.
FOOTER_SLOT_CLASS = "doc-footer-slot"
FOOTER_SLOT = f'<div class="{FOOTER_SLOT_CLASS}"></div>'
# Front-matter keys of the closing the official layout draws in that slot.
CLOSING_KEYS = ("noi_nhan", "quyen_han", "chuc_vu", "nguoi_ky")
ALIAS_CLASS = "eid-alias"
_KEYS = ("__vb", "__vb_owner", "__vb_split")


@dataclass
class PageProvisions:
    """What the extension found on one page."""

    provisions: list[Provision] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    document: bool = False


# --- block phase: remember each list item's printed marker ------------------------------------

def _printed_items(processor: OListProcessor, block: str) -> list[str]:
    """`OListProcessor.get_items` (Python-Markdown 3.x), keeping each item's printed marker."""
    items: list[str] = []
    for line in block.split("\n"):
        match = processor.CHILD_RE.match(line)
        if match:
            if not items and processor.TAG == "ol":
                processor.STARTSWITH = re.match(r"(\d+)", match.group(1)).group()
            items.append(f"{_MARK}{match.group(1)}{_END}{match.group(3)}")
        elif processor.INDENT_RE.match(line):
            if items[-1].startswith(" " * processor.tab_length):
                items[-1] = f"{items[-1]}\n{line}"
            else:
                items.append(line)
        else:
            items[-1] = f"{items[-1]}\n{line}"
    return items


class PrintedOListProcessor(OListProcessor):
    """Ordered lists whose items remember the number printed in the source (`4.` stays `4.`)."""

    def get_items(self, block: str) -> list[str]:
        return _printed_items(self, block)


class PrintedUListProcessor(UListProcessor):
    """Unordered lists whose items remember their bullet (`-`, `+`, `*`)."""

    def get_items(self, block: str) -> list[str]:
        return _printed_items(self, block)


class SourcePreprocessor(Preprocessor):
    """Keeps the Markdown as given, before any other preprocessor, to locate provisions in it."""

    def __init__(self, md: Markdown, state: dict[str, Any]) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state["source"] = list(lines)
        return lines


# --- reading markers in raw inline text -------------------------------------------------------

@dataclass(frozen=True)
class RawLead:
    """A marker found at the start of a piece of raw inline Markdown."""

    lead: Lead
    rest: str  # the raw text with the marker (and emphasis or link only around it) removed


def read_raw(raw: str) -> RawLead | None:
    """The marker at the start of raw inline Markdown, seen through emphasis around it or around the
    whole lead (`**Điều 1.** …`, `**1. Về …**`) and a link around it (`[a)](#x){ .clause-label }`).
    The text is read, and returned, in NFC."""
    raw = unicodedata.normalize("NFC", raw)
    indent = len(raw) - len(raw.lstrip(" \t"))
    opening = _EMPHASIS.match(raw, indent)
    pre = opening.group()
    position = opening.end()
    link = _LINK.match(raw, position)
    if link:
        lead = read_marker(link.group("text"))
        if lead is None or lead.end != len(link.group("text").rstrip()):
            return None
        after = link.end()
    else:
        lead = read_marker(raw[position:])
        if lead is None:
            return None
        after = position + lead.end
    closing = _EMPHASIS.match(raw, after)
    post = closing.group()
    if pre and post == pre:
        kept, after = "", closing.end()
    else:
        kept = pre
    rest = raw[after:].lstrip(" \u00a0\t")
    return RawLead(lead, kept + rest if rest or not kept else "")


_EMPHASIS_CHARS = str.maketrans("", "", "*_")


def _plain(raw: str) -> str:
    """Raw inline Markdown as a reader sees it, roughly: for closing and attachment tests."""
    if "[" not in raw and "{" not in raw and "\x02" not in raw:
        return raw.translate(_EMPHASIS_CHARS).strip()
    text = _LINK.sub(lambda m: m.group("text"), raw)
    text = re.sub(r"\{[^}\n]*\}\s*$", "", text)
    return re.sub(r"[*_]+", "", _PLACEHOLDER.sub("", text)).strip()


def is_closing(raw: str) -> bool:
    """An unmarked paragraph that closes the body (PROVISIONS.md §5): it ends `./.` or begins
    "Trên đây"; "Nơi nhận" and a signature line (TM., KT., TL., TUQ., Q.) close it too."""
    text = _plain(raw)
    return bool(_CLOSING_END.search(text) or _CLOSING_START.match(text))


def ends_sentence(line: str) -> bool:
    """A line ending with . ; : ! ? (emphasis, brackets and quotes after it allowed)."""
    return bool(_SENTENCE_END.search(_PLACEHOLDER.sub("", line).rstrip()))


# --- tree phase 1: read the structure before inline parsing ------------------------------------

class ReadTreeprocessor(Treeprocessor):
    """Reads markers from the raw text, splits paragraphs at marker lines, builds the outline."""

    def __init__(self, md: Markdown, extension: ProvisionsExtension, state: dict[str, Any]) -> None:
        super().__init__(md)
        self.extension = extension
        self.state = state

    def run(self, root: etree.Element) -> None:
        document, partial = self.extension.page_mode(self.md)
        self.state.update(document=document, outline=None, suspects=[], lines={})
        if not document:
            for element in root.iter():
                _take_sentinel(element)
            return
        self.outline = Outline(partial=partial)
        self.state["outline"] = self.outline
        self.last_dash: Provision | None = None
        self.first_attachment: etree.Element | None = None
        self.walk(root)
        if not partial and self.extension.closes_with_layout(self.md):
            _place_footer_slot(root, self.first_attachment)
        for element in root.iter("li"):  # lists in blocks that are never read (admonitions, tables)
            _take_sentinel(element)

    # A block is handled by its tag; `under` is the provision a nested list belongs to.
    def walk(self, parent: etree.Element, under: Provision | None = None) -> None:
        children = list(parent)
        for index, element in enumerate(children):
            if _skipped(element):
                continue
            if element.tag in _HEADINGS:
                following = children[index + 1] if index + 1 < len(children) else None
                self.heading(element, following)
            elif element.tag == "p":
                self.paragraph(parent, element)
            elif element.tag in ("ul", "ol"):
                self.items(element, under)
            else:
                self.walk(element, under)

    def heading(self, heading: etree.Element, following: etree.Element | None) -> None:
        self.last_dash = None
        raw = heading.text or ""
        found = read_raw(raw)
        if found and found.lead.marker.type == "att":
            self.first_attachment = self.first_attachment or heading
            self.mark(heading, self.outline.attachment(found.lead.marker), found, raw)
            return
        issued_with = following is not None and following.tag == "p" and len(following) == 0 \
            and _ISSUED_WITH.match(_plain(following.text or ""))
        if issued_with:
            self.first_attachment = self.first_attachment or heading
            self.mark(heading, self.outline.attachment(None), None, raw)
            return
        if found and found.lead.marker.type != "indent":
            provision = self.outline.add(found.lead.marker)
            if provision is not None:
                self.mark(heading, provision, found, raw)
                return
        self.unmarked(heading, raw)

    def paragraph(self, parent: etree.Element, paragraph: etree.Element) -> None:
        raw = paragraph.text or ""
        if len(paragraph) or not raw.strip() or _ONLY_PLACEHOLDER.match(raw):
            self.unmarked(paragraph, raw)
            return
        pieces = self.segments(raw)
        paragraph.text = pieces[0][0]
        position = list(parent).index(paragraph)
        elements = [paragraph]
        for offset, (text, _) in enumerate(pieces[1:], start=1):
            piece = etree.Element("p")
            piece.text = text
            parent.insert(position + offset, piece)
            elements.append(piece)
        for element, (text, wrapped) in zip(elements, pieces):
            self.block(element, text)
            self.suspect(wrapped)

    def segments(self, raw: str) -> list[tuple[str, list[tuple[str, Marker]]]]:
        """The pieces of a paragraph: a new one at each line that starts with a marker after a line
        that ends a sentence. With each piece, its lines that start with a marker after a line that
        does not (a hard wrap: they stay text)."""
        lines = raw.split("\n")
        pieces: list[tuple[list[str], list[tuple[str, Marker]]]] = [([lines[0]], [])]
        for previous, line in zip(lines, lines[1:]):
            found = read_raw(line)
            if found is not None and ends_sentence(previous):
                pieces.append(([line], []))
                continue
            if found is not None:
                pieces[-1][1].append((line.strip(), found.lead.marker))
            pieces[-1][0].append(line)
        return [("\n".join(text), wrapped) for text, wrapped in pieces]

    def suspect(self, wrapped: list[tuple[str, Marker]]) -> None:
        """Note hard-wrapped lines whose marker is the one a reader would expect next: the editor
        most likely meant a provision there."""
        for line, marker in wrapped:
            if self.outline.started and self.outline.expects(marker):
                self.state["suspects"].append((line, marker, len(self.outline.provisions)))

    def block(self, element: etree.Element, raw: str) -> None:
        """One paragraph (or piece of one): a provision if it starts with a marker, else unmarked."""
        found = read_raw(raw)
        if found is not None and found.lead.marker.type != "att":
            marker = found.lead.marker
            under = None
            if marker.type == "indent" and marker.label == SUB_DASH and self.last_dash is not None:
                under = self.last_dash
            provision = self.outline.add(marker, under=under)
            if provision is not None:
                if marker.type == "indent":
                    if marker.label in DASHES:
                        self.last_dash = provision
                else:
                    self.last_dash = None
                self.mark(element, provision, found, raw)
                return
        self.unmarked(element, raw)

    def unmarked(self, element: etree.Element, raw: str) -> None:
        self.last_dash = None
        if self.outline.started and element.tag == "p" and is_closing(raw):
            self.outline.closing()
            return
        owner = self.outline.unmarked()
        if owner is not None and element.tag == "p":
            element.set("__vb_owner", str(owner.order))

    def items(self, listing: etree.Element, under: Provision | None) -> None:
        """A Markdown list: each item is a provision by its printed marker; `+` items after a `-`
        item move into a list under it (PROVISIONS.md §4)."""
        _nest_sub_items(listing)
        self.last_dash = None
        for item in list(listing):
            if item.tag != "li":
                continue
            printed = _take_sentinel(item)
            provision = None
            found = read_marker(printed) if printed else None
            if found is not None:
                marker = found.marker
                provision = self.outline.add(marker, under=under if marker.type == "indent" else None)
            container = item if (item.text or "").strip() or not len(item) or item[0].tag != "p" else item[0]
            raw = container.text or ""
            if provision is not None:
                self.mark(item, provision, None, raw)
                pieces = self.segments(raw)
                container.text = pieces[0][0]
                self.suspect(pieces[0][1])
                start = 0 if container is item else list(item).index(container) + 1
                for offset, (text, _) in enumerate(pieces[1:]):
                    piece = etree.Element("p")
                    piece.text = text
                    item.insert(start + offset, piece)
            elif (found is None or not self.outline.accepts(found.marker)) and raw.strip():
                pass  # a list before the body or after its closing: not provisions
            for child in list(item):
                if child is container or _skipped(child):
                    continue
                if child.tag in ("ul", "ol"):
                    self.items(child, provision)
                elif child.tag == "p":
                    self.block(child, child.text or "")
                else:
                    self.walk(child, provision)
        self.last_dash = None

    def mark(self, element: etree.Element, provision: Provision, found: RawLead | None, raw: str) -> None:
        """Note a provision on its element; the printed label leaves the raw text (it comes back as
        a link in the second phase)."""
        element.set("__vb", str(provision.order))
        if found is not None:
            text = found.rest
            if element.tag in _HEADINGS or element.tag == "p":
                element.text = text
        self.state["lines"][provision.order] = raw.split("\n", 1)[0].strip()


def _place_footer_slot(root: etree.Element, attachment: etree.Element | None) -> None:
    """The empty element marking where the document's text ends: before the top-level block holding
    its first attachment (and a thematic break right above it) or its footnotes, else last."""
    parents = {child: parent for parent in root.iter() for child in parent}
    stop = attachment
    while stop is not None and parents.get(stop) is not root:
        stop = parents.get(stop)
    slot = etree.Element("div", {"class": FOOTER_SLOT_CLASS})
    children = list(root)
    for index, child in enumerate(children):
        if child is stop or "footnote" in (child.get("class") or "").split():
            if index and children[index - 1].tag == "hr":
                index -= 1
            root.insert(index, slot)
            return
    root.append(slot)


def _skipped(element: etree.Element) -> bool:
    classes = set((element.get("class") or "").split())
    return element.tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)


def _take_sentinel(element: etree.Element) -> str | None:
    """Remove the printed marker the list processors put at the start of an item; return it."""
    if element.tag != "li":
        return None
    holder = element
    if not (element.text or "").strip() and len(element) and element[0].tag == "p":
        holder = element[0]
    match = _SENTINEL.match(holder.text or "")
    if not match and holder is element and len(element) and element[0].tag == "p":
        holder = element[0]
        match = _SENTINEL.match(holder.text or "")
    if not match:
        return None
    holder.text = holder.text[match.end():]
    return match.group(1)


def _bullet(item: etree.Element) -> str:
    holder = item[0] if not (item.text or "").strip() and len(item) and item[0].tag == "p" else item
    match = _SENTINEL.match(holder.text or "")
    return match.group(1) if match else ""


def _nest_sub_items(listing: etree.Element) -> None:
    """`+` items directly after a `-` item (and after each other) become a list inside it, at any
    indentation: Python-Markdown reads `  + x` (two spaces) as a sibling of `- y`."""
    items = [item for item in listing if item.tag == "li"]
    host: etree.Element | None = None
    for item in items:
        bullet = _bullet(item)
        if bullet == SUB_DASH and host is not None:
            nested = host[-1] if len(host) and host[-1].tag == "ul" else etree.SubElement(host, "ul")
            listing.remove(item)
            nested.append(item)
        elif bullet in DASHES:
            host = item
        else:
            host = None


# --- tree phase 2: ids, labels, aliases, results -------------------------------------------------

class WriteTreeprocessor(Treeprocessor):
    """Writes each provision's id, `data-eid`, class and permalink label; moves a hand-written id
    to an alias anchor; adds the register's aliases; collects text and positions."""

    def __init__(self, md: Markdown, extension: ProvisionsExtension, state: dict[str, Any]) -> None:
        super().__init__(md)
        self.extension = extension
        self.state = state

    def run(self, root: etree.Element) -> None:
        outline: Outline | None = self.state.get("outline")
        result = PageProvisions(document=bool(self.state.get("document")))
        self.md.provisions = []  # type: ignore[attr-defined]
        self.md.provision_issues = []  # type: ignore[attr-defined]
        if outline is None:
            self.extension.store(self.md, result)
            return
        aliases = self.extension.aliases(self.md)
        self.names = [cite(provision) for provision in outline.provisions]
        self.parents = {child: parent for parent in root.iter() for child in parent}
        elements: dict[int, etree.Element] = {}
        owned: dict[int, list[etree.Element]] = {}
        for element in root.iter():
            if "__vb" in element.attrib:
                elements[int(element.attrib["__vb"])] = element
            if "__vb_owner" in element.attrib:
                owned.setdefault(int(element.attrib["__vb_owner"]), []).append(element)
        # A provision's own paragraph, also when a container now holds it with its blocks.
        paragraphs: dict[int, etree.Element] = {}
        for provision in outline.provisions:
            element = elements.get(provision.order)
            if element is not None and element.tag == "p":
                paragraphs[provision.order] = element
                elements[provision.order] = self.enclose(element, provision, outline)
        for provision in outline.provisions:
            element = elements.get(provision.order)
            if element is not None:
                self.write(element, provision, aliases.get(provision.eid, ()))
        for provision in outline.provisions:
            element = elements.get(provision.order)
            if element is None:
                continue
            own = paragraphs.get(provision.order, element)
            parts = [_own_text(own)] + [_own_text(block) for block in owned.get(provision.order, ())]
            provision.text = "\n".join(part for part in parts if part)
        for element in root.iter():
            for key in _KEYS:
                element.attrib.pop(key, None)
        result.provisions = outline.provisions
        result.issues = self.issues(outline)
        self.md.provisions = [as_dict(provision, name)  # type: ignore[attr-defined]
                              for provision, name in zip(outline.provisions, self.names)]
        self.md.provision_issues = result.issues  # type: ignore[attr-defined]
        self.extension.store(self.md, result)

    def enclose(self, element: etree.Element, provision: Provision, outline: Outline) -> etree.Element:
        """A provision written as a paragraph, followed by blocks that belong to it (its unmarked
        paragraphs, its dash items, its points): one `div` holds them all, like Akoma Ntoso's
        containers, so that its id and highlight cover the whole provision. Returns the element
        that carries the provision (the paragraph itself when nothing follows)."""
        parent = self.parents.get(element)
        if parent is None:
            return element
        # Descendants follow a provision in reading order, one contiguous run.
        family = {provision.order}
        prefix = provision.eid + "__"
        for node in outline.provisions[provision.order + 1:]:
            if not node.eid.startswith(prefix):
                break
            family.add(node.order)
        siblings = list(parent)
        position = siblings.index(element)
        members = []
        for sibling in siblings[position + 1:]:
            if not _belongs(sibling, family):
                break
            members.append(sibling)
        if not members:
            return element
        box = etree.Element("div")
        box.tail = members[-1].tail
        members[-1].tail = "\n"
        parent.insert(position, box)
        for node in (element, *members):
            parent.remove(node)
            box.append(node)
            self.parents[node] = box
        self.parents[box] = parent
        return box

    def write(self, element: etree.Element, provision: Provision, aliases: tuple[str, ...]) -> None:
        hand_written = element.get("id")
        element.set("id", provision.eid)
        element.set("data-eid", provision.eid)
        classes = (element.get("class") or "").split()
        if "provision" not in classes:
            element.set("class", " ".join([*classes, "provision"]))
        if element.tag == "li":
            listing = self.parents.get(element)
            if listing is not None and "provision-list" not in (listing.get("class") or "").split():
                listing.set("class", " ".join(filter(None, [listing.get("class"), "provision-list"])))
        holder = element
        if element.tag == "div" or element.tag == "li" and not (element.text or "").strip() \
                and len(element) and element[0].tag == "p":
            holder = element[0]
        if provision.label:
            link = etree.Element("a", {"class": LABEL_CLASS, "href": f"#{provision.eid}",
                                       "aria-label": f"Liên kết đến {self.names[provision.order]}"})
            link.text = provision.label
            link.tail = " " + (holder.text or "").lstrip()
            holder.text = None
            holder.insert(0, link)
        # An attachment printed without a label keeps the heading's own permalink (toc's ¶).
        anchors = [name for name in (hand_written, *aliases) if name and name != provision.eid]
        for anchor in reversed(list(dict.fromkeys(anchors))):
            span = etree.Element("span", {"id": anchor, "class": ALIAS_CLASS})
            span.tail = element.text
            element.text = None
            element.insert(0, span)

    def issues(self, outline: Outline) -> list[dict[str, Any]]:
        """The editor's findings, at file lines. Positions are looked up in the source only when
        there is something to report (or `positions` is set): a clean page costs nothing more."""
        empty = [p for p in outline.provisions if p.type != "att" and not p.text.strip() and not p.children]
        if not (outline.issues or empty or self.state.get("suspects") or self.extension.getConfig("positions")):
            return []
        _locate(outline.provisions, self.state.get("source") or [], self.state.get("lines") or {},
                self.extension.line_offset)
        found: list[dict[str, Any]] = []
        for issue in outline.issues:
            found.append(_issue_dict(issue))
        for provision in empty:
            found.append({"rule": "provision-empty", "line": provision.line, "col": provision.col,
                          "message": f"'{provision.label}' không có nội dung.",
                          "hint": "viết nội dung ngay sau số hoặc chữ đánh mục, trên cùng dòng; "
                                  "nếu dòng này thừa thì xóa nó."})
        source = self.state.get("source") or []
        offset = self.extension.line_offset
        for line_text, marker, before in self.state.get("suspects") or []:
            start = outline.provisions[before - 1].line - offset if before else 1
            line, col = _find_line(source, line_text, start)
            line += offset
            found.append({
                "rule": "provision-wrap", "line": line, "col": col,
                "message": f"Dòng bắt đầu bằng '{marker.label}' được đọc là phần tiếp theo của dòng "
                           "trên, không phải một mục mới, vì dòng trên không kết thúc bằng dấu câu "
                           "(. ; : ! ?).",
                "hint": f"nếu '{marker.label}' là một mục mới, thêm dấu câu ở cuối dòng trên hoặc để "
                        "một dòng trống giữa hai dòng; nếu đây là phần tiếp theo của câu, nối hai dòng làm một."})
        return sorted(found, key=lambda item: (item["line"], item["col"]))


def _belongs(block: etree.Element, family: set[int]) -> bool:
    """Whether a block belongs to a provision whose own and descendants' orders are `family`: it
    is one of its provisions or unmarked paragraphs, or (a list, a box) holds one first."""
    for node in block.iter():
        if "__vb" in node.attrib:
            return int(node.attrib["__vb"]) in family
        if "__vb_owner" in node.attrib:
            return int(node.attrib["__vb_owner"]) in family
    return False


def _issue_dict(issue: Issue) -> dict[str, Any]:
    where = issue.provisions[0] if issue.provisions else None
    message = issue.message
    if len(issue.provisions) > 1:
        message = message.replace("{other}", str(issue.provisions[1].line))
    return {"rule": issue.rule, "line": where.line if where else 0, "col": where.col if where else 0,
            "message": message, "hint": issue.hint}


def as_dict(provision: Provision, name: str | None = None) -> dict[str, Any]:
    """A provision as plain data (the shape of `md.provisions` items); `line` and `col` are 0
    unless the page had findings or the `positions` option is set."""
    return {
        "eid": provision.eid, "type": provision.type, "num": provision.marker.num,
        "label": provision.label, "name": name if name is not None else cite(provision),
        "parent": provision.parent.eid if provision.parent else None,
        "line": provision.line, "col": provision.col, "text": provision.text,
    }


_NOT_TEXT = frozenset({LABEL_CLASS, ALIAS_CLASS, "footnote-ref", "headerlink"})


def _own_text(element: etree.Element) -> str:
    """Text of an element without its label, alias anchors, footnote references and nested
    provisions, white space collapsed."""
    parts: list[str] = []

    def visit(node: etree.Element, top: bool) -> None:
        attrib = node.attrib
        if not top and ("__vb" in attrib or "__vb_owner" in attrib or "data-eid" in attrib):
            return
        classes = attrib.get("class")
        if classes and not _NOT_TEXT.isdisjoint(classes.split()):
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            visit(child, False)
            if child.tail:
                parts.append(child.tail)

    visit(element, True)
    text = "".join(parts)
    if "\x02" in text:
        text = _PLACEHOLDER.sub("", text)
    return " ".join(unicodedata.normalize("NFC", text).split())


_BLOCK_PREFIX = re.compile(r"^[ \t>]*(?:#{1,6}[ \t]+|(?:\d+\.|[-*+])[ \t]+)?")


def _normal(text: str) -> str:
    return " ".join(_plain(text).lower().split())


def _locate(provisions: list[Provision], source: list[str], first_lines: dict[int, str], offset: int = 0) -> None:
    """Fill each provision's line and column: the first source line, at or after the previous
    provision's, that starts with its label and the beginning of its text."""
    normal = [_normal(line) for line in source]  # each line read once
    cursor = 0
    for provision in provisions:
        wanted = _normal(first_lines.get(provision.order, ""))[:30]
        words = _normal(" ".join(provision.text.split()[:3]))[:20]
        label = provision.label.casefold()
        for number in range(cursor, len(source)):
            line = normal[number]
            if label and label not in line[:len(label) + 12] \
                    and not _normal(_BLOCK_PREFIX.sub("", source[number])).startswith(label):
                continue
            if words and words not in line and not (wanted and wanted in line):
                continue
            raw = source[number]
            provision.line = number + 1 + offset
            at = raw.find(provision.label) if provision.label else -1
            provision.col = at + 1 if at >= 0 else len(raw) - len(raw.lstrip()) + 1
            cursor = number + 1
            break
        else:
            provision.line, provision.col = (cursor or 1) + offset, 1


def _find_line(source: list[str], text: str, start: int) -> tuple[int, int]:
    for number in range(max(start - 1, 0), len(source)):
        if text and text in source[number]:
            return number + 1, source[number].find(text) + 1
    return max(start, 1), 1


# --- the extension -------------------------------------------------------------------------

class ProvisionsExtension(Extension):
    """Provisions read from printed markers (see the module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "document": [None, "True: read every page as a document's text; False: never; "
                               "None: pages whose metadata has `document` or `part_of`."],
            "register": ["", "Path of the published-id register (archive/clause-ids.txt): its "
                             "aliases become anchors on their provisions."],
            "positions": [False, "Always find each provision's line and column in the source "
                                 "(otherwise only when the page has findings)."],
        }
        super().__init__(**kwargs)
        # Set by an adapter that renders many pages with this one instance (hooks/provisions.py):
        # (page path relative to docs/, page metadata).
        self.page: tuple[str, dict[str, Any]] | None = None
        self.pages: dict[str, PageProvisions] = {}
        self.last: PageProvisions = PageProvisions()
        # Lines of the page's file before the Markdown it is given (front matter), so that
        # positions are reported in the file; set by the adapter with `page`.
        self.line_offset = 0

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        state: dict[str, Any] = {}
        md.preprocessors.register(SourcePreprocessor(md, state), "provisions-source", 200)
        md.parser.blockprocessors.register(PrintedOListProcessor(md.parser), "olist", 40)
        md.parser.blockprocessors.register(PrintedUListProcessor(md.parser), "ulist", 30)
        md.treeprocessors.register(ReadTreeprocessor(md, self, state), "provisions-read", 22)
        md.treeprocessors.register(WriteTreeprocessor(md, self, state), "provisions-write", 6)

    def reset(self) -> None:
        self.last = PageProvisions()

    # --- page context ---

    def context(self, md: Markdown) -> tuple[str | None, dict[str, Any]]:
        """(page path, page metadata) of the page being rendered, wherever it comes from."""
        if "rendering_context" in md.preprocessors:  # Zensical
            page = getattr(md.preprocessors["rendering_context"], "page", None)
            if page is not None:
                return _relative(getattr(page, "path", None)), dict(getattr(page, "meta", None) or {})
        if self.page is not None:
            return self.page[0], dict(self.page[1] or {})
        return None, {}

    def page_mode(self, md: Markdown) -> tuple[bool, bool]:
        """(is this page a document's text, does it hold only part of one)."""
        forced = self.getConfig("document")
        _, meta = self.context(md)
        partial = bool(meta.get("part_of")) and not meta.get("document")
        if forced is not None:
            return bool(forced), partial
        return bool(meta.get("document") or meta.get("part_of")), partial

    def closes_with_layout(self, md: Markdown) -> bool:
        """Whether the page's own document has a closing for the official layout to draw."""
        _, meta = self.context(md)
        document = meta.get("document")
        return isinstance(document, dict) and any(document.get(key) for key in CLOSING_KEYS)

    def aliases(self, md: Markdown) -> dict[str, tuple[str, ...]]:
        """The register's alias ids of this page, by the eId they land on."""
        register = self.getConfig("register")
        path, _ = self.context(md)
        if not register or not path:
            return {}
        return aliases_for(Path(register), path)

    def store(self, md: Markdown, result: PageProvisions) -> None:
        self.last = result
        path, _ = self.context(md)
        if path:
            self.pages[path] = result


def _relative(path: str | None) -> str | None:
    if not path:
        return None
    posix = Path(path).as_posix()
    marker = "/docs/"
    return posix.split(marker, 1)[1] if marker in posix else posix.lstrip("/")


def makeExtension(**kwargs: Any) -> ProvisionsExtension:  # noqa: N802 (Python-Markdown's name)
    return ProvisionsExtension(**kwargs)
