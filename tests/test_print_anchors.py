"""vanban.print_anchors: ids and internal links of the pages, kept in the combined print page.

Fast: small pages run through mkdocs-print-site-plugin's own rewriting
(`fix_internal_links`, as its renderer calls it), then through `relink`.
tests/test_pdf.py checks the real PDF.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from mkdocs_print_site_plugin.urls import fix_internal_links, get_page_key

from vanban.print_anchors import SITE_ID, SourcePage, check_anchors, page_ids, relink

# Today's clause markup, and the generated provision markup to come (an
# Akoma Ntoso eId as id, the published id kept as an empty alias anchor).
OBJECTIVES = """<h1 id="muc-tieu">1. Mục tiêu<a class="headerlink" href="#muc-tieu">&para;</a></h1>
<p class="clause" id="muc-tieu-a"><a class="clause-label" href="#muc-tieu-a">a)</a> Nâng cao vai trò.</p>
<div class="clause" id="muc-tieu-e">
<p><a class="clause-label" href="#muc-tieu-e">e)</a> Tuyên truyền mục tiêu:</p>
<ul><li id="muc-tieu-e-1">Chỉ số PAR INDEX.</li></ul>
</div>
<p id="cl_1__point_g" data-eid="cl_1__point_g" class="provision"><span id="muc-tieu-g" class="eid-alias"></span><a class="provision-label" href="#cl_1__point_g" aria-label="Liên kết đến điểm g khoản 1">g)</a> Điểm mới.</p>
<table><tr><th id="chi-so">Chỉ số</th><td headers="chi-so" id="o-1">PAPI</td></tr></table>
<p><span id="ghi-chu">Ghi chú</span> <label for="o-nhap">Nhập</label><input id="o-nhap"></p>
"""
HOME = """<h1 id="trang-chu">Trang chủ</h1>
<p>Xem <a href="muc-tieu.html#muc-tieu-e">mục tiêu e)</a>, <a href="muc-tieu.html">Mục tiêu</a>,
<a href="muc-tieu.html#muc-tieu-g">g)</a>, <a href="muc-tieu.html#cl_1__point_g">điểm g</a>,
<a href="van-ban/index.html#van-ban">văn bản</a>, <a href="van-ban.json">dữ liệu</a>,
<a href="https://example.org/">nguồn</a>, <a href="mailto:a@example.org">thư</a>.</p>
"""
DOCUMENTS = """<h1 id="van-ban">Văn bản</h1>
<p id="muc-tieu-a">Cùng id với một trang khác. <a href="../muc-tieu.html#muc-tieu-a">a)</a></p>
"""


def source(url: str, html: str) -> SourcePage:
    return SourcePage(get_page_key(url), url, html)


def combined(*pages: SourcePage) -> str:
    """The print page as mkdocs-print-site-plugin joins the pages (its renderer's steps),
    after a table of contents."""
    body = "".join(fix_internal_links(page.html, page.url, directory_urls=False, heading_number=str(n))
                   for n, page in enumerate(pages, 1))
    toc = "".join(f'<a href="#{page.key}">{page.url}</a>' for page in pages)
    return f'<html><body><div id="print-site-page"><nav>{toc}</nav>{body}</div></body></html>'


PAGES = (source("index.html", HOME), source("muc-tieu.html", OBJECTIVES), source("van-ban/index.html", DOCUMENTS))


def fixed() -> BeautifulSoup:
    text, problems = relink(combined(*PAGES), PAGES)
    assert problems == []
    return BeautifulSoup(text, "html.parser")


def test_the_plugin_alone_loses_the_ids_of_paragraphs_and_divs():
    """The fault this module fixes: links to ids it did not rename point at nothing."""
    problems = check_anchors(combined(*PAGES))
    assert "link '#muc-tieu-muc-tieu-e' points at no element" in problems
    assert "link '#muc-tieu-muc-tieu-a' points at no element" in problems


def test_every_id_of_every_page_gets_its_pages_key_and_keeps_the_site_id():
    soup = fixed()
    for page in PAGES:
        for element_id in page_ids(page.html):
            element = soup.find(id=f"{page.key}-{element_id}")
            assert element is not None, (page.url, element_id)
            assert element[SITE_ID] == element_id
    # The same id on two pages no longer collides.
    assert soup.find(id="muc-tieu-muc-tieu-a").name == "p"
    assert soup.find(id="van-ban-index-muc-tieu-a").get_text().startswith("Cùng id")
    assert check_anchors(str(soup)) == []


def test_links_point_at_the_element_on_the_right_page():
    soup = fixed()
    hrefs = {a.get_text(): a["href"] for a in soup.select("#index a")}
    assert hrefs["mục tiêu e)"] == "#muc-tieu-muc-tieu-e"
    assert hrefs["Mục tiêu"] == "#muc-tieu"
    assert hrefs["văn bản"] == "#van-ban-index-van-ban"
    # Links outside the pages stay as the plugin left them.
    assert hrefs["dữ liệu"] == "van-ban.json"
    assert hrefs["nguồn"] == "https://example.org/"
    assert hrefs["thư"] == "mailto:a@example.org"
    assert soup.select_one("#van-ban-index a")["href"] == "#muc-tieu-muc-tieu-a"
    label = soup.select_one("a.clause-label")
    assert label["href"] == "#muc-tieu-muc-tieu-a"


def test_provision_markup_its_alias_anchor_and_its_label():
    soup = fixed()
    provision = soup.find(id="muc-tieu-cl_1__point_g")
    assert provision["data-eid"] == "cl_1__point_g"
    alias = soup.find(id="muc-tieu-muc-tieu-g")
    assert alias.parent is provision and "eid-alias" in alias["class"]
    hrefs = {a.get_text(): a["href"] for a in soup.select("#index a")}
    assert hrefs["g)"] == "#muc-tieu-muc-tieu-g"
    assert hrefs["điểm g"] == "#muc-tieu-cl_1__point_g"
    assert provision.select_one("a.provision-label")["href"] == "#muc-tieu-cl_1__point_g"


def test_attributes_that_name_ids_follow_them():
    soup = fixed()
    assert soup.find(id="muc-tieu-o-1")["headers"] == ["muc-tieu-chi-so"]
    assert soup.select_one("#muc-tieu label")["for"] == "muc-tieu-o-nhap"


def test_the_rest_of_the_page_is_untouched():
    text, _ = relink(combined(*PAGES), PAGES)
    before = combined(*PAGES)
    # Only start tags with ids or links change: the text and the other markup stay byte for byte.
    assert BeautifulSoup(text, "html.parser").get_text() == BeautifulSoup(before, "html.parser").get_text()
    assert text.count("<") == before.count("<")
    assert text.startswith('<html><body><div id="print-site-page"><nav><a href="#index">index.html</a>')


def test_a_heading_the_plugin_adds_is_recognised():
    page = source("lien-he.html", '<p id="dia-chi">Địa chỉ <a href="#dia-chi">#</a></p>')
    joined = combined(page).replace('<section class="print-page" id="lien-he" heading-number="1">',
                                    '<section class="print-page" id="lien-he" heading-number="1">'
                                    '<h1 id="lien-he">Liên hệ</h1>')
    text, problems = relink(joined, [page])
    assert problems == []
    soup = BeautifulSoup(text, "html.parser")
    assert soup.find(id="lien-he-dia-chi").select_one("a")["href"] == "#lien-he-dia-chi"
    assert soup.select_one("h1").get("id") is None  # the section is #lien-he already


def test_problems_are_reported():
    broken = source("muc-tieu.html", '<p id="x">X</p><p id="x">again</p><a href="#y">y</a>')
    _, problems = relink(combined(broken), [broken])
    assert "id 'muc-tieu-x' is used 2 times" in problems
    assert any("points at an id muc-tieu.html does not have" in problem for problem in problems)
    missing = source("yeu-cau.html", "<p>Y</p>")
    _, problems = relink(combined(broken), [broken, missing])
    assert any("yeu-cau.html: not found in the print page" in problem for problem in problems)
    # Markup that does not match the page's is refused, not guessed at.
    _, problems = relink(combined(broken).replace('<a href="#muc-tieu-y">y</a>', ""), [broken])
    assert any("do not match" in problem for problem in problems)


def test_a_link_to_a_page_not_printed_leaves_the_pdf_instead_of_pointing_at_nothing():
    """A year list's second page is outside the nav, so not in the print page: the plugin still
    makes its link a same-document anchor, which pointed at nothing (and failed the strict
    print build of an archive with a long year)."""
    year = source("van-ban/nam-2024.html",
                  '<h1 id="nam-2024">Năm 2024</h1><p><a href="nam-2024/trang-2.html">Trang 2</a> '
                  '<a href="nam-2024/trang-2.html#van-ban">Trang 2, danh sách</a></p>')
    pages = (*PAGES, year)
    printed = combined(*pages)
    assert any("points at no element" in p for p in check_anchors(printed))  # the fault
    text, problems = relink(printed, pages)
    assert problems == []
    links = BeautifulSoup(text, "html.parser").find(id="van-ban-nam-2024-nam-2024").find_next("p").find_all("a")
    assert [a.get("href") for a in links] == [None, None] and links[0].get_text() == "Trang 2"
    text, problems = relink(printed, pages, "https://example.org/ke-hoach/")
    assert problems == []
    links = BeautifulSoup(text, "html.parser").find(id="van-ban-nam-2024-nam-2024").find_next("p").find_all("a")
    assert [a["href"] for a in links] == ["https://example.org/ke-hoach/van-ban/nam-2024/trang-2/",
                                          "https://example.org/ke-hoach/van-ban/nam-2024/trang-2/#van-ban"]
