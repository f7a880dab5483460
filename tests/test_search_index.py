"""The search index as built: one entry per clause, Vietnamese settings, size budget, UI strings."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import material
import pytest
from mkdocs.config import load_config

from bench import search as bench_search
from scripts.build_site import mkdocs_build
from hooks.search_clauses import CLAUSE_BOOST, find_clauses, index_text, split_entries
from site_text import ROOT

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"

CLAUSE_PAGE = """<h1 id="muc-tieu">1. Mục tiêu</h1>
<p class="clause" id="muc-tieu-a"><a class="clause-label" href="#muc-tieu-a">a)</a> Nâng cao vai trò.</p>
<div class="clause" id="muc-tieu-e">
<p><a class="clause-label" href="#muc-tieu-e">e)</a> Tuyên truyền:</p>
<div class="inner"><ul>
<li>Chỉ số (PAPI) duy trì trong TOP 20.</li>
</ul></div>
</div>
<p>Đoạn sau các mục.</p>
"""


def index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def registry() -> list[tuple[str, str]]:
    rows = [line.split() for line in (ROOT / "archive" / "clause-ids.txt").read_text(encoding="utf-8").splitlines()]
    return [(row[0], row[1]) for row in rows if row and not row[0].startswith("#")]


def test_clauses_are_found_with_label_and_whole_html():
    clauses = find_clauses(CLAUSE_PAGE)
    assert [(c.id, c.label) for c in clauses] == [("muc-tieu-a", "a)"), ("muc-tieu-e", "e)")]
    assert clauses[0].html.startswith('<p class="clause" id="muc-tieu-a">') and clauses[0].html.endswith("</p>")
    assert clauses[1].html.startswith('<div class="clause"') and clauses[1].html.endswith("</ul></div>\n</div>")


def test_clause_text_moves_into_its_own_entry_after_its_section():
    page_text = index_text(CLAUSE_PAGE.split("</h1>", 1)[1])
    docs = [{"location": "muc-tieu/", "title": "1. Mục tiêu", "text": page_text},
            {"location": "yeu-cau/", "title": "2. Yêu cầu", "text": "<p>Khác.</p>"}]
    missing = split_entries(docs, {"muc-tieu/": ("Mục tiêu", find_clauses(CLAUSE_PAGE))})
    assert missing == []
    assert [d["location"] for d in docs] == ["muc-tieu/", "muc-tieu/#muc-tieu-a", "muc-tieu/#muc-tieu-e", "yeu-cau/"]
    assert docs[0]["text"] == "<p>Đoạn sau các mục.</p>"
    assert docs[1] == {"location": "muc-tieu/#muc-tieu-a", "title": "Mục tiêu a)",
                       "text": "<p>a) Nâng cao vai trò.</p>", "boost": CLAUSE_BOOST}
    assert "<li>Chỉ số (PAPI) duy trì trong TOP 20.</li>" in docs[2]["text"]


def test_clauses_that_read_alike_each_get_their_entry():
    html = ('<h2 id="p1">Phần 1</h2><p class="clause" id="x-1">Cùng một câu.</p>'
            '<h2 id="p2">Phần 2</h2><p class="clause" id="x-2">Cùng một câu.</p>')
    docs = [{"location": "t/", "title": "T", "text": ""},
            {"location": "t/#p1", "title": "Phần 1", "text": "<p>Cùng một câu.</p>"},
            {"location": "t/#p2", "title": "Phần 2", "text": "<p>Cùng một câu.</p>"}]
    assert split_entries(docs, {"t/": ("T", find_clauses(html))}) == []
    assert [d["location"] for d in docs] == ["t/", "t/#p1", "t/#x-1", "t/#p2", "t/#x-2"]


def test_clause_missing_from_the_index_is_reported():
    docs = [{"location": "muc-tieu/", "title": "Mục tiêu", "text": "<p>Không có mục nào.</p>"}]
    assert split_entries(docs, {"muc-tieu/": ("Mục tiêu", find_clauses(CLAUSE_PAGE))}) == ["muc-tieu-a", "muc-tieu-e"]


def test_every_registered_clause_has_its_own_index_entry(site_dir):
    docs = index(site_dir)["docs"]
    by_location = {doc["location"]: doc for doc in docs}
    for page, clause_id in registry():
        location = f"{page.removesuffix('.md')}/#{clause_id}"
        assert location in by_location, location
        entry = by_location[location]
        text = re.sub(r"<[^>]+>", "", entry["text"])
        assert len(text) > 40
        assert entry["title"].startswith(("Mục tiêu ", "Yêu cầu "))
        others = [d["location"] for d in docs if d is not entry and text[:60] in re.sub(r"<[^>]+>", "", d["text"])]
        assert others == [], f"{clause_id} text also in {others}"


def test_each_page_entry_comes_before_its_sections(site_dir):
    """Material's worker maps sections to the page entry seen first (setupSearchDocumentMap)."""
    seen: set[str] = set()
    for doc in index(site_dir)["docs"]:
        path, _, fragment = doc["location"].partition("#")
        if fragment:
            assert path in seen, doc["location"]
        else:
            seen.add(path)


def test_both_editions_share_the_vietnamese_search_settings(site_dir, offline_dir):
    hosted, offline = index(site_dir)["config"], index(offline_dir)["config"]
    assert hosted == offline
    assert hosted["lang"] == ["vi"]
    assert hosted["fields"]["title"]["boost"] == 3
    separator = re.compile(hosted["separator"])
    assert [t for t in separator.split("(SIPAS) 855/KH-UBND 69,5 TP. “TOP 20” 25/12/2023") if t] == [
        "SIPAS", "855", "KH", "UBND", "69,5", "TP", "TOP", "20", "25", "12", "2023"]
    assert "muc-tieu.html#muc-tieu-a" in {d["location"] for d in index(offline_dir)["docs"]}
    assert (offline_dir / "search" / "search_index.js").read_text(encoding="utf-8").count("muc-tieu-a") >= 1


def test_vietnamese_lunr_plugin_replaces_the_stock_one(site_dir):
    shipped = site_dir / "assets" / "javascripts" / "lunr" / "min" / "lunr.vi.min.js"
    ours = ROOT / "overrides" / "assets" / "javascripts" / "lunr" / "min" / "lunr.vi.min.js"
    assert shipped.read_bytes() == ours.read_bytes()


def test_index_is_at_most_twice_stock_material(site_dir):
    """Byte budget of the issue: our index <= 2x stock Material's on the same content."""
    with tempfile.TemporaryDirectory(prefix="stock-search-") as tmp:
        config = bench_search.write_config(Path(tmp), ROOT / "docs", [], stock=True)
        mkdocs_build(config, Path(tmp) / "site")
        stock = bench_search.index_sizes(Path(tmp) / "site")
        stock_docs = index(Path(tmp) / "site")["docs"]
    ours = bench_search.index_sizes(site_dir)
    assert not any("#muc-tieu-a" in d["location"] for d in stock_docs)  # really stock
    assert ours[0] <= 2 * stock[0] and ours[1] <= 2 * stock[1], (ours, stock)


def _translate(config, key: str) -> str:
    env = config.theme.get_env()
    return env.get_template("partials/language.html", None, {"config": config}).module.t(key).strip()


def test_no_interface_string_is_left_in_english():
    config = load_config(str(ROOT / "mkdocs.yml"))
    english = dict(re.findall(r'^\s*"([^"]+)": "(.*)",?$', (MATERIAL_LANGUAGES / "en.html").read_text(encoding="utf-8"),
                              re.M))
    not_text = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
    assert len(english) > 50
    left = [key for key, value in english.items() if key not in not_text and _translate(config, key) == value]
    assert left == []
    assert _translate(config, "language") == "vi"
    assert _translate(config, "search.result.initializer") == "Đang chuẩn bị tìm kiếm"


@pytest.mark.parametrize("text", ["Initializing search", "Type to start searching", "Back to top"])
def test_built_pages_carry_no_english_search_strings(site_dir, text):
    for page in site_dir.rglob("*.html"):
        assert text not in page.read_text(encoding="utf-8"), page
