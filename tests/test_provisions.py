"""The provisions extension over small inputs: one case per rule of ../shared/PROVISIONS.md.

Fast, no site build (the pattern of pymdownx's tests): Python-Markdown renders a few lines with
the extension, and the test reads the ids, labels and findings. `tests/test_realdocs.py` checks
three real documents through a full site build.
"""

from __future__ import annotations

import unicodedata

import markdown
import pytest
from markdown.test_tools import TestCase

from vanban import citation
from vanban.extensions.provisions import ProvisionsExtension, is_closing, read_raw
from vanban.markers import Marker, next_in_sequence, read_marker, roman_value
from vanban.outline import Outline

EXTENSIONS = ["abbr", "admonition", "attr_list", "fenced_code", "footnotes", "md_in_html", "tables", "toc"]


def render(source: str, **options) -> markdown.Markdown:
    md = markdown.Markdown(extensions=[*EXTENSIONS, ProvisionsExtension(**{"document": True, **options})])
    md.html = md.convert(source)  # type: ignore[attr-defined]
    return md


def ids(source: str, **options) -> list[str]:
    return [item["eid"] for item in render(source, **options).provisions]


def issues(source: str) -> list[tuple[str, int, int]]:
    return [(item["rule"], item["line"], item["col"]) for item in render(source).provision_issues]


# --- markers --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Phần I. Những quy định chung", ("part", "I", "Phần I.")),
    ("Phần thứ nhất Quy định chung", ("part", "1", "Phần thứ nhất")),
    ("Chương II QUY ĐỊNH CỤ THỂ", ("chp", "II", "Chương II")),
    ("II. NHIỆM VỤ", ("sec", "II", "II.")),
    ("Mục 1. Quy định chung", ("sec", "1", "Mục 1.")),
    ("Điều 12. Hiệu lực", ("art", "12", "Điều 12.")),
    ("3. Sở Tài chính", ("cl", "3", "3.")),
    ("2.1. Công bố", ("cl", "2-1", "2.1.")),
    ("2.1.3. Niêm yết", ("cl", "2-1-3", "2.1.3.")),
    ("a) Nâng cao", ("point", "a", "a)")),
    ("đ) Tăng cường", ("point", "dd", "đ)")),
    ("- Sở Nội vụ", ("indent", "", "-")),
    ("– trực tuyến", ("indent", "", "–")),
    ("+ không yêu cầu", ("indent", "", "+")),
    ("PHỤ LỤC I: DANH MỤC", ("att", "I", "PHỤ LỤC I:")),
    ("a)\u00a0Nâng cao", ("point", "a", "a)")),  # a no-break space after the marker
])
def test_markers_are_read_as_printed(text, expected):
    lead = read_marker(text)
    assert lead is not None
    assert (lead.marker.type, lead.marker.num, lead.marker.label) == expected


@pytest.mark.parametrize("text", [
    "--- rule", "------", "1.500 hồ sơ", "2024. Năm", "Mục tiêu", "C. Kết luận", "a)b", "Điều kiện", "abc) x",
])
def test_what_is_not_a_marker(text):
    assert read_marker(text) is None


def test_marker_seen_through_emphasis_and_link_syntax():
    assert read_raw("**Điều 1.** Ban hành").rest == "Ban hành"
    assert read_raw("**1. Về nội dung**").rest == "**Về nội dung**"
    assert read_raw('[a)](#x){ .clause-label title="a)" } Duy trì').rest == "Duy trì"
    assert read_raw("*a)* Nâng cao").lead.marker.num == "a"
    assert read_raw("1\\. không phải khoản") is None  # an escaped number is text


def test_sequences():
    assert roman_value("XIV") == 14
    assert next_in_sequence(Marker("point", "d", "d)")) == "dd"
    assert next_in_sequence(Marker("point", "dd", "đ)")) == "e"
    assert next_in_sequence(Marker("cl", "2-1", "2.1.")) == "2-2"
    assert next_in_sequence(Marker("sec", "IV", "IV.")) == "V"


# --- nesting and ids (PROVISIONS.md §1, §4) ---------------------------------------------------

def test_levels_nest_by_marker_never_by_heading_level():
    source = "# I. MỤC ĐÍCH\n\n# 1. Mục đích\n\na) Một;\n\nb) Hai.\n\n## II. NHIỆM VỤ\n\n1. Ba.\n"
    assert ids(source) == ["sec_I", "sec_I__cl_1", "sec_I__cl_1__point_a", "sec_I__cl_1__point_b",
                           "sec_II", "sec_II__cl_1"]


def test_skipped_levels():
    assert ids("I. Mục.\n\na) Điểm dưới mục.\n") == ["sec_I", "sec_I__point_a"]
    assert ids("2. Khoản.\n\na) Điểm.\n") == ["cl_2", "cl_2__point_a"]


def test_dotted_khoan_nest_under_their_khoan():
    source = "### 2. Công bố\n\n2.1. Một.\n2.2. Hai.\n2.2.1. Ba.\n2.3. Bốn.\n"
    assert ids(source) == ["cl_2", "cl_2__cl_2-1", "cl_2__cl_2-2", "cl_2__cl_2-2__cl_2-2-1", "cl_2__cl_2-3"]


def test_consecutive_lines_are_separate_provisions():
    md = render("Các nội dung sau:\na) Một;\nb) Hai;\nđ) Ba.\n")
    assert [item["eid"] for item in md.provisions] == ["point_a", "point_b", "point_dd"]
    assert md.html.count("<p") == 4


def test_hard_wrapped_line_is_text_and_suspect_markers_are_reported():
    md = render("1. Khoản một.\n\nTheo quy định tại\na) văn bản này\n")
    assert [item["eid"] for item in md.provisions] == ["cl_1"]
    assert [(item["rule"], item["line"], item["col"]) for item in md.provision_issues] == [("provision-wrap", 4, 1)]
    # A number that merely begins a wrapped line is not suspect.
    assert issues("1. Khoản một.\n\nTổng cộng có\n25. người tham dự\n") == []


def test_ordered_list_keeps_printed_numbers():
    md = render("1. Một.\n2. Hai.\n4. Bốn.\n")
    assert [item["eid"] for item in md.provisions] == ["cl_1", "cl_2", "cl_4"]
    assert '<ol class="provision-list">' in md.html and ">4.</a>" in md.html
    assert [(item["rule"], item["line"]) for item in md.provision_issues] == [("provision-order", 3)]


def test_plus_items_nest_under_their_dash_item_at_any_indentation():
    two = "1. Khoản:\n\n- Sở Nội vụ:\n  + Hướng dẫn;\n  + Tổng hợp.\n- Sở Tài chính.\n"
    four = "1. Khoản:\n\n- Sở Nội vụ:\n    + Hướng dẫn;\n    + Tổng hợp.\n- Sở Tài chính.\n"
    lines = "1. Khoản:\n\nNội dung:\n- Sở Nội vụ:\n+ Hướng dẫn;\n+ Tổng hợp.\n- Sở Tài chính.\n"
    expected = ["cl_1", "cl_1__indent_1", "cl_1__indent_1__indent_1", "cl_1__indent_1__indent_2", "cl_1__indent_2"]
    assert ids(two) == ids(four) == ids(lines) == expected


def test_dash_kinds_share_one_count_and_belong_to_the_innermost_numbered_provision():
    source = "a) Điểm:\n– một;\n- hai;\n\n* ba.\n"
    assert ids(source) == ["point_a", "point_a__indent_1", "point_a__indent_2", "point_a__indent_3"]


def test_unmarked_paragraph_belongs_to_innermost_provision_that_is_not_a_dash_item():
    md = render("1. Khoản:\n\n- một;\n- hai.\n\nĐoạn không đánh số.\n\n- ba.\n")
    assert [item["eid"] for item in md.provisions] == ["cl_1", "cl_1__indent_1", "cl_1__indent_2", "cl_1__indent_3"]
    assert md.provisions[0]["text"] == "Khoản:\nĐoạn không đánh số."


def test_a_paragraph_provision_with_dash_items_keeps_its_own_text():
    """`a) Lead:` followed by its dash items is one container (a div around the paragraph and the
    list); the provision's own text is the paragraph's, not empty."""
    md = render("1. Khoản.\n\na) Tuyên truyền các chỉ số như:\n\n- một;\n- hai.\n\nĐoạn sau.\n")
    texts = {item["eid"]: item["text"] for item in md.provisions}
    assert texts["cl_1__point_a"] == "Tuyên truyền các chỉ số như:\nĐoạn sau."
    assert texts["cl_1__point_a__indent_1"] == "một;"
    assert 'class="provision" data-eid="cl_1__point_a"' in md.html and md.html.count("<div") == 1


def test_nfd_input_reads_like_nfc():
    source = unicodedata.normalize("NFD", "Điều 1. Ban hành.\nĐiều 2. Hiệu lực.\n")
    assert ids(source) == ["art_1", "art_2"]


# --- attachments (§2) ---------------------------------------------------------------------

def test_attachments_restart_the_hierarchy():
    source = ("Điều 1. Ban hành.\n\n## KẾ HOẠCH\n\n*(Ban hành kèm theo Quyết định số 1/QĐ-UBND)*\n\n"
              "### I. MỤC ĐÍCH\n\n1. Một.\n\n## PHỤ LỤC II: DANH MỤC\n\n1. Hai.\n")
    md = render(source)
    assert [item["eid"] for item in md.provisions] == ["art_1", "att_1", "att_1__sec_I", "att_1__sec_I__cl_1",
                                                       "att_2", "att_2__cl_1"]
    attachment = md.provisions[4]
    assert (attachment["label"], attachment["text"], attachment["name"]) == ("PHỤ LỤC II:", "DANH MỤC", "Phụ lục II")


# --- what is not a provision (§5) -------------------------------------------------------------

def test_preamble_closing_and_blocks_that_are_never_read():
    source = """Kính gửi:
- Sở Nội vụ;
- Sở Tài chính.

*Căn cứ Luật Tổ chức chính quyền địa phương;*

1. Khoản một.

```
2. trong khối mã
```

| 3. trong bảng |
| --- |

!!! note "Ghi chú"

    4. trong ghi chú

<!-- 5. trong chú thích HTML -->

2. Khoản hai[^1].

Trên đây là kế hoạch./.

3. Sau phần kết.

**Nơi nhận:**
- Như trên;
- Lưu: VT.

[^1]: 6. lời chú thích
"""
    assert ids(source) == ["cl_1", "cl_2"]
    assert issues(source) == []


@pytest.mark.parametrize(("text", "closing"), [
    ("Chủ tịch UBND tỉnh yêu cầu triển khai nghiêm túc./.", True),
    ("*Trên đây là Kế hoạch...*", True),
    ("**Nơi nhận:**", True),
    ("KT. CHỦ TỊCH", True),
    ("Kết quả thực hiện gửi Sở Nội vụ.", False),
])
def test_closing(text, closing):
    assert is_closing(text) is closing


def test_site_pages_get_no_provisions():
    md = markdown.Markdown(extensions=[*EXTENSIONS, ProvisionsExtension()])
    html = md.convert("1. Một.\n3. Ba.\n\na) Điểm.\n")
    assert md.provisions == [] and "data-eid" not in html and "provision" not in html
    assert html.startswith("<ol>\n<li>Một.</li>\n<li>Ba.</li>")  # a site page's list is a plain list


def test_page_metadata_decides():
    extension = ProvisionsExtension()
    md = markdown.Markdown(extensions=[extension])
    for meta, expected in (({"document": {"so_ky_hieu": "1/KH"}}, ["cl_1"]), ({"part_of": "1/KH"}, ["cl_1"]),
                           ({"about": "1/KH"}, []), ({}, [])):
        extension.page = ("p.md", meta)
        md.reset()
        md.convert("1. Một.\n")
        assert [item["eid"] for item in md.provisions] == expected, meta


# --- the rendered provision ---------------------------------------------------------------

class TestRendering(TestCase):
    """Literal HTML of small inputs."""

    default_kwargs = {"extensions": ["attr_list", ProvisionsExtension(document=True)]}

    def test_point_paragraph(self):
        self.assertMarkdownRenders(
            "đ) Tăng cường phối hợp.",
            '<p class="provision" data-eid="point_dd" id="point_dd"><a aria-label="Liên kết đến điểm đ" '
            'class="provision-label" href="#point_dd">đ)</a> Tăng cường phối hợp.</p>')

    def test_hand_written_id_stays_as_an_alias_anchor(self):
        self.assertMarkdownRenders(
            "a) Nâng cao.\n{ #muc-tieu-a }",
            '<p class="provision" data-eid="point_a" id="point_a"><span class="eid-alias" id="muc-tieu-a"></span>'
            '<a aria-label="Liên kết đến điểm a" class="provision-label" href="#point_a">a)</a> Nâng cao.</p>')

    def test_paragraph_and_what_belongs_to_it_share_a_container(self):
        self.assertMarkdownRenders(
            "e) Chỉ số:\n\n- PAPI.",
            '<div class="provision" data-eid="point_e" id="point_e">'
            '<p><a aria-label="Liên kết đến điểm e" class="provision-label" href="#point_e">e)</a> Chỉ số:</p>\n'
            '<ul class="provision-list">\n'
            '<li class="provision" data-eid="point_e__indent_1" id="point_e__indent_1"><a aria-label="Liên kết '
            'đến gạch đầu dòng thứ nhất điểm e" class="provision-label" href="#point_e__indent_1">-</a> PAPI.</li>\n'
            '</ul>\n</div>')


def test_register_aliases_land_on_their_provision(tmp_path):
    register = tmp_path / "ids.txt"
    register.write_text("# page id lands-on\np.md  muc-tieu-a  cl_1__point_a\np.md  cl_1__point_a\n", encoding="utf-8")
    extension = ProvisionsExtension(register=str(register))
    extension.page = ("p.md", {"part_of": "855/KH-UBND"})
    html = markdown.markdown("# 1. Mục tiêu\n\na) Nâng cao.\n", extensions=[extension])
    assert '<span class="eid-alias" id="muc-tieu-a"></span>' in html.split('id="cl_1__point_a"', 1)[1]


def test_computing_the_ids_again_changes_nothing():
    source = "I. Mục.\n\n1. Khoản:\n- một;\n+ hai.\n\na) Điểm.\n"
    md = markdown.Markdown(extensions=[*EXTENSIONS, ProvisionsExtension(document=True)])
    first = md.convert(source)
    md.reset()
    assert md.convert(source) == first


# --- findings -------------------------------------------------------------------------------

def test_out_of_sequence_repeated_and_foreign_letters():
    assert issues("a) Một.\n\nb) Hai.\n\nd) Bốn.\n") == [("provision-order", 5, 1)]
    found = render("a) Một.\n\nb) Hai.\n\nb) Lại hai.\n").provision_issues
    assert [item["rule"] for item in found] == ["provision-id", "provision-order"]
    duplicate = found[0]
    assert (duplicate["line"], "dòng 3" in duplicate["message"]) == (5, True)  # names both lines
    assert issues("a) Một.\n\nb) Hai.\n\nf) Sáu.\n")[0][0] == "provision-order"
    assert issues("b) Bắt đầu sai.\n")[0][0] == "provision-order"


def test_a_page_holding_part_of_a_document_may_start_anywhere():
    extension = ProvisionsExtension()
    extension.page = ("yeu-cau.md", {"part_of": "855/KH-UBND"})
    md = markdown.Markdown(extensions=[extension])
    md.convert("# 2. Yêu cầu\n\na) Một.\n")
    assert md.provision_issues == []


def test_empty_provision():
    assert issues("1. Khoản.\n\n2.\n") == [("provision-empty", 3, 1)]


def test_citations():
    outline = Outline()
    section = outline.add(read_marker("II. x").marker)
    khoan = outline.add(read_marker("3. x").marker)
    point = outline.add(read_marker("đ) x").marker)
    dash = outline.add(read_marker("- x").marker)
    assert (section.eid, khoan.eid, point.eid, dash.eid) == (
        "sec_II", "sec_II__cl_3", "sec_II__cl_3__point_dd", "sec_II__cl_3__point_dd__indent_1")
    assert citation.cite(point) == "điểm đ khoản 3 Mục II"
    assert citation.cite(dash) == "gạch đầu dòng thứ nhất điểm đ khoản 3 Mục II"
    document = {"loai_van_ban": "Kế hoạch", "so_ky_hieu": "855/KH-UBND", "ngay_ban_hanh": "28/02/2024",
                "co_quan_ban_hanh": "UBND tỉnh Ninh Thuận"}
    assert citation.formal(point, document) == (
        "điểm đ khoản 3 Mục II Kế hoạch số 855/KH-UBND ngày 28/02/2024 của Ủy ban nhân dân tỉnh Ninh Thuận")
