"""Search as a reader uses it, in Chromium: type a query into Material's search box, read the
ranked results. Shared by the browser tests (tests/test_search_*.py) and `make bench`.

The judged query set (tests/fixtures/search/judged.json) and its measures live here too:
precision@3 (the share of the first three results a reader would accept) and the reciprocal rank
of the first best answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "tests" / "fixtures" / "search" / "judged.json"
INITIALIZER = "Đang chuẩn bị tìm kiếm"

# The search is ready (the initializer text is gone) and no query is in flight. `viSearch.stats`
# (assets/search/vi.js) counts the queries sent to the worker and the answers.
_IDLE = """initializer => {
  const stats = window.viSearch && window.viSearch.stats;
  return !!stats && document.querySelector(".md-search-result__meta").textContent.trim() !== initializer
    && stats.answered === stats.sent && !stats.waiting;
}"""
# A query was sent since `sent`, and every query is answered:
_ANSWERED = """sent => {
  const stats = window.viSearch.stats;
  return stats.sent > sent && stats.answered === stats.sent && !stats.waiting;
}"""
# The answer is on screen: result items, or the "nothing found" line.
_DRAWN = """() => document.querySelectorAll(".md-search-result__item").length > 0
  || /Không tìm thấy/.test(document.querySelector(".md-search-result__meta").textContent)"""
# Every result link Material drew (also those folded under "more on this page"), in order.
_LINKS = """() => Array.from(document.querySelectorAll("a.md-search-result__link")).map(a => ({
  href: a.href, visible: a.checkVisibility(),
  marks: Array.from(a.querySelectorAll("mark")).map(m => m.textContent),
  score: Number(a.querySelector("article").dataset.mdScore) }))"""


def location(href: str, base: str, offline: bool) -> str:
    """A result link as a hosted location: `muc-tieu/#cl_1__point_b`, `` for home."""
    parts = urlsplit(href)
    path = (parts.scheme + "://" + parts.netloc + parts.path).removeprefix(base)
    if offline:
        path = re.sub(r"(^|/)index\.html$", r"\1", path)
        path = re.sub(r"\.html$", "/", path)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def open_search(page) -> None:
    """Focus Material's search box and wait until the search is ready."""
    page.locator("input.md-search__input").click()
    page.wait_for_function(_IDLE, arg=INITIALIZER, timeout=60_000)


def type_query(page, query: str, delay: int = 5) -> None:
    """Empty the box, type `query` key by key, wait for the answer to the last key to be drawn."""
    box = page.locator("input.md-search__input")
    if box.input_value():
        box.fill("")
        page.keyboard.press("Backspace")  # a keyup: Material sees the empty box
        page.wait_for_function(_IDLE, arg=INITIALIZER)
    before = page.evaluate("() => window.viSearch.stats.sent")
    page.keyboard.type(query, delay=delay)
    if not query[-1].isascii():
        # Playwright inserts letters outside the US layout without key events; a Vietnamese
        # keyboard sends them, and Material searches on keyup.
        page.keyboard.press("End")
    page.wait_for_function(_ANSWERED, arg=before, timeout=60_000)
    # Material draws the answer on a later frame: let two frames pass, then wait for it.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function(_DRAWN)


def links(page) -> list[dict]:
    return page.evaluate(_LINKS)


def ranked(page, base: str, offline: bool = False) -> list[str]:
    """The results as a reader ranks them: every entry Material shows with a score, best first
    (the page headings Material adds with score 0 to group a page's entries are left out)."""
    found = [(link["score"], n, location(link["href"], base, offline)) for n, link in enumerate(links(page))
             if link["score"] > 0]
    return [where for _, _, where in sorted(found, key=lambda item: (-item[0], item[1]))]


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    best: tuple[str, ...]
    relevant: tuple[str, ...]


def judged(path: Path = JUDGED) -> list[Judged]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Judged(q["query"], q["kind"], tuple(q["best"]), tuple(q["relevant"])) for q in data["queries"]]


def precision_at_3(results: list[str], item: Judged) -> float:
    """The share of the first (up to) three results a reader accepts; 0 for no result."""
    top = results[:3]
    return sum(result in item.relevant for result in top) / len(top) if top else 0.0


def reciprocal_rank(results: list[str], item: Judged) -> float:
    return next((1 / rank for rank, result in enumerate(results, 1) if result in item.best), 0.0)


def measure(page, base: str, items: list[Judged], offline: bool = False) -> tuple[float, float, list]:
    """Mean precision@3 and mean reciprocal rank over `items`, typed into `page` (search open),
    and the per-query rows (query, p@3, rr, first three results)."""
    rows = []
    for item in items:
        type_query(page, item.query)
        results = ranked(page, base, offline)
        rows.append((item.query, precision_at_3(results, item), reciprocal_rank(results, item), results[:3]))
    return (sum(r[1] for r in rows) / len(rows), sum(r[2] for r in rows) / len(rows), rows)
