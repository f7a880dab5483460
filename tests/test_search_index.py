"""The search index as built: one entry per provision, titled by citation and parent, the split
index and its reader (vanban/search_index.py), Vietnamese settings, size budget, UI strings."""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from pathlib import Path

import material
import pytest
from mkdocs.config import load_config

from bench import search as bench_search
from scripts.build_site import mkdocs_build
from hooks.search_index import WORKER
from hooks.search_provisions import PROVISION_BOOST, find_provisions, index_text, split_entries, without_label
from site_text import ROOT
from vanban import register, search_index

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"

PROVISION_PAGE = """<h1 data-eid="cl_1" id="cl_1"><a class="provision-label" href="#cl_1" \
aria-label="Liên kết đến khoản 1">1.</a> Mục tiêu</h1>
<p class="provision" data-eid="cl_1__point_a" id="cl_1__point_a"><span class="eid-alias" id="muc-tieu-a"></span>\
<a class="provision-label" href="#cl_1__point_a" aria-label="Liên kết đến điểm a khoản 1">a)</a> Nâng cao vai trò.</p>
<div class="provision" data-eid="cl_1__point_e" id="cl_1__point_e">
<p><a class="provision-label" href="#cl_1__point_e" aria-label="Liên kết đến điểm e khoản 1">e)</a> Tuyên truyền:</p>
<ul class="provision-list">
<li class="provision" data-eid="cl_1__point_e__indent_1" id="cl_1__point_e__indent_1"><a class="provision-label" \
href="#cl_1__point_e__indent_1" aria-label="Liên kết đến gạch đầu dòng thứ nhất điểm e khoản 1">-</a> \
Chỉ số (PAPI) duy trì trong TOP 20.</li>
</ul>
</div>
<p>Đoạn sau các mục.</p>
"""


def settings(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def index_entries(site: Path) -> list[dict]:
    return search_index.site_entries(site)


def test_provisions_are_found_with_citation_and_own_html():
    found = find_provisions(PROVISION_PAGE)
    assert [(p.eid, p.citation, p.heading) for p in found] == [
        ("cl_1", "khoản 1", True), ("cl_1__point_a", "điểm a khoản 1", False),
        ("cl_1__point_e", "điểm e khoản 1", False)]  # dash items stay in their point's entry
    assert found[1].html.startswith('<p class="provision" data-eid="cl_1__point_a"') and found[1].html.endswith("</p>")
    assert found[2].html.startswith('<div class="provision"') and "TOP 20" in found[2].html


def test_provision_text_moves_into_its_own_entry_after_its_section():
    page_text = index_text(PROVISION_PAGE.split("</h1>", 1)[1])
    docs = [{"location": "muc-tieu/", "title": "Mục tiêu", "text": ""},
            {"location": "muc-tieu/#cl_1", "title": "1. Mục tiêu", "text": page_text},
            {"location": "yeu-cau/", "title": "2. Yêu cầu", "text": "<p>Khác.</p>"}]
    missing = split_entries(docs, {"muc-tieu/": ("Mục tiêu", find_provisions(PROVISION_PAGE))})
    assert missing == []
    assert [d["location"] for d in docs] == ["muc-tieu/", "muc-tieu/#cl_1", "muc-tieu/#cl_1__point_a",
                                             "muc-tieu/#cl_1__point_e", "yeu-cau/"]
    assert docs[1]["text"] == "<p>Đoạn sau các mục.</p>"
    # Titled by its citation and the heading above it, without the heading's printed label "1.".
    assert docs[2] == {"location": "muc-tieu/#cl_1__point_a", "title": "điểm a khoản 1 — Mục tiêu",
                       "text": "<p>a) Nâng cao vai trò.</p>", "boost": PROVISION_BOOST}
    assert "Chỉ số (PAPI) duy trì trong TOP 20." in docs[3]["text"]


@pytest.mark.parametrize(("title", "label", "expected"), [
    ("1. Mục tiêu", "1.", "Mục tiêu"), ("Điều 5. Trách nhiệm", "Điều 5.", "Trách nhiệm"),
    ("II. NHIỆM VỤ TRỌNG TÂM", "II.", "NHIỆM VỤ TRỌNG TÂM"), ("Mục tiêu", "", "Mục tiêu"),
    ("1.", "1.", "1."),  # a heading that is only its label keeps it
    ("10. Khác", "1.", "10. Khác"),  # not its label
])
def test_heading_titles_lose_their_printed_label(title, label, expected):
    assert without_label(title, label) == expected


def test_sections_headed_by_a_provision_are_named_by_citation():
    html = ('<h2 data-eid="sec_I" id="sec_I"><a class="provision-label" href="#sec_I" '
            'aria-label="Liên kết đến Mục I">I.</a> MỤC ĐÍCH</h2>'
            '<h3 data-eid="sec_I__cl_1" id="sec_I__cl_1"><a class="provision-label" href="#sec_I__cl_1" '
            'aria-label="Liên kết đến khoản 1 Mục I">1.</a> Mục đích</h3><p>Văn bản.</p>')
    docs = [{"location": "t/", "title": "T", "text": ""},
            {"location": "t/#sec_I", "title": "I. MỤC ĐÍCH", "text": ""},
            {"location": "t/#sec_I__cl_1", "title": "1. Mục đích", "text": "<p>Văn bản.</p>"}]
    split_entries(docs, {"t/": ("T", find_provisions(html))})
    assert [d["title"] for d in docs] == ["T", "Mục I — MỤC ĐÍCH", "khoản 1 Mục I — Mục đích"]


def test_provisions_that_read_alike_each_get_their_entry():
    html = ('<h2 id="p1">Phần 1</h2><p data-eid="att_1__cl_1" id="att_1__cl_1">Cùng một câu.</p>'
            '<h2 id="p2">Phần 2</h2><p data-eid="att_2__cl_1" id="att_2__cl_1">Cùng một câu.</p>')
    docs = [{"location": "t/", "title": "T", "text": ""},
            {"location": "t/#p1", "title": "Phần 1", "text": "<p>Cùng một câu.</p>"},
            {"location": "t/#p2", "title": "Phần 2", "text": "<p>Cùng một câu.</p>"}]
    assert split_entries(docs, {"t/": ("T", find_provisions(html))}) == []
    assert [d["location"] for d in docs] == ["t/", "t/#p1", "t/#att_1__cl_1", "t/#p2", "t/#att_2__cl_1"]


def test_provision_missing_from_its_section_still_gets_an_entry():
    docs = [{"location": "muc-tieu/", "title": "Mục tiêu", "text": "<p>Không có mục nào.</p>"}]
    missing = split_entries(docs, {"muc-tieu/": ("Mục tiêu", find_provisions(PROVISION_PAGE))})
    assert missing == ["cl_1__point_a", "cl_1__point_e"]
    assert [d["location"] for d in docs] == ["muc-tieu/", "muc-tieu/#cl_1__point_a", "muc-tieu/#cl_1__point_e"]


def test_every_provision_down_to_the_point_has_its_own_index_entry(site_dir):
    docs = index_entries(site_dir)
    by_location = {doc["location"]: doc for doc in docs}
    entries = [e for e in register.read(ROOT / "archive" / "clause-ids.txt")
               if not e.lands_on and not e.id.rsplit("__", 1)[-1].startswith("indent_")]
    assert entries
    for entry in entries:
        location = f"{entry.page.removesuffix('.md')}/#{entry.id}"
        if "__" not in entry.id:
            # A khoản written as the page's title: Material's page entry is its entry.
            assert location in by_location or location.split("#")[0] in by_location, location
            continue
        assert location in by_location, location
        doc = by_location[location]
        text = re.sub(r"<[^>]+>", "", doc["text"])
        assert len(text) > 40
        assert re.fullmatch(r"điểm \w+ khoản \d+ — (Mục tiêu|Yêu cầu)", doc["title"]), doc["title"]
        others = [d["location"] for d in docs if d is not doc and text[:60] in re.sub(r"<[^>]+>", "", d["text"])]
        assert others == [], f"{entry.id} text also in {others}"


def test_each_page_entry_comes_before_its_sections(site_dir):
    """Material's worker maps sections to the page entry seen first (setupSearchDocumentMap)."""
    seen: set[str] = set()
    for doc in index_entries(site_dir):
        path, _, fragment = doc["location"].partition("#")
        if fragment:
            assert path in seen, doc["location"]
        else:
            seen.add(path)


def test_both_editions_share_the_vietnamese_search_settings(site_dir, offline_dir):
    hosted, offline = settings(site_dir)["config"], settings(offline_dir)["config"]
    assert hosted.pop("vi")["format"] == "json" and offline.pop("vi")["format"] == "js"
    assert hosted == offline
    assert hosted["lang"] == ["vi"]
    assert "muc-tieu.html#cl_1__point_a" in {d["location"] for d in index_entries(offline_dir)}
    # The offline edition reads its index as scripts (a page from disk may not fetch files).
    assert all(path.suffix == ".js" for path in (offline_dir / "search" / "vi").iterdir())
    assert search_index.words("(SIPAS) 855/KH-UBND 69,5 TP. “TOP 20” 25/12/2023 x_y") == [
        "SIPAS", "855", "KH", "UBND", "69,5", "TP", "TOP", "20", "25", "12", "2023", "x", "y"]


def test_material_gets_only_its_settings_and_the_site_worker(site_dir):
    """search_index.json (fetched by every page) holds no entries; every page starts this site's
    worker, which is shipped; Material's own is not named anywhere."""
    assert settings(site_dir)["docs"] == []
    assert (site_dir / "search" / "search_index.json").stat().st_size < 1024
    assert (site_dir / WORKER).read_bytes() == (ROOT / "docs" / WORKER).read_bytes()
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'id="__config"' in html:
            config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
            assert config["search"].endswith(WORKER), page
            assert "workers/search." not in html, page


def test_index_round_trip():
    docs = [search_index.Entry("a/", "Mục tiêu", "<p>Cải cách hành chính, cải cách thủ tục.</p>"),
            search_index.Entry("a/#x", "điểm a khoản 1 — Mục tiêu", "<p>a) Văn hoá công vụ &amp; cải cách.</p>", 2.5)]
    built = search_index.build(docs, shard_size=10, chunk_size=10, abbreviations={"cchc": "cai cach hanh chinh"})
    meta = built.files["meta"]
    assert len(meta["shards"]) >= 3 and len(meta["chunks"]) == 2  # tiny sizes: several files
    assert search_index.lookup(built, "cach") == [(0, False, 2), (1, False, 1)]
    assert search_index.lookup(built, "muc") == [(0, True, 0), (1, True, 0)]
    assert search_index.lookup(built, "amp") == []  # character references are not words
    assert search_index.lookup(built, "hoa") == [(1, False, 1)]
    assert meta["abbreviations"] == {"cchc": "cai cach hanh chinh"}
    assert meta["entries"][1] in search_index.ALPHABET[32:]  # a provision
    names = [name for name, _ in built.serialized("js")]
    assert all(name.startswith(built.version + "-") and name.endswith(".js") for name in names)


@pytest.mark.parametrize("number", [0, 1, 31, 32, 1023, 1024, 10**6])
def test_varints_round_trip(number):
    out: list[str] = []
    search_index.varint(number, out)
    assert search_index.read_varints("".join(out)) == [number]


def test_abbreviations_of_the_glossary():
    glossary = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    found = search_index.abbreviations(glossary)
    assert found["ubnd"] == "uy ban nhan dan" and found["cchc"] == "cai cach hanh chinh"
    assert "par" not in found and "par index" not in found  # two-word abbreviations are not query words


def transferred(files: list[Path]) -> tuple[int, int]:
    """Raw and gzip bytes of files served one by one."""
    return (sum(path.stat().st_size for path in files),
            sum(len(gzip.compress(path.read_bytes(), 9)) for path in files))


def test_index_is_at_most_twice_stock_material(site_dir):
    """Byte budget of the issue: every file of our index together (what a reader fetches if
    their queries need all of it) <= 2x stock Material's index on the same content."""
    with tempfile.TemporaryDirectory(prefix="stock-search-") as tmp:
        config = bench_search.write_config(Path(tmp), ROOT / "docs", [], stock=True)
        mkdocs_build(config, Path(tmp) / "site")
        stock = transferred([Path(tmp) / "site" / "search" / "search_index.json"])
        stock_docs = settings(Path(tmp) / "site")["docs"]
    ours = transferred(search_index.index_files(site_dir))
    assert stock_docs and not any("#cl_1__point_a" in d["location"] for d in stock_docs)  # really stock
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


def test_search_scripts_need_no_eval():
    """The hosted edition's policy has no 'unsafe-eval': the site's search code never builds code
    from strings (lunr is not used at all in the browser any more)."""
    for path in sorted((ROOT / "docs" / "assets" / "search").glob("*.js")) + [ROOT / "docs" / "assets" / "search-highlight.js"]:
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"\beval\s*\(|new\s+Function\b|set(?:Timeout|Interval)\s*\(\s*[\"'`]", code), path
