"""The Vietnamese search index, built once at build time and split so that a query loads only what
it needs (no MkDocs import; the hook `hooks/search_index.py` runs it over Material's entries).

Why not the index Material builds: Material's search worker downloads every entry's text and
builds a lunr index in the browser on first use. At a thousand documents that is 16.7 MB to
download and seconds of work on a phone before the first result, and lunr ranks by OR: any entry
holding one folded syllable of the query is a result. A prebuilt lunr index (`lunr.Index.load`)
would remove the build but not the download: lunr's serialised index is larger than the text it
indexes. So the site ships its own small engine (`docs/assets/search/worker.js`, behind
Material's unchanged search interface) and this index, in three kinds of files under
`search/vi/`:

- `<v>-meta`: what every query needs, loaded when the reader opens search: per entry one
  character (its length class and whether it is a provision), where each page's entries begin
  and its title (to head a page's results without fetching its chunk), where each chunk
  begins, the first term of each shard, and the site's abbreviations (a query
  word "UBND" also matches "Ủy ban nhân dân"). About one byte per entry.
- `<v>-s<k>` (shards): the postings of a run of terms in sorted order (so the terms a prefix
  begins lie together): for each term, the entries holding it, with the term's count in the text
  and whether the title holds it. No positions: the engine reads the order of the words from the
  text of the few entries it ranks last (below), which keeps the postings small.
- `<v>-c<k>` (chunks): the entries themselves (location, title, text as Material's index holds
  them) for a run of consecutive entries: loaded for the entries a query ranks best, to check
  which words stand together and with which accents, and to show them.

`<v>` is a hash of the contents: a browser never mixes files of two builds. The hosted edition
writes JSON (fetched); the offline edition writes the same data as scripts
(`viSearchData("<name>", …)`), because a page opened from disk may not fetch files but may load
scripts (Material's iframe-worker shim runs the worker's `importScripts` as script elements).

Words: letters, marks and digits; "69,5" and "25.12" stay one word; everything else separates
("855/KH-UBND" gives 855, kh, ubnd). Each word is indexed folded (no diacritics, đ -> d, lower
case), the form every query matches; the accented form is read from the text at query time.
The same rules are in `docs/assets/search/vi.js` (tests/test_search_fold.py holds both to them).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FORMAT_VERSION = 1
# A shard is cut after the term that brings it to this many characters (JSON); a chunk likewise
# after the entry. Small enough that a query at a thousand documents loads little, large enough
# that a small site is one shard and a few chunks (each file costs its own request and gzip
# header).
SHARD_SIZE = 48_000
CHUNK_SIZE = 6_000
# Length classes of an entry's text (in words): class c > 0 stands for about LENGTH_BASE ** (c - 1)
# words; 31 classes reach beyond 3,000 words.
LENGTH_BASE = 1.3
LENGTH_CLASSES = 32
# One character per entry in the meta file: length class + 32 if the entry is a provision.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
# Postings: the count of a term in the text is stored up to this; larger counts follow it.
TF_INLINE = 3


def _mark_classes() -> tuple[str, str]:
    """Regular-expression classes of every combining mark (Unicode category M*): those of the
    Basic Multilingual Plane, and the others (kept apart: a class reaching beyond the BMP is not
    compiled to a bitmap, and matching it costs a range scan per character)."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])

    def spell(pairs: list[list[int]]) -> str:
        return "".join(f"\\U{a:08x}-\\U{b:08x}" if a != b else f"\\U{a:08x}" for a, b in pairs)

    return spell([r for r in ranges if r[1] <= 0xFFFF]), spell([r for r in ranges if r[1] > 0xFFFF])


# A word as a reader sees it: letters, marks, numbers; "69,5" and "25.12" stay one word. The same
# as WORD in docs/assets/search/vi.js: /[\p{L}\p{M}\p{N}]+(?:[.,]\p{N}+)*/u.
# (`\\w` holds "_": split off after matching, faster than excluding it per character.)
_BMP_MARKS, _OTHER_MARKS = _mark_classes()
WORD = re.compile(f"(?:[\\w{_BMP_MARKS}]|[{_OTHER_MARKS}])+(?:[.,]\\d+)*")
# Markup in Material's index text: tags and character references separate words.
MARKUP = re.compile(r"<[^>]*>|&#?\w+;")
_TONE = "[\u0300\u0301\u0303\u0309\u0323]"
_TONE_ON_FIRST = re.compile(f"o({_TONE})([ae])|u({_TONE})y")


@lru_cache(maxsize=1 << 17)  # a text repeats few distinct words
def fold(text: str) -> str:
    """The form every word is indexed and matched in: no diacritics, đ -> d, lower case."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(char for char in decomposed if not unicodedata.category(char).startswith("M"))
    return bare.replace("đ", "d").replace("Đ", "D").lower()


def accented(text: str) -> str:
    """Lower case, NFC, the tone of an open "oa", "oe", "uy" on the second vowel: both tone
    placements in use ("hòa"/"hoà", "ủy"/"uỷ") are one word; "dân" and "dẫn" stay apart."""
    decomposed = unicodedata.normalize("NFD", text).lower()
    moved = _TONE_ON_FIRST.sub(lambda m: f"o{m[2]}{m[1]}" if m[1] else f"uy{m[3]}", decomposed)
    return unicodedata.normalize("NFC", moved)


def words(html: str) -> list[str]:
    """The words of an HTML fragment of Material's index (tags and entities separate words)."""
    found = WORD.findall(MARKUP.sub(lambda m: " " * len(m[0]), html))
    if any("_" in word for word in found):
        found = [part for word in found for part in word.split("_") if part]
    return found


@dataclass(frozen=True)
class Entry:
    """One entry of Material's index: `page/#anchor` (or `page/`), title, text (HTML), boost."""

    location: str
    title: str
    text: str
    boost: float = 1.0

    @property
    def provision(self) -> bool:
        return self.boost > 1 and "#" in self.location


@dataclass
class Index:
    """The files of the index: name (without version and extension) -> data."""

    files: dict[str, object] = field(default_factory=dict)

    @property
    def version(self) -> str:
        digest = hashlib.sha256()
        for name in sorted(self.files):
            digest.update(name.encode())
            digest.update(_dumps(self.files[name]).encode())
        return digest.hexdigest()[:10]

    def serialized(self, fmt: str = "json") -> Iterator[tuple[str, str]]:
        """(file name, contents) of every file; `fmt` "json" or "js" (offline edition)."""
        version = self.version
        for name, data in sorted(self.files.items()):
            text = _dumps(data)
            if fmt == "js":
                yield f"{version}-{name}.js", f'viSearchData("{name}",{text});\n'
            else:
                yield f"{version}-{name}.json", text


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def varint(number: int, out: list[str]) -> None:
    """Append `number` in 5-bit groups, most significant first; every group but the last is
    marked by adding 32 (one character for 0-31, two up to 1023)."""
    groups = [number & 31]
    number >>= 5
    while number:
        groups.append(number & 31)
        number >>= 5
    for position, group in enumerate(reversed(groups)):
        out.append(ALPHABET[group + (32 if position < len(groups) - 1 else 0)])


def length_class(count: int) -> int:
    if count <= 0:
        return 0
    return min(LENGTH_CLASSES - 1, 1 + round(math.log(count) / math.log(LENGTH_BASE)))


def utf16_key(term: str) -> bytes:
    """Sort key of JavaScript's string comparison (UTF-16 code units), which the engine uses."""
    return term.encode("utf-16-be")


_ABBREVIATION = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$", re.M)


def abbreviations(glossary: str) -> dict[str, str]:
    """Folded one-word abbreviations of a Markdown glossary (`*[UBND]: Ủy ban nhân dân`) and the
    folded words they stand for: {"ubnd": "uy ban nhan dan"}."""
    found = {}
    for term, meaning in _ABBREVIATION.findall(glossary):
        key = [fold(word) for word in words(term)]
        if len(key) == 1 and len(words(meaning)) > 1:
            found[key[0]] = " ".join(fold(word) for word in words(meaning))
    return found


def build(entries: Iterable[Entry], *, shard_size: int = SHARD_SIZE, chunk_size: int = CHUNK_SIZE,
          abbreviations: dict[str, str] | None = None) -> Index:
    """The index of `entries` (Material's order: each page's own entry before its sections);
    `abbreviations` as `abbreviations()` returns them."""
    entries = list(entries)
    postings: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # term -> (entry, in title, count)
    lengths: list[int] = []
    for number, entry in enumerate(entries):
        in_title = {fold(word) for word in words(entry.title)}
        counts: dict[str, int] = defaultdict(int)
        text_words = words(entry.text)
        for word in text_words:
            counts[fold(word)] += 1
        lengths.append(len(text_words))
        for term in in_title | set(counts):
            postings[term].append((number, term in in_title, counts.get(term, 0)))

    shards: list[list[str]] = [[]]
    firsts: list[str] = []
    size = 0
    for term in sorted(postings, key=utf16_key):
        encoded: list[str] = []
        previous = -1
        for number, in_title, count in postings[term]:
            varint((number - previous - 1) * 8 + 4 * in_title + min(count, TF_INLINE), encoded)
            if count >= TF_INLINE:
                varint(count - TF_INLINE, encoded)
            previous = number
        data = "".join(encoded)
        if size >= shard_size:
            shards.append([])
            firsts.append(term)
            size = 0
        shards[-1] += [term, data]
        size += len(term) + len(data) + 6

    chunks: list[list[list[str]]] = [[]]
    chunk_starts = [0]
    size = 0
    for number, entry in enumerate(entries):
        if size >= chunk_size:
            chunks.append([])
            chunk_starts.append(number)
            size = 0
        chunks[-1].append([entry.location, entry.title, entry.text])
        size += len(_dumps(chunks[-1][-1])) + 1

    page_starts = [number for number, entry in enumerate(entries) if "#" not in entry.location]
    index = Index()
    index.files["meta"] = {
        "format": FORMAT_VERSION,
        "entries": "".join(ALPHABET[length_class(length) + 32 * entry.provision]
                           for length, entry in zip(lengths, entries)),
        "average": round(sum(lengths) / max(1, len(lengths)), 2),
        "pages": _deltas(page_starts),
        "titles": [entries[number].title for number in page_starts],
        "chunks": _deltas(chunk_starts),
        "shards": firsts,
        "abbreviations": dict(sorted((abbreviations or {}).items())),
    }
    for number, shard in enumerate(shards):
        index.files[f"s{number}"] = shard
    for number, chunk in enumerate(chunks):
        index.files[f"c{number}"] = chunk
    return index


def _deltas(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0] + numbers, numbers)]


# --- Reading an index back (tests, benchmark) ---------------------------------------------------

def read_varints(data: str) -> list[int]:
    numbers, value = [], 0
    for char in data:
        digit = ALPHABET.index(char)
        value = value * 32 + (digit & 31)
        if digit < 32:
            numbers.append(value)
            value = 0
    return numbers


def decode_postings(data: str) -> list[tuple[int, bool, int]]:
    """(entry, in title, count in text) of a term's postings."""
    numbers, result, previous, at = read_varints(data), [], -1, 0
    while at < len(numbers):
        value = numbers[at]
        at += 1
        count = value & 3
        if count == TF_INLINE:
            count += numbers[at]
            at += 1
        previous += (value >> 3) + 1
        result.append((previous, bool(value & 4), count))
    return result


def lookup(index: Index, term: str) -> list[tuple[int, bool, int]]:
    """The postings of `term` in an `Index` built above (empty if absent)."""
    shard = bisect_right([utf16_key(first) for first in index.files["meta"]["shards"]], utf16_key(term))
    data = index.files[f"s{shard}"]
    for name, postings in zip(data[::2], data[1::2]):
        if name == term:
            return decode_postings(postings)
    return []


def read_site(site: Path) -> tuple[dict, Index]:
    """The search settings (`search/search_index.json`) and the index of a built site (either
    edition), as `build` made it."""
    settings = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    version = settings["config"]["vi"]["version"]
    index = Index()
    for path in sorted((site / "search" / "vi").glob(f"{version}-*")):
        text = path.read_text(encoding="utf-8")
        name = path.name.removeprefix(f"{version}-").rsplit(".", 1)[0]
        if path.suffix == ".js":
            text = text[text.index(",") + 1:text.rindex(")")]
        index.files[name] = json.loads(text)
    return settings, index


def site_entries(site: Path) -> list[dict]:
    """Every entry of a built site's index, in order: location, title, text."""
    _, index = read_site(site)
    chunks = sorted((name for name in index.files if name.startswith("c")), key=lambda name: int(name[1:]))
    return [{"location": location, "title": title, "text": text}
            for name in chunks for location, title, text in index.files[name]]


def index_files(site: Path) -> list[Path]:
    """The files a reader's browser may fetch for search: the settings and every index file."""
    return [site / "search" / "search_index.json", *sorted((site / "search" / "vi").iterdir())]
