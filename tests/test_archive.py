"""The archive list ("Văn bản"): generated from front matter, newest first, by year; the nav.

The model and the extension over small docs folders first (fast), then the built site: the list
of the real documents, the years in the nav and no document there, the relations 855 <-> 1826 on
the built pages. Adding a document with `make new`: tests/test_editing.py. Filters in a browser:
tests/test_archive_browser.py. Page weight at 1,000 documents: tests/test_archive_scale.py.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions

from scripts.check_content import check_nav, load_nav
from site_text import ROOT, generated_pages
from test_references import document
from vanban import archive, catalog
from vanban.archive import Limits
from vanban.extensions.archive import ArchiveExtension
from vanban.extensions.references import ReferencesExtension
from vanban.front_matter import FRONT_MATTER_RE

DOCS = ROOT / "docs"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """Seven documents over three years, in no order, and the list index."""
    folder = tmp_path / "docs"
    for path, kind, number, date in [
        ("van-ban/a.md", "Kế hoạch", "5/KH-UBND", "10/03/2023"),
        ("van-ban/b.md", "Quyết định", "200/QĐ-UBND", "01/02/2024"),
        ("van-ban/c.md", "Công văn", "31/UBND-VX", "01/02/2024"),
        ("van-ban/d.md", "Kế hoạch", "40/KH-UBND", "28/12/2024"),
        ("van-ban/e.md", "Quyết định", "7/QĐ-UBND", "05/01/2022"),
        ("van-ban/f.md", "Kế hoạch", "6/KH-UBND", "11/03/2023"),
        ("van-ban/g.md", "Quyết định", "199/QĐ-UBND", "01/02/2024"),
    ]:
        document(folder, path, kind, number, date, abstract=f"Trích yếu của {number}")
    (folder / "van-ban" / "index.md").write_text(
        "---\ntitle: Văn bản\ndescription: x\narchive: index\n---\n\n# Văn bản\n\nLời dẫn.\n", encoding="utf-8")
    return folder


NEWEST_FIRST = ["40/KH-UBND", "200/QĐ-UBND", "199/QĐ-UBND", "31/UBND-VX", "6/KH-UBND", "5/KH-UBND", "7/QĐ-UBND"]


def render(docs: Path, page: str, **options) -> BeautifulSoup:
    text = (docs / page).read_text(encoding="utf-8") if (docs / page).is_file() else ""
    return render_text(docs, page, text, **options)


def render_text(docs: Path, page: str, text: str, **options) -> BeautifulSoup:
    meta = yaml.safe_load(FRONT_MATTER_RE.match(text).group(1))
    body = text[FRONT_MATTER_RE.match(text).end():]
    extension = ArchiveExtension(docs_dir=str(docs), **options)
    extension.page = (page, meta)
    md = markdown.Markdown(extensions=["toc", "attr_list", extension])
    return BeautifulSoup(md.convert(body), "html.parser")


def listed(soup: BeautifulSoup) -> list[str]:
    return [item.select_one("a").get_text().rsplit(" ", 1)[1] for item in soup.select(".vb-item")]


# --- the model ----------------------------------------------------------------------------------

def test_newest_first_then_higher_number_by_year(docs):
    site = catalog.read(docs)
    assert [d.number for d in site.documents] == NEWEST_FIRST
    assert [(year, [d.number for d in group]) for year, group in archive.by_year(site.documents)] == [
        (2024, NEWEST_FIRST[:4]), (2023, NEWEST_FIRST[4:6]), (2022, NEWEST_FIRST[6:])]


def test_pages_hold_at_most_per_page_documents_and_page_bytes(docs):
    site = catalog.read(docs)
    sizes = [archive.item_bytes(d) for d in site.documents]
    assert [len(p) for p in archive.paginate(site.documents, 3, 10**6)] == [3, 3, 1]
    by_size = archive.paginate(site.documents, 100, sizes[0] + sizes[1])
    assert [len(p) for p in by_size] == [2, 2, 2, 1]
    assert archive.paginate(site.documents, 100, 1) == [[d] for d in site.documents]  # one each, never none


def test_year_pages_paths_titles_and_front_matter(docs):
    site = catalog.read(docs)
    pages = archive.year_pages(site, "van-ban/index.md", Limits(per_page=3))
    assert [(p.path, p.number, p.count, p.first, p.total) for p in pages] == [
        ("van-ban/nam-2024/index.md", 1, 2, 1, 4), ("van-ban/nam-2024/trang-2.md", 2, 2, 4, 4),
        ("van-ban/nam-2023/index.md", 1, 1, 1, 2), ("van-ban/nam-2022/index.md", 1, 1, 1, 1)]
    text = archive.page_markdown(pages[1])
    front = yaml.safe_load(FRONT_MATTER_RE.match(text).group(1))  # what MkDocs will read
    assert front["title"] == "Văn bản năm 2024 (trang 2)" and front["archive"] == "2024/2"
    assert archive.parse_value(front["archive"]) == ("year", 2024, 2)
    assert archive.parse_value("index") == ("index", None, None)
    assert archive.parse_value("x")[0] == ""


# --- the extension --------------------------------------------------------------------------------

def test_the_index_lists_every_document_by_year_without_year_pages(docs):
    soup = render(docs, "van-ban/index.md")
    box = soup.select_one("#danh-sach")
    assert box.has_attr("data-complete")
    assert box["data-loai"] == "Công văn|Kế hoạch|Quyết định" and box["data-nam"] == "2024|2023|2022"
    assert [h.get_text() for h in box.select("h2")] == ["Năm 2024", "Năm 2023", "Năm 2022"]
    assert [h["id"] for h in box.select("h2")] == ["nam-2024", "nam-2023", "nam-2022"]
    assert listed(soup) == NEWEST_FIRST
    # Each item: form and number linked to the page, date, issuer, abstract.
    first = box.select_one(".vb-item")
    assert first.select_one("a")["href"] == "d.md"
    assert first.get_text(" ", strip=True) == ("Kế hoạch số 40/KH-UBND ngày 28/12/2024 của UBND tỉnh Ninh Thuận "
                                               "Trích yếu của 40/KH-UBND")
    assert first.select_one("time")["datetime"] == "2024-12-28"
    assert first.select_one(".vb-item__abstract").get_text() == "Trích yếu của 40/KH-UBND"
    assert soup.select_one("p").get_text() == "Lời dẫn."  # the page's own text first
    assert box.select_one(".vb-years") is None


def test_with_year_pages_the_index_lists_the_newest_and_links_every_year(docs):
    soup = render(docs, "van-ban/index.md", year_pages=True, newest=3)
    box = soup.select_one("#danh-sach")
    assert not box.has_attr("data-complete")
    assert listed(soup) == NEWEST_FIRST[:3]
    assert "3 văn bản mới nhất trong 7 văn bản" in box.get_text()
    years = [(a["href"], a.parent.get_text()) for a in box.select(".vb-years a")]
    assert years == [("nam-2024/index.md", "Năm 2024: 4 văn bản"), ("nam-2023/index.md", "Năm 2023: 2 văn bản"),
                     ("nam-2022/index.md", "Năm 2022: 1 văn bản")]


def test_a_year_page_lists_its_part_and_links_the_others(docs):
    pages = archive.year_pages(catalog.read(docs), "van-ban/index.md", Limits(per_page=3))
    soup = render_text(docs, pages[1].path, archive.page_markdown(pages[1]), year_pages=True, per_page=3)
    assert soup.select_one("h1").get_text() == "Văn bản năm 2024 (trang 2)"
    assert listed(soup) == ["31/UBND-VX"]
    assert soup.select_one(".vb-item a")["href"] == "../c.md"
    assert "Văn bản thứ 4 đến 4 trong 4 văn bản năm 2024" in soup.get_text()
    pager = soup.select_one("nav.vb-pages")
    assert pager["aria-label"] == "Các trang danh sách năm 2024"
    assert [(li.get_text(), li.a["href"] if li.a else None) for li in pager.select("li")] == [
        ("Trang 1", "index.md"), ("Trang 2", None)]
    assert pager.select_one("[aria-current=page]").get_text() == "Trang 2"
    assert soup.select_one(".vb-archive__more a")["href"] == "../index.md"


def test_an_unknown_archive_value_stops_the_build(docs):
    with pytest.raises(ValueError, match="no list page 1999"):
        render_text(docs, "x.md", "---\ntitle: x\narchive: 1999\n---\n\n# x\n", year_pages=True)
    with pytest.raises(ValueError, match="'archive: năm'"):
        render_text(docs, "x.md", "---\ntitle: x\narchive: năm\n---\n\n# x\n")


def test_the_list_is_not_re_read_by_the_linker(docs):
    """The list runs after the document links: its items are not linked twice."""
    text = (docs / "van-ban" / "index.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(FRONT_MATTER_RE.match(text).group(1))
    extensions = [ArchiveExtension(docs_dir=str(docs)), ReferencesExtension(docs_dir=str(docs))]
    for extension in extensions:
        extension.page = ("van-ban/index.md", meta)
    html = markdown.Markdown(extensions=["toc", *extensions]).convert(text[FRONT_MATTER_RE.match(text).end():])
    assert "doc-ref" not in html and html.count('class="vb-item"') == 7


# --- the nav and the checker agree with MkDocs ------------------------------------------------

def test_checker_allows_outside_the_nav_exactly_the_documents_mkdocs_exempts(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"))
    files = Files([File(path.relative_to(DOCS).as_posix(), str(DOCS), str(tmp_path), True)
                   for path in sorted(DOCS.rglob("*.md"))])
    set_exclusions(files, config)
    nav = load_nav(ROOT / "mkdocs.yml")
    outside = [f for f in files if f.inclusion == InclusionLevel.NOT_IN_NAV]
    assert {f.src_uri for f in outside} >= {"van-ban/ke-hoach-855-kh-ubnd.md", "van-ban/quyet-dinh-1826-qd-ubnd.md"}
    assert check_nav([Path(f.abs_src_path) for f in files], DOCS, nav, config.not_in_nav) == []
    # A page that is no document, where documents live: MkDocs would not say a word; the checker does.
    folder = tmp_path / "docs"
    (folder / "van-ban").mkdir(parents=True)
    (folder / "van-ban" / "ghi-chu.md").write_text("---\ntitle: x\ndescription: y\n---\n\n# x\n", encoding="utf-8")
    document(folder, "van-ban/kh.md", "Kế hoạch", "1/KH", "01/01/2024")
    [finding] = check_nav(sorted((folder / "van-ban").glob("*.md")), folder, nav, config.not_in_nav)
    assert finding.path.name == "ghi-chu.md" and finding.rule == "nav"
    assert "không phải trang văn bản" in finding.message
    # Without not_in_nav a document must be in the nav, as before.
    assert len(check_nav([folder / "van-ban" / "kh.md"], folder, nav, None)) == 1


# --- the built site -----------------------------------------------------------------------------

def soup_of(site: Path, *parts: str) -> BeautifulSoup:
    return BeautifulSoup((site.joinpath(*parts) / "index.html").read_text(encoding="utf-8"), "html.parser")


def nav_titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]


def test_built_list_of_the_sites_documents(site_dir):
    soup = soup_of(site_dir, "van-ban")
    box = soup.select_one("article #danh-sach")
    groups = [(h.get_text(strip=True).removesuffix("¶"), [a.get_text() for a in h.find_next("ul").select(".vb-item a")])
              for h in box.select("h2") if h["id"].startswith("nam-")]
    assert groups == [("Năm 2024", ["Kế hoạch số 855/KH-UBND"]), ("Năm 2023", ["Quyết định số 1826/QĐ-UBND"])]
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in box.select(".vb-item")]
    assert items == [
        "Kế hoạch số 855/KH-UBND ngày 28/02/2024 của UBND tỉnh Ninh Thuận "
        "Thông tin, tuyên truyền cải cách hành chính tỉnh Ninh Thuận năm 2024",
        "Quyết định số 1826/QĐ-UBND ngày 25/12/2023 của Chủ tịch UBND tỉnh Ninh Thuận "
        "Ban hành kèm theo Kế hoạch cải cách hành chính tỉnh Ninh Thuận năm 2024"]
    assert [a["href"] for a in box.select(".vb-item a")] == ["ke-hoach-855-kh-ubnd/", "quyet-dinh-1826-qd-ubnd/"]
    # Nothing of the list is written in the page's source.
    source = (DOCS / "van-ban" / "index.md").read_text(encoding="utf-8")
    assert "855/KH-UBND" not in source and "1826" not in source


def test_years_in_the_nav_documents_not(site_dir):
    assert generated_pages() == ["van-ban/nam-2024/index.md", "van-ban/nam-2023/index.md"]
    for parts in [(), ("lien-he",), ("van-ban",), ("van-ban", "nam-2024"), ("van-ban", "ke-hoach-855-kh-ubnd")]:
        titles = nav_titles(soup_of(site_dir, *parts))
        at = titles.index("Văn bản")
        assert titles[at:at + 3] == ["Văn bản", "Năm 2024", "Năm 2023"], parts
        assert not [t for t in titles if "855/KH-UBND" in t or "1826/QĐ-UBND" in t], parts
    year = soup_of(site_dir, "van-ban", "nam-2023")
    assert [a.get_text() for a in year.select("article .vb-item a")] == ["Quyết định số 1826/QĐ-UBND"]
    assert year.select_one("article .vb-item a")["href"] == "../quyet-dinh-1826-qd-ubnd/"


def test_built_relations_855_cites_1826_and_1826_is_cited_by_855(site_dir):
    plan = soup_of(site_dir, "van-ban", "ke-hoach-855-kh-ubnd")
    decision = soup_of(site_dir, "van-ban", "quyet-dinh-1826-qd-ubnd")

    def listed_in(soup: BeautifulSoup, key: str) -> list[tuple[str, str]]:
        return [(a.get_text(), a["href"]) for a in soup.select(f'aside.doc-properties dd[data-key="{key}"] a')]

    assert listed_in(plan, "van_ban_can_cu") == [("Quyết định số 1826/QĐ-UBND", "../quyet-dinh-1826-qd-ubnd/")]
    assert listed_in(plan, "van_ban_dan_chieu") == []
    assert listed_in(decision, "van_ban_dan_chieu") == [("Kế hoạch số 855/KH-UBND", "../ke-hoach-855-kh-ubnd/")]
    assert listed_in(decision, "van_ban_can_cu") == []
    labels = [dt.get_text() for dt in plan.select("aside.doc-properties dt")]
    assert labels[-2:] == ["Văn bản căn cứ", "Văn bản dẫn chiếu đến văn bản này"]
    # The number in 855's front matter (căn cứ) links 1826, in the box of its page and of the home page.
    assert listed_in(plan, "can_cu") == [("Quyết định số 1826/QĐ-UBND", "../quyet-dinh-1826-qd-ubnd/")]
    home = soup_of(site_dir)
    assert listed_in(home, "can_cu") == [("Quyết định số 1826/QĐ-UBND", "van-ban/quyet-dinh-1826-qd-ubnd/")]
    # ... and in the home page's text, which says "ban hành kèm theo Quyết định số 1826/QĐ-UBND".
    intro = home.select_one("article h1").find_next("p", class_=lambda c: c != "doc-properties__title")
    while intro is not None and "kèm theo" not in intro.get_text():
        intro = intro.find_next("p")
    link = intro.select_one("a.doc-ref")
    assert link.get_text() == "Quyết định số 1826/QĐ-UBND" and link["href"] == "van-ban/quyet-dinh-1826-qd-ubnd/"
    # No page links itself.
    assert not plan.select('article a.doc-ref[href="./"], article a.doc-ref[href=""]')
    assert "Đính kèm: Kế hoạch số 855/KH-UBND" in plan.select_one("article").get_text()


def test_without_the_references_extension_a_document_keeps_its_own_box(tmp_path):
    """The box reads `page.meta.vanban`; a config without the extension still shows a document's
    own properties (no relations, no box on pages that only present or hold part of one)."""
    from mkdocs.commands.build import build

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.markdown_extensions.remove("vanban.extensions.references")
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    plan = soup_of(tmp_path / "site", "van-ban", "ke-hoach-855-kh-ubnd")
    keys = [dd["data-key"] for dd in plan.select("aside.doc-properties dd")]
    assert keys == ["loai_van_ban", "so_ky_hieu", "co_quan_ban_hanh", "ngay_ban_hanh", "can_cu", "trich_yeu",
                    "tep_dinh_kem"]
