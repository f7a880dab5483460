"""The benchmarks' comparison builds still build: `make bench` is not run by the
tests, so a change to the site (a hook that content needs, a new extension) could
break the stock Material build that Lighthouse compares against, unnoticed."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from bench import lighthouse


def test_stock_build_for_lighthouse_is_plain_material_with_the_same_pages(site_dir: Path, tmp_path: Path):
    stock = lighthouse.build_stock(site_dir, tmp_path)
    # Every page of ours but the archive's year lists (made by a hook the theme comparison leaves out).
    ours_pages = {p.relative_to(site_dir) for p in site_dir.rglob("*.html")
                  if not p.relative_to(site_dir).as_posix().startswith("van-ban/nam-")}
    stock_pages = {p.relative_to(stock) for p in stock.rglob("*.html")}
    assert ours_pages and ours_pages <= stock_pages, ours_pages - stock_pages
    home = BeautifulSoup((stock / "index.html").read_text(encoding="utf-8"), "html.parser")
    sheets = [link["href"] for link in home.find_all("link", rel="stylesheet")]
    assert sheets and all("assets/stylesheets/" in href for href in sheets), sheets  # theme only
    assert not home.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    # The pages' content is the same: the provision a home-page link points to exists.
    muc_tieu = (stock / "muc-tieu" / "index.html").read_text(encoding="utf-8")
    assert 'id="cl_1__point_e"' in muc_tieu


def test_search_bench_documents_pass_the_content_check(tmp_path: Path):
    """The synthetic documents of `bench.search` are pages an editor could have written: a
    check finding would stop the bench's strict builds at 10x and beyond."""
    from bench import search
    from scripts.check_content import check_page

    docs = tmp_path / "docs"
    pages = search.make_content(docs, documents=40)
    assert len(pages) == 40
    findings = [f for page in pages for f in check_page(docs / page, docs)]
    assert findings == [], findings[:5]


def test_documents_bench_changes_a_synthetic_document(tmp_path: Path):
    """`bench.documents` rebuilds after changing one synthetic document (not one of the site's)."""
    from bench import documents
    from bench.scale import generate

    docs = tmp_path / "docs"
    generate("archive", 3, docs, "structured")
    page = documents.first_synthetic_document(docs)
    assert not (Path("docs") / "van-ban" / page.name).exists()
    before = page.read_text(encoding="utf-8")
    assert documents.change_one_document(docs) == page
    assert page.read_text(encoding="utf-8") != before
