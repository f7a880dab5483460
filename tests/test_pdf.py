"""The PDF of the whole plan (tai-ve/ke-hoach-855.pdf), read back with poppler-utils."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hooks.downloads import FOLDER, PDF_NAME
from scripts.pdf import body_text
from hooks.print_cover import cover_properties
from site_text import ROOT, is_nfc, source_units, squash
from test_content import printed_ids


@pytest.fixture(scope="module")
def pdf(site_dir: Path) -> Path:
    return site_dir / FOLDER / PDF_NAME


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(pdf)], check=True, capture_output=True,
                         text=True, encoding="utf-8").stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def pdffonts(pdf: Path) -> list[dict[str, str]]:
    """One row per font: name, emb, sub, uni (read from the right: types contain spaces)."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cells = line.split()
        rows.append({"name": cells[0], "emb": cells[-5], "sub": cells[-4], "uni": cells[-3]})
    return rows


def text_families(fonts: list[dict[str, str]]) -> set[str]:
    """Font families used for text, without subset prefix, style and monospace (code)."""
    families = set()
    for font in fonts:
        name = font["name"].split("+", 1)[-1].split("-", 1)[0]
        if "Mono" not in name:
            families.add(name)
    return families


def page_text(pdf: Path, page: int) -> str:
    return squash(body_text(pdf, first_page=page, last_page=page))


def nav_page_title(site_dir: Path, href: str) -> str:
    """The h1 of the hosted page a nav link points to."""
    path = site_dir / href / "index.html" if href not in ("", ".", "./") else site_dir / "index.html"
    heading = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
    for permalink in heading.select("a.headerlink"):
        permalink.decompose()
    return squash(heading.get_text())


def nav_titles(site_dir: Path) -> list[str]:
    """The h1 of every page of the hosted site, in nav order."""
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    titles: list[str] = []
    for link in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        if link["href"].startswith("#"):
            continue
        title = nav_page_title(site_dir, link["href"].split("#")[0])
        if title not in titles:
            titles.append(title)
    return titles


def document_titles(site_dir: Path) -> list[str]:
    """The h1 of every document page, which the print edition adds after the archive's years."""
    archive = BeautifulSoup((site_dir / "van-ban" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [nav_page_title(site_dir, "van-ban/" + link["href"]) for link in archive.select("article .vb-item > a[href]")]


def site_config():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


def test_pdf_is_a4_tagged_and_has_many_pages(pdf):
    info = pdfinfo(pdf)
    assert int(info["Pages"]) > 1
    assert info["Page size"].endswith("pts (A4)")
    assert info["Tagged"] == "yes"


def test_title_language_and_author_are_set(pdf):
    from pypdf import PdfReader

    config = site_config()
    info = pdfinfo(pdf)
    assert info["Title"] == config.site_name
    assert info["Author"] == config.site_author
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "vi"


def test_every_font_is_embedded_and_one_family_sets_all_the_text(pdf):
    fonts = pdffonts(pdf)
    assert fonts
    for font in fonts:
        assert font["emb"] == "yes", font
        assert font["uni"] == "yes", font  # text extractable
    # A typeface lacking a Vietnamese letter makes Chromium borrow it from
    # another family, glyph by glyph: one family means none was missing.
    assert len(text_families(fonts)) == 1, fonts


def test_every_source_sentence_extracts_exactly(pdf):
    text = body_text(pdf)
    assert is_nfc(text)
    text = squash(text)
    units = source_units()
    assert len(units) > 30
    missing = [unit for unit in units if unit not in text]
    assert missing == []


def test_cover_shows_the_document_properties(pdf, site_dir):
    cover = page_text(pdf, 1)
    assert site_config().site_name in cover
    rows = cover_properties(ROOT / "docs" / "index.md")
    assert len(rows) >= 5
    for _key, label, value in rows:
        assert f"{label} {value}" in cover, (label, value)


def test_table_of_contents_then_every_page_in_nav_order(pdf, site_dir):
    toc = page_text(pdf, 2)
    assert toc.startswith("Mục lục")
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    for link in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        if not link["href"].startswith("#"):  # not the home page's own sections
            assert squash(link.get_text()) in toc
    titles = nav_titles(site_dir)
    assert len(titles) >= 11
    body = squash(body_text(pdf, first_page=3))
    position = 0
    for title in titles:
        found = body.find(title, position)
        assert found >= 0, f"{title!r} missing or out of nav order"
        position = found + len(title)


def test_outline_lists_the_pages_with_their_real_titles_and_pages(pdf, site_dir):
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    top_level = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top_level]
    for title in nav_titles(site_dir) + document_titles(site_dir):
        assert title in titles
    for item in top_level:  # each bookmark opens the page that shows its heading
        number = reader.get_destination_page_number(item) + 1
        assert item.title in page_text(pdf, number), (item.title, number)


def test_table_of_contents_numbers_are_the_pages_of_the_headings(pdf, site_dir):
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    label_to_title = {}
    for link in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        href = link["href"].split("#")[0]
        if not link["href"].startswith("#"):
            label_to_title[squash(link.get_text())] = nav_page_title(site_dir, href)
    # The print edition adds the documents (not in the hosted nav) after the archive's years.
    archive = BeautifulSoup((site_dir / "van-ban" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for link in archive.select("article .vb-item > a[href]"):
        label_to_title[squash(link.get_text())] = nav_page_title(site_dir, "van-ban/" + link["href"])
    lines = [line.strip() for line in body_text(pdf, 2, 2).splitlines() if line.strip()]
    assert lines[0] == "Mục lục"
    entries = list(zip(lines[1::2], lines[2::2]))
    assert len(entries) >= 11 and all(number.isdigit() for _, number in entries), entries
    for label, number in entries:
        assert label_to_title[label] in page_text(pdf, int(number)), (label, number)


def test_no_link_points_at_the_build_machine(pdf):
    """Links to files of the site (van-ban.json) must not become file:// paths of the print folder."""
    from pypdf import PdfReader

    uris = [annotation.get_object()["/A"].get("/URI", "")
            for page in PdfReader(pdf).pages for annotation in page.get("/Annots", [])
            if "/A" in annotation.get_object()]
    assert uris, "the PDF keeps its links"
    assert [uri for uri in uris if str(uri).startswith("file:")] == []


def test_provision_ids_are_printed(pdf, site_dir):
    """Every provision down to the điểm that is not a heading has its id printed above it."""
    text = body_text(pdf)
    printed = 0
    for page, eid in printed_ids():
        soup = BeautifulSoup((site_dir / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        if soup.find(id=eid).name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            continue
        assert f"#{eid}" in text
        printed += 1
    assert printed >= 14


def test_download_links_show_the_real_sizes(site_dir):
    from hooks.downloads import DOWNLOADS, human_size

    for page in ("index.html", "huong-dan/index.html"):
        soup = BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")
        links = soup.select("article a.download")
        assert {link["href"].rsplit("/", 1)[-1] for link in links} == set(DOWNLOADS), page
        for link in links:
            target = (site_dir / page).parent / link["href"]
            assert target.is_file(), link["href"]
            kind = DOWNLOADS[target.name]
            assert link.next_sibling.startswith(f" ({kind}, {human_size(target.stat().st_size)})"), page


def test_a_failed_pdf_leaves_the_published_site_alone(tmp_path):
    import os
    import sys

    site = tmp_path / "site"
    site.mkdir()
    (site / "marker.txt").write_text("previous build", encoding="utf-8")
    env = {**os.environ, "CHROMIUM_PATH": str(tmp_path / "no-chromium")}
    result = subprocess.run([sys.executable, "-m", "scripts.build_site", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "Chromium did not start" in result.stderr
    assert [path.name for path in site.iterdir()] == ["marker.txt"]
    assert not list(tmp_path.glob(".site-staging-*"))
