"""The Vietnamese words of search, tested on the shipped JavaScript file itself, and held to the
same rules as the index builder (vanban/search_index.py).

`docs/assets/search/vi.js` runs in the site's search worker and on the page; here it is loaded
into Chromium (the engine that runs it for readers) and called over tables of Vietnamese letters
and words. The index is built in Python from the same rules: the two must agree on every word.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vanban import search_index

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "docs" / "assets" / "search" / "vi.js"

# Every vowel with no tone and with the five tones: huyền, sắc, hỏi, ngã, nặng.
VOWELS = {
    "a": "aàáảãạ", "ă": "ăằắẳẵặ", "â": "âầấẩẫậ",
    "e": "eèéẻẽẹ", "ê": "êềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọ", "ô": "ồốổỗộô", "ơ": "ơờớởỡợ",
    "u": "uùúủũụ", "ư": "ưừứửữự",
    "y": "yỳýỷỹỵ",
}
BASE = {"a": "a", "ă": "a", "â": "a", "e": "e", "ê": "e", "i": "i", "o": "o", "ô": "o", "ơ": "o",
        "u": "u", "ư": "u", "y": "y"}

# The pairs: old (tone on the first vowel) and new placement, and their capitals.
TONE_PLACEMENT = [
    ("oà", "òa", "oa"), ("oá", "óa", "oa"), ("oả", "ỏa", "oa"), ("oã", "õa", "oa"), ("oạ", "ọa", "oa"),
    ("oè", "òe", "oe"), ("oé", "óe", "oe"),
    ("uỳ", "ùy", "uy"), ("uý", "úy", "uy"), ("uỷ", "ủy", "uy"), ("uỹ", "ũy", "uy"), ("uỵ", "ụy", "uy"),
]
TONE_PLACEMENT_WORDS = [
    ("hoà", "hòa", "hoa"), ("Khánh Hoà", "Khánh Hòa", "khanh hoa"), ("thuỷ", "thủy", "thuy"),
    ("khoẻ", "khỏe", "khoe"), ("Uỷ ban", "Ủy ban", "uy ban"), ("cấp uỷ", "cấp ủy", "cap uy"),
    ("thuý", "thúy", "thuy"), ("hoá", "hóa", "hoa"),
]
WORDS = [
    ("cải cách hành chính", "cai cach hanh chinh"),
    ("Tuyên truyền", "tuyen truyen"),
    ("Đảng", "dang"), ("đường", "duong"), ("ĐẠO ĐỨC", "dao duc"),
    ("Nguyễn", "nguyen"), ("THUẬN", "thuan"), ("nhũng", "nhung"), ("sự hài lòng", "su hai long"),
    ("ưu tiên", "uu tien"), ("ăn ở", "an o"), ("Quyết định số 1826/QĐ-UBND", "quyet dinh so 1826/qd-ubnd"),
]
# (query as typed, its terms: folded, accented ("" = typed without diacritics), prefix)
QUERIES = [
    ("cai cach", [("cai", "", False), ("cach", "", True)]),  # the last word is still being typed
    ("Cải cách ", [("cai", "cải", False), ("cach", "cách", False)]),  # white space ends a word
    ("dan vận", [("dan", "", False), ("van", "vận", True)]),  # partly accented
    ("Uỷ ban", [("uy", "uỷ", False), ("ban", "", True)]),
    ("Ủy ban", [("uy", "uỷ", False), ("ban", "", True)]),  # one accented form for both tone placements
    ("855/KH-UBND", [("855", "", False), ("kh", "", False), ("ubnd", "", True)]),
    ("1826/QĐ-UBND", [("1826", "", False), ("qd", "qđ", False), ("ubnd", "", True)]),
    ("69,5", [("69,5", "", True)]),
    ("(SIPAS)", [("sipas", "", False)]),  # a closing bracket ends the word
]
PHRASES = [
    ('"TOP 20"', [[0, 1]], []), ("“TOP 20” tinh", [[0, 1]], []),  # curly quotes from a phone keyboard
    ("tham -nhung", [], ["nhung"]), ('a "b c" d', [[1, 2]], []),
]
PREFIXES = [("tuyen tru", "tru"), ("tuyen tru ", ""), ('"TOP 20', "20"), ('"TOP 20"', ""),
            ("855/KH-UBND", "ubnd"), ("THAM NHŨNG", "nhung"), ("", ""), ("tham -nhung", "")]


@pytest.fixture(scope="module")
def vi(browser):
    """A function calling `window.viSearch.<name>` in Chromium on a list of inputs."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>vi</title>")
    page.add_script_tag(path=str(SCRIPT))

    def call(name: str, values: list, *extra) -> list:
        return page.evaluate("([name, values, extra]) => values.map(v => window.viSearch[name](v, ...extra))",
                             [name, values, list(extra)])

    yield call
    page.close()


def test_vowel_table_is_what_it_says():
    for base, row in VOWELS.items():
        assert len(set(row)) == 6 and base in row
        for letter in row:
            assert unicodedata.normalize("NFD", letter)[0] == BASE[base]


def test_every_vowel_with_every_tone_folds_to_its_base_letter(vi):
    letters = [letter for row in VOWELS.values() for letter in row]
    inputs = letters + [letter.upper() for letter in letters]
    expected = [BASE[base] for base, row in VOWELS.items() for _ in row] * 2
    assert vi("fold", inputs) == expected


def test_d_with_stroke_folds_to_d(vi):
    assert vi("fold", ["đ", "Đ", "đi", "ĐI"]) == ["d", "d", "di", "di"]


@pytest.mark.parametrize(("old", "new", "folded"), TONE_PLACEMENT + TONE_PLACEMENT_WORDS)
def test_old_and_new_tone_placement_are_one_word(vi, old, new, folded):
    forms = [old, new, old.upper(), new.upper(), old.capitalize(), new.capitalize()]
    assert vi("fold", forms) == [folded] * len(forms)


@pytest.mark.parametrize(("word", "folded"), WORDS + [(w, f) for w, _, f in TONE_PLACEMENT_WORDS])
def test_precomposed_and_decomposed_input_fold_alike(vi, word, folded):
    forms = [unicodedata.normalize(form, word) for form in ("NFC", "NFD", "NFKC", "NFKD")]
    assert vi("fold", forms) == [folded] * 4


@pytest.mark.parametrize(("old", "new", "folded"), TONE_PLACEMENT + TONE_PLACEMENT_WORDS)
def test_accented_form_is_one_for_both_tone_placements(vi, old, new, folded):
    forms = [old, new, old.upper(), new.upper(), unicodedata.normalize("NFD", old)]
    assert len(set(vi("accented", forms))) == 1
    assert vi("fold", vi("accented", [old])) == [folded]


def test_accented_form_keeps_every_vowel_and_tone_apart(vi):
    letters = [letter for row in VOWELS.values() for letter in row] + ["đ", "d"]
    assert vi("accented", letters) == letters
    assert vi("accented", [letter.upper() for letter in letters]) == letters


@pytest.mark.parametrize(("word", "form"), [
    ("Dân vận", "dân vận"), ("dẫn", "dẫn"), ("VĂN BẢN", "văn bản"), ("Đảng", "đảng"),
    ("hoàng", "hoàng"), ("hoạch", "hoạch"), ("quý", "quý"), ("mùa", "mùa"), ("khoét", "khoét"),
])
def test_accented_form_is_lower_case_nfc_with_its_diacritics(vi, word, form):
    assert vi("accented", [word, unicodedata.normalize("NFD", word)]) == [form, form]


def test_query_terms(vi):
    parsed = vi("parseQuery", [q for q, _ in QUERIES])
    assert [[(t["folded"], t["accented"], t["prefix"]) for t in p["terms"]] for p in parsed] == [t for _, t in QUERIES]


@pytest.mark.parametrize(("query", "phrases", "excluded"), PHRASES)
def test_quoted_phrases_and_excluded_words(vi, query, phrases, excluded):
    parsed = vi("parseQuery", [query])[0]
    assert (parsed["phrases"], parsed["excluded"]) == (phrases, excluded)


def test_word_still_being_typed(vi):
    assert vi("typedPrefix", [q for q, _ in PREFIXES]) == [p for _, p in PREFIXES]


def test_words_are_found_where_they_are(vi):
    text = "Chỉ số (PCI) đạt 69,5 điểm; Uỷ ban"
    found = vi("findWords", [text])[0]
    assert [(text[w["start"]:w["end"]], w["folded"]) for w in found] == [
        ("Chỉ", "chi"), ("số", "so"), ("PCI", "pci"), ("đạt", "dat"), ("69,5", "69,5"),
        ("điểm", "diem"), ("Uỷ", "uy"), ("ban", "ban")]


def test_words_in_html_skip_markup(vi):
    """The worker reads the index text (HTML): tags and character references are not words,
    and the offsets are those of the HTML (to mark the words there)."""
    html = "<p>Chỉ số <code>PCI</code> &amp; 69,5</p>"
    found = vi("findWords", [html], True)[0]
    assert [(html[w["start"]:w["end"]], w["folded"]) for w in found] == [
        ("Chỉ", "chi"), ("số", "so"), ("PCI", "pci"), ("69,5", "69,5")]
    assert [w for w in search_index.words(html)] == ["Chỉ", "số", "PCI", "69,5"]


def test_query_messages_to_the_worker_wait_newest_first(browser):
    """Passed to the worker as typed; while one runs, only the newest typed one waits."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>vi</title>")
    sent = page.evaluate("""async script => {
      window.Worker = class extends EventTarget {
        constructor() { super(); this.sent = []; }
        postMessage(m) { this.sent.push(m); }
        answer() { this.dispatchEvent(new MessageEvent("message", { data: { type: 3, data: { items: [] } } })); }
      };
      const tag = document.createElement("script");
      tag.textContent = script;
      document.head.appendChild(tag);
      const worker = new Worker("search.js");
      const steps = [];
      worker.postMessage({ type: 0, data: { docs: [] } });
      worker.postMessage({ type: 2, data: "Hoà bình " });
      worker.postMessage({ type: 2, data: "tuyen t" });   // dropped: a newer one came
      worker.postMessage({ type: 2, data: "tuyen tru" });
      steps.push(worker.sent.length);
      worker.answer();
      steps.push(worker.sent.length);
      worker.answer();
      return { sent: worker.sent, steps, stats: window.viSearch.stats };
    }""", SCRIPT.read_text(encoding="utf-8"))
    page.close()
    assert sent["sent"] == [{"type": 0, "data": {"docs": []}}, {"type": 2, "data": "Hoà bình "},
                            {"type": 2, "data": "tuyen tru"}]
    assert sent["steps"] == [2, 3]
    assert sent["stats"] == {"sent": 2, "answered": 2, "waiting": False, "last": "tuyen tru", "ms": None}


def _site_texts() -> list[str]:
    """Every page's Markdown and the glossary: the words the index is built from."""
    return [path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").rglob("*.md"))] + [
        (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8"),
        "Hoà Hòa HOÀ uỷ ủy thuý thúy Đảng ĐẠO ĐỨC x_y 25.12.2023 TP. “TOP 20” (SIPAS) 69,5% a—b ½ ①",
        unicodedata.normalize("NFD", "Nguyễn Thị Thuỷ khoẻ"),
    ]


def test_index_and_browser_agree_on_every_word(vi):
    """The words, folded and accented forms vanban/search_index.py indexes are the ones vi.js
    reads from the same text: a query typed as the text is written finds it."""
    texts = _site_texts()
    browser = vi("findWords", texts, True)  # as the index text is read: markup separates words
    for text, found in zip(texts, browser):
        python = search_index.words(text)
        assert [text[w["start"]:w["end"]] for w in found] == python
        assert [w["folded"] for w in found] == [search_index.fold(word) for word in python]
        assert [w["accented"] for w in found] == [search_index.accented(word) for word in python]


@pytest.mark.parametrize(("vi_data", "count", "expected"), [
    ({"approximate": True, "absent": ["kheo"], "total": 3, "read": 3}, 1, "Kết quả gần đúng: không tìm thấy kheo"),
    ({"approximate": True, "absent": [], "total": 3, "read": 3}, 1, "Kết quả gần đúng: không mục nào có đủ mọi từ"),
    ({"approximate": False, "absent": [], "total": 1234, "read": 30}, 30, "30 mục khớp nhất trong số 1.234 mục có đủ mọi từ"),
    ({"approximate": False, "absent": [], "total": 6, "read": 6}, 2, "2 tài liệu liên quan"),  # Material's own line
])
def test_result_line_names_partial_and_capped_answers(browser, vi_data, count, expected):
    """The page half rewrites Material's result count line after Material drew an answer."""
    page = browser.new_page()
    page.set_content('<!doctype html><title>vi</title><div class="md-search-result__meta">2 tài liệu liên quan</div>')
    line = page.evaluate("""async ([script, vi, count]) => {
      window.Worker = class extends EventTarget { postMessage() {} };
      const tag = document.createElement("script");
      tag.textContent = script;
      document.head.appendChild(tag);
      const worker = new Worker("search.js");
      worker.postMessage({ type: 2, data: "x" });
      const items = [Array.from({ length: count }, () => ({ score: 1 })).concat([{ score: 0 }])];
      worker.dispatchEvent(new MessageEvent("message", { data: { type: 3, data: { items, vi } } }));
      return document.querySelector(".md-search-result__meta").textContent;
    }""", [SCRIPT.read_text(encoding="utf-8"), vi_data, count])
    page.close()
    assert line == expected
