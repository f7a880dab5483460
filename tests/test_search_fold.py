"""The Vietnamese folding of search, tested on the shipped JavaScript file itself.

`overrides/assets/javascripts/lunr/min/lunr.vi.min.js` runs in Material's search
worker and on every page; here it is loaded into Chromium (the engine that runs
it for readers) and called over tables of Vietnamese letters and words.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "lunr" / "min" / "lunr.vi.min.js"

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
TOKENS = [("(SIPAS)", "sipas"), ("69,5", "69,5"), ("TP.", "tp"), ("“TOP", "top"), ("đ)", "d"), ("...", "")]
QUERIES = [
    ("cai cach", "cai^1 cach"),  # the last word is still being typed: a prefix
    ("tuyen tru", "tuyen^1 tru"),
    # white space ends a word: whole words only; a word with diacritics is also
    # sent in its accented form, marked `-` for the worker (the one being typed
    # as a prefix)
    ("Cải cách ", "cai^1 -cải cach^1 -cách "),
    ("dân vận", "dan^1 -dân van -vận*"),
    ("dan vận", "dan^1 van -vận*"),  # partly accented
    ('"TOP 20"', '"top 20"'),  # a quoted phrase keeps Material's meaning
    ("“TOP 20”", '"top 20"'),  # curly quotes from a phone keyboard
    ('"dân vận"', '"dan van"'),
    ("855/KH-UBND", "855/kh^1 ubnd"),  # a hyphen inside a term separates words
    ("1826/QĐ-UBND", "1826/qd^1 -qđ ubnd"),  # only the word with diacritics
    ("+hoà -ban x", "+hoa -ban x"),  # Material's operators stay
    ("Uỷ ban", "uy^1 -uỷ ban"),
    ("Ủy ban", "uy^1 -uỷ ban"),  # one accented form for both tone placements
]
PREFIXES = [("tuyen tru", "tru"), ("tuyen tru ", ""), ('"TOP 20', "20"), ('"TOP 20"', ""),
            ("855/KH-UBND", "ubnd"), ("THAM NHŨNG", "nhung"), ("", "")]


@pytest.fixture(scope="module")
def vi(browser):
    """A function calling `window.viSearch.<name>` in Chromium on a list of inputs."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>vi</title>")
    page.add_script_tag(path=str(SCRIPT))

    def call(name: str, values: list) -> list:
        return page.evaluate("([name, values]) => values.map(v => window.viSearch[name](v))", [name, values])

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


def test_index_tokens_lose_surrounding_punctuation(vi):
    assert vi("normalizeToken", [t for t, _ in TOKENS]) == [n for _, n in TOKENS]


def test_query_rewrite(vi):
    assert vi("prepareQuery", [q for q, _ in QUERIES]) == [r for _, r in QUERIES]


def test_worker_takes_the_accented_forms_out_of_the_query(vi):
    # After Material's transform; a reader's own "-ban" (folded) stays prohibited.
    queries = ["dan^1 -dân van* -vận*", "+hoa* -ban* -uỷ", "-qđ 1826^1"]
    assert vi("takeAccentedForms", queries) == [
        {"query": "dan^1 van*", "forms": [{"term": "dân", "prefix": False}, {"term": "vận", "prefix": True}]},
        {"query": "+hoa* -ban*", "forms": [{"term": "uỷ", "prefix": False}]},
        {"query": "1826^1", "forms": [{"term": "qđ", "prefix": False}]},
    ]


def test_word_still_being_typed(vi):
    assert vi("typedPrefix", [q for q, _ in PREFIXES]) == [p for _, p in PREFIXES]


def test_words_are_found_where_they_are(vi):
    text = "Chỉ số (PCI) đạt 69,5 điểm; Uỷ ban"
    found = vi("findWords", [text])[0]
    assert [(text[w["start"]:w["end"]], w["folded"]) for w in found] == [
        ("Chỉ", "chi"), ("số", "so"), ("PCI", "pci"), ("đạt", "dat"), ("69,5", "69,5"),
        ("điểm", "diem"), ("Uỷ", "uy"), ("ban", "ban")]


def test_query_messages_to_the_worker_are_rewritten_newest_first(browser):
    """Folded before they reach the worker; while one runs, only the newest typed one waits."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>vi</title>")
    sent = page.evaluate("""async script => {
      window.Worker = class extends EventTarget {
        constructor() { super(); this.sent = []; }
        postMessage(m) { this.sent.push(m); }
        answer() { this.dispatchEvent(new MessageEvent("message", { data: { type: 3, data: {} } })); }
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
    assert sent["sent"] == [{"type": 0, "data": {"docs": []}},
                            {"type": 2, "data": "hoa^1 -hoà binh^1 -bình "},
                            {"type": 2, "data": "tuyen^1 tru"}]
    assert sent["steps"] == [2, 3]
    assert sent["stats"] == {"sent": 2, "answered": 2, "waiting": False, "last": "tuyen^1 tru"}


def test_accented_index_tokens_lose_surrounding_punctuation(vi):
    tokens = ["(Dân)", "Uỷ,", "“Hòa", "đ)", "PAPI", "..."]
    assert vi("accentedToken", tokens) == ["dân", "uỷ", "hoà", "đ", "papi", ""]
