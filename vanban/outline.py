"""The provision tree of a document, built from its markers in reading order.

`Outline` is the one owner of provision ids (the role bluebell's `IdGenerator` has in Laws.Africa's
parser): it nests each marker by the hierarchy of `../shared/PROVISIONS.md` §4, names it with an
Akoma Ntoso eId (`<parent id>__<type>_<num>`, OASIS LegalDocML AKN-NC 1.0, §5.2), numbers dash
items, keeps every id unique and reports what an editor must fix (`Issue`): a number or letter
out of sequence or repeated, two provisions with one id, a letter not in the Vietnamese alphabet.

It knows nothing about Markdown: the Python-Markdown extension (`vanban.extensions.provisions`)
walks the parsed page and calls `add`, `attachment`, `unmarked` and `closing` in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vanban.markers import FOREIGN_LETTERS, SUB_DASH, Marker, display_num, first_in_sequence, next_in_sequence

# Levels from the top down; a marker closes every open provision of its own level or below.
_RANK = {"att": 0, "part": 1, "chp": 2, "sec": 3, "art": 4, "cl": 5, "point": 7, "indent": 8}


def rank(marker: Marker) -> float:
    """Level of a marker: smaller is higher. A dotted khoản sits below its khoản (`2.1.` under `2.`)."""
    return _RANK[marker.type] + 0.01 * marker.depth


@dataclass(eq=False)
class Provision:
    """One provision: its marker, its eId, its place in the tree.

    `line` and `col` (1-based, in the page's source) are filled by whoever knows the source;
    `text` is the provision's own text, set by the caller once rendered.
    """

    marker: Marker
    eid: str
    parent: Provision | None
    order: int  # position in reading order, from 0
    children: list[Provision] = field(default_factory=list)
    line: int = 0
    col: int = 0
    text: str = ""

    @property
    def type(self) -> str:
        return self.marker.type

    @property
    def label(self) -> str:
        return self.marker.label

    def ancestors(self) -> list[Provision]:
        """Parents from the nearest up."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


@dataclass(frozen=True)
class Issue:
    """Something an editor must fix: a rule id, a Vietnamese message and hint, and the provisions
    it is about (the first one is where it is reported)."""

    rule: str
    message: str
    hint: str
    provisions: tuple[Provision, ...]


SEQUENCE_HINT = ("đánh số theo thứ tự: I, II, III …; 1, 2, 3 …; 2.1, 2.2 …; "
                 "a b c d đ e g h i k l m n o p q r s t u v x y (không có f, j, w, z).")


class Outline:
    """Builds the provision tree and its ids from markers met in reading order.

    `partial`: the page holds only a part of its document (`part_of:` in its front matter), so
    its first provisions may start anywhere in their sequence (yeu-cau.md starts at khoản 2).
    """

    def __init__(self, *, partial: bool = False) -> None:
        self.partial = partial
        self.provisions: list[Provision] = []
        self.issues: list[Issue] = []
        self._open: list[Provision] = []
        self._roots: list[Provision] = []
        self._ids: dict[str, Provision] = {}
        self._attachments = 0
        self._attachment: Provision | None = None
        self._started = False
        self._closed = False

    # --- what the reader meets ---------------------------------------------------------

    @property
    def started(self) -> bool:
        """True once the body has begun (its first numbered, lettered or named marker)."""
        return self._started

    @property
    def closed(self) -> bool:
        """True after the closing (`./.`, "Trên đây", "Nơi nhận", the signature) until an attachment."""
        return self._closed

    def accepts(self, marker: Marker) -> bool:
        """Whether `marker` would make a provision here: not before the body begins (a dash list in
        the preamble or under "Kính gửi" is not a provision), not after the closing."""
        if marker.type == "att":
            return True
        if self._closed:
            return False
        return self._started or marker.type != "indent"

    def add(self, marker: Marker, *, under: Provision | None = None) -> Provision | None:
        """The provision a marker starts, or None where it is not one (see `accepts`).

        `under`: for a dash item nested in the page's structure (a list inside a list item, a `+`
        item after a `-` item), the provision it belongs to; otherwise it is placed by §4.
        """
        if marker.type == "att":
            return self.attachment(marker)
        if not self.accepts(marker):
            return None
        self._started = True
        if marker.type == "indent":
            parent = under if under is not None else self._innermost(dash=False)
            self._close_below(parent)
            number = sum(child.type == "indent" for child in self._children(parent)) + 1
            marker = Marker("indent", str(number), marker.label)
        else:
            level = rank(marker)
            while self._open and rank(self._open[-1].marker) >= level and self._open[-1].type != "att":
                self._open.pop()
            parent = self._parent_for(marker)
            problem = self._check_sequence(marker, parent)
            provision = self._make(marker, parent)
            if problem:
                self.issues.append(Issue("provision-order", *problem, (provision,)))
            return provision
        return self._make(marker, parent)

    def expects(self, marker: Marker) -> bool:
        """Whether a numbered or lettered marker is what the reader would expect here: the first of
        its sequence, or the one after the last provision of its kind (used to tell a marker that
        a hard wrap turned into text from a number that merely begins a line)."""
        if marker.type in ("indent", "att"):
            return False
        if marker.num == first_in_sequence(marker):
            return True
        for node in reversed(self.provisions):
            if node.type == marker.type and node.marker.depth == marker.depth:
                return next_in_sequence(node.marker) == marker.num
        return False

    def attachment(self, marker: Marker | None = None) -> Provision:
        """An attachment (phụ lục, a document issued with this one) starts: `att_N`, numbered in
        order of appearance; it closes every open provision and starts a fresh hierarchy (§2)."""
        self._attachments += 1
        label = marker.label if marker else ""
        att = Provision(Marker("att", str(self._attachments), label), f"att_{self._attachments}",
                        None, len(self.provisions))
        self._register(att)
        self._roots.append(att)
        self.provisions.append(att)
        self._open = [att]
        self._attachment = att
        self._started = True
        self._closed = False
        return att

    def unmarked(self) -> Provision | None:
        """An unmarked block follows: it belongs to the innermost open provision that is not a
        dash item (§4), which is returned; open dash items end here."""
        owner = self._innermost(dash=False)
        self._close_below(owner)
        return owner

    def closing(self) -> None:
        """The closing begins: nothing after it is a provision until an attachment (§5)."""
        if self._started:
            self._closed = True
            self._open = []

    # --- internals ---------------------------------------------------------------------

    def _innermost(self, *, dash: bool) -> Provision | None:
        for node in reversed(self._open):
            if dash or node.type != "indent":
                return node
        return None

    def _close_below(self, parent: Provision | None) -> None:
        while self._open and self._open[-1] is not parent:
            if parent is not None and parent not in self._open:
                break
            self._open.pop()

    def _children(self, parent: Provision | None) -> list[Provision]:
        return parent.children if parent is not None else self._roots

    def _parent_for(self, marker: Marker) -> Provision | None:
        if marker.type == "cl" and marker.depth:
            # 2.1.1. nests under the open 2.1., 2.1. under 2. (skipped levels nest higher).
            for node in reversed(self._open):
                if node.type == "cl" and marker.num.startswith(node.marker.num + "-"):
                    while self._open[-1] is not node:
                        self._open.pop()
                    return node
        return self._open[-1] if self._open else None

    def _make(self, marker: Marker, parent: Provision | None) -> Provision:
        own = f"{marker.type}_{marker.num}"
        eid = f"{parent.eid}__{own}" if parent is not None else own
        provision = Provision(marker, eid, parent, len(self.provisions))
        self._children(parent).append(provision)
        self.provisions.append(provision)
        self._register(provision)
        self._open.append(provision)
        return provision

    def _register(self, provision: Provision) -> None:
        first = self._ids.get(provision.eid)
        if first is None:
            self._ids[provision.eid] = provision
            return
        self.issues.append(Issue(
            "provision-id",
            f"Hai điều khoản cùng mã '{provision.eid}': '{provision.label}' ở đây và '{first.label}' "
            "ở dòng {other}.",
            "mỗi điều khoản cần số hoặc chữ riêng trong cùng cấp; sửa số/chữ bị lặp.",
            (provision, first)))

    def _check_sequence(self, marker: Marker, parent: Provision | None) -> tuple[str, str] | None:
        """(message, hint) when `marker` breaks the sequence of its siblings, else None."""
        if marker.type == "point" and marker.num in FOREIGN_LETTERS:
            return (f"Chữ '{marker.label}' không dùng để đánh điểm trong văn bản tiếng Việt.", SEQUENCE_HINT)
        previous = self._previous_sibling(marker, parent)
        if previous is None:
            if self.partial and (parent is None or marker.type == "art"):
                return None  # a page holding part of a document starts where that part starts
            expected = first_in_sequence(marker)
            if marker.type == "cl" and marker.depth and parent is not None and parent.type == "cl":
                expected = f"{parent.marker.num}-1"
            if expected is None or marker.num == expected:
                return None
            return (f"'{marker.label}' là mục đầu tiên ở cấp này; mục đầu tiên phải là "
                    f"'{_label_like(marker, expected)}'.", SEQUENCE_HINT)
        if previous.marker.num == marker.num:
            return (f"'{marker.label}' bị lặp lại: mục trước nó cũng là '{previous.label}'.", SEQUENCE_HINT)
        expected = next_in_sequence(previous.marker)
        if expected is not None and marker.num != expected:
            return (f"'{marker.label}' sai thứ tự: sau '{previous.label}' phải là "
                    f"'{_label_like(marker, expected)}'.", SEQUENCE_HINT)
        return None

    def _previous_sibling(self, marker: Marker, parent: Provision | None) -> Provision | None:
        if marker.type == "art":
            # Điều are numbered through the whole document (or attachment), across chương and mục.
            for node in reversed(self.provisions):
                if node is self._attachment:
                    return None
                if node.type == "art":
                    return node
            return None
        same = [child for child in self._children(parent)
                if child.type == marker.type and child.marker.depth == marker.depth]
        return same[-1] if same else None


def _label_like(marker: Marker, num: str) -> str:
    """`num` printed the way `marker` is printed: ('đ)', 'e') -> 'e)', ('2.1.', '2-2') -> '2.2.',
    ('Điều 1.', '2') -> 'Điều 2.'."""
    shown = display_num(Marker(marker.type, num, ""))
    word, space, _ = marker.label.rpartition(" ")
    tail = marker.label[-1] if marker.label[-1] in ".:)" else ""
    return f"{word} {shown}{tail}" if space else f"{shown}{tail}"


def sub_item(marker: Marker) -> bool:
    """A `+` item: it belongs to the `-` item before it, at any indentation (§4)."""
    return marker.type == "indent" and marker.label == SUB_DASH
