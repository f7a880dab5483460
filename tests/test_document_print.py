"""A document's print page (vanban/document_print.py) from small rendered pages: where the parts
go, which ids stay, where links point, what is refused. Fast: no build."""

from __future__ import annotations

from vanban.document_print import BODY_CLASS, RenderedPage, compose, mark_text

HEAD = ('<head><meta charset="utf-8"><title>x</title><link rel="stylesheet" href="{root}assets/site.css">'
        "<script>alert(1)</script></head>")


def rendered(url: str, key: str, before: str, text: str, after: str = "", root: str = "") -> RenderedPage:
    """A page as the theme writes it: navigation, then the article (the content block) holding
    the marked text between what the template puts before and after it."""
    return RenderedPage(key, url, f'<!doctype html><html lang="vi">{HEAD.format(root=root)}'
                                  f'<body dir="ltr" data-md-color-scheme="default"><nav><a href="{root}index.html">Trang chủ</a></nav>'
                                  f'<article class="md-content__inner md-typeset">{before}{mark_text(text)}{after}</article>'
                                  "<footer>chân trang</footer></body></html>")


OWN = rendered(
    "van-ban/ke-hoach-1.html", "van-ban-ke-hoach-1",
    '<header class="official">QUỐC HIỆU</header><h1 id="ke-hoach">Kế hoạch</h1>',
    '<p id="intro">Xem <a href="../muc-tieu.html">Mục tiêu</a>, <a href="../muc-tieu.html#muc-tieu-a">điểm a</a>, '
    '<a href="../khac.html#x">trang khác</a> và <a href="https://example.org/">nguồn</a>.</p>',
    '<footer class="signature">CHỦ TỊCH</footer>', root="../")
PART = rendered(
    "muc-tieu.html", "muc-tieu", '<a class="md-content__button" href="https://edit">Sửa</a>',
    '<h1 class="provision" data-eid="cl_1" id="cl_1"><a class="provision-label" href="#cl_1">1.</a> Mục tiêu</h1>'
    '<p class="provision" data-eid="cl_1__point_a" id="cl_1__point_a"><span class="eid-alias" id="muc-tieu-a"></span>'
    '<a class="provision-label" href="#cl_1__point_a">a)</a> Nâng cao <img src="assets/hinh.png" alt="">.</p>'
    '<p id="ghi-chu" aria-describedby="muc-tieu-a">Ghi chú.</p>')


def published(path: str) -> str | None:
    return "https://example.org/site/" + path


def test_parts_go_where_the_document_page_s_own_text_ends_and_only_their_text_is_taken():
    html, problems = compose(OWN, [PART], url="ban-in/ke-hoach-1.html", title="Kế hoạch số 1", published=published)
    assert problems == []
    order = [html.index(text) for text in ("QUỐC HIỆU", "Kế hoạch</h1>", 'id="intro"', "Mục tiêu</h1>", "CHỦ TỊCH")]
    assert order == sorted(order)  # header, title, own text, the part, then the signature block
    assert '<section class="document-part" id="muc-tieu">' in html
    assert "Sửa" not in html  # outside the part's marked text
    assert "<nav>" not in html and "chân trang" not in html and "<script>" not in html
    assert "vanban:text" not in html
    assert f'class="{BODY_CLASS}"' in html and 'data-md-color-scheme="default"' in html
    assert '<title>Kế hoạch số 1</title>' in html and '<html lang="vi">' in html


def test_provision_ids_stay_other_ids_of_a_part_get_its_key():
    html, _ = compose(OWN, [PART], url="ban-in/ke-hoach-1.html", title="t", published=published)
    assert 'id="cl_1__point_a"' in html and 'id="intro"' in html and 'id="ke-hoach"' in html
    assert 'id="muc-tieu-muc-tieu-a"' in html and 'id="muc-tieu-ghi-chu"' in html
    assert 'aria-describedby="muc-tieu-muc-tieu-a"' in html


def test_links_inside_the_document_stay_inside_others_go_to_the_published_site_or_become_text():
    html, _ = compose(OWN, [PART], url="ban-in/ke-hoach-1.html", title="t", published=published)
    assert '<a href="#muc-tieu">Mục tiêu</a>' in html
    assert '<a href="#muc-tieu-muc-tieu-a">điểm a</a>' in html
    assert '<a href="https://example.org/site/khac.html#x">trang khác</a>' in html
    assert '<a href="https://example.org/">nguồn</a>' in html
    assert 'href="../assets/site.css"' in html and 'src="../assets/hinh.png"' in html  # from ban-in/
    offline, _ = compose(OWN, [PART], url="ban-in/ke-hoach-1.html", title="t", published=lambda path: None)
    assert "<a>trang khác</a>" in offline


def test_what_the_pdf_could_not_use_is_reported():
    unmarked = RenderedPage(PART.key, PART.url, PART.html.replace("<!-- /vanban:text -->", ""))
    _, problems = compose(OWN, [unmarked], url="ban-in/x.html", title="t", published=published)
    assert any("its text is not marked" in problem for problem in problems)
    unlinked = RenderedPage(PART.key, PART.url, PART.html.replace('href="#cl_1__point_a"', 'href="#cl_1"'))
    _, problems = compose(OWN, [unlinked], url="ban-in/x.html", title="t", published=published)
    assert problems == ["provision 'cl_1__point_a' has no link to itself (its printed label)"]
    twice = RenderedPage("yeu-cau", "yeu-cau.html", PART.html)
    _, problems = compose(OWN, [PART, twice], url="ban-in/x.html", title="t", published=published)
    assert "id 'cl_1' is used 2 times" in problems
