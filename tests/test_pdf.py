"""The PDF of the whole plan (tai-ve/ke-hoach-855.pdf), read back with poppler-utils."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hooks.downloads import FOLDER, PDF_NAME
from scripts.pdf import MARGINS_MM, PT_PER_MM, body_text
from hooks.print_cover import cover_properties
from pdf_links import contains, normal_words, pdf_links, pdf_words, words_below, words_under
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


# Links in the PDF. The print edition is built again here, as scripts/build_site.py
# builds it for the PDF (the build is reproducible), because the published site
# does not keep the combined print page.

# Words of a link's target that must show right below where the link lands.
FIRST_WORDS = 5
# How far below the destination's top they must start. Chromium writes a
# destination's top about one top page margin (20 mm) above its element
# (measured: 46 to 69 pt); then allow two lines (the clause id line, say).
TOP_MARGIN_PT = MARGINS_MM["top"] * PT_PER_MM
LANDING_BAND_PT = TOP_MARGIN_PT + 30
# Folders of the print edition that hold no page of the site (ban-in/: each document's own
# print page, hooks/document_print.py).
NOT_PAGES = ("assets", "search", "ban-in")
# Links to a clause that the PDF once lost (page -> target, as URLs of the print edition); the
# pages now link the clause by its eId (muc-tieu-e stays as its alias).
KNOWN_LINKS = [("chi-so-xep-hang.html", "muc-tieu.html#cl_1__point_e"), ("index.html", "muc-tieu.html#cl_1__point_e")]

# The print page as Chromium prints it: for every id, the first printed line
# of its element (an empty anchor inside an element, such as an id alias,
# stands for that element); and every same-page link that is printed.
PRINTED_JS = r"""() => {
  const text = element => (element.innerText || '').trim();
  const shown = element => element.checkVisibility() && text(element) !== '';
  const targets = {};
  for (const element of document.querySelectorAll('[id]')) {
    let holder = element;
    while (holder && !shown(holder)) holder = holder.parentElement;
    targets[element.id] = holder ? text(holder).split('\n')[0] : '';
  }
  const links = [...document.querySelectorAll('a[href^="#"]')]
    .filter(link => link.checkVisibility())
    .map(link => ({target: decodeURIComponent(link.getAttribute('href').slice(1)), text: text(link)}));
  return {targets, links};
}"""


@pytest.fixture(scope="module")
def print_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from scripts.build_site import PRINT_CONFIG, mkdocs_build, source_date_epoch

    target = tmp_path_factory.mktemp("print") / "print"
    mkdocs_build(PRINT_CONFIG, target, epoch=source_date_epoch())
    return target


@pytest.fixture(scope="module")
def printed(print_dir, browser) -> dict:
    """What PRINTED_JS finds in the print page, in print media."""
    from scripts.build_site import PRINT_PAGE

    page = browser.new_page()
    page.goto((print_dir / PRINT_PAGE).as_uri())
    page.emulate_media(media="print")
    found = page.evaluate(PRINTED_JS)
    page.close()
    return found


def first_words(text: str) -> list[str]:
    return normal_words(text)[:FIRST_WORDS]


def element_text(element) -> str:
    """An element's text as the site shows it (permalink signs left out)."""
    parts = [text for text in element.find_all(string=True)
             if not any(parent.name == "a" and "headerlink" in (parent.get("class") or [])
                        for parent in text.parents)]
    return squash("".join(parts))


def holder(element):
    """The element a reader sees for an id: an empty one (an id alias) stands for its parent."""
    while element.parent is not None and not element_text(element):
        element = element.parent
    return element


def lands_on(words, link, target_words: list[str]) -> bool:
    """Whether the link's destination shows `target_words` right below its top."""
    destination = link.destination
    top = destination.top or 0.0
    # Not the running title in the top margin.
    start = max(top, TOP_MARGIN_PT - 2)
    band = words_below(words[destination.page - 1], start, top + LANDING_BAND_PT - start)
    return contains(normal_words(" ".join(band)), target_words) > 0


def test_every_id_of_every_page_is_in_the_print_page(print_dir):
    """Each page's ids, on any element, reach the print page (prefixed with the page's key as
    mkdocs-print-site-plugin prefixes headings' ids), on the element with the same text."""
    from mkdocs_print_site_plugin.urls import get_page_key
    from scripts.build_site import PRINT_PAGE

    combined = BeautifulSoup((print_dir / PRINT_PAGE).read_text(encoding="utf-8"), "html.parser")
    missing, checked = [], 0
    for path in sorted(print_dir.rglob("*.html")):
        url = path.relative_to(print_dir).as_posix()
        if url in (PRINT_PAGE, "404.html") or url.split("/")[0] in NOT_PAGES:
            continue
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        # The document properties box comes from the theme's template, not from the page.
        for box in article.select("aside.doc-properties"):
            box.decompose()
        for element in article.select("[id]"):
            checked += 1
            wanted = f"{get_page_key(url)}-{element['id']}"
            found = combined.find(id=wanted)
            if found is None:
                missing.append(f"{url}#{element['id']}: no #{wanted} in the print page")
            elif first_words(element_text(holder(found))) != first_words(element_text(holder(element))):
                missing.append(f"{url}#{element['id']}: #{wanted} is on another element")
    assert checked >= 30
    assert not missing, "\n".join(missing)


@pytest.mark.browser
def test_every_internal_link_of_the_pdf_lands_on_its_target(pdf, printed):
    """Each link annotation's destination, resolved to a page, shows its target's first words."""
    words = pdf_words(pdf)
    links = [link for link in pdf_links(pdf) if link.internal]
    assert len(links) >= 40
    problems = []
    for link in links:
        where = f"p. {link.page} {' '.join(words_under(words[link.page - 1], link.box))!r} -> #{link.name}"
        if link.destination is None:
            problems.append(f"{where}: resolves to no page")
        elif link.name not in printed["targets"]:
            problems.append(f"{where}: no element of the print page has this id")
        elif not lands_on(words, link, first_words(printed["targets"][link.name])):
            problems.append(f"{where}: p. {link.destination.page} does not show "
                            f"{' '.join(first_words(printed['targets'][link.name]))!r} there")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_no_internal_link_is_left_without_a_destination(pdf, printed):
    """Every same-page link of the print page whose text is in the PDF is a link there, to its target."""
    words = pdf_words(pdf)
    everything = normal_words(" ".join(word.text for page in words for word in page))
    linked: dict[str, list[str]] = {}  # destination name -> words under its links, in order
    for link in pdf_links(pdf):
        if link.internal and link.name:
            linked.setdefault(link.name, []).extend(normal_words(" ".join(words_under(words[link.page - 1], link.box))))
    expected: dict[tuple[str, tuple[str, ...]], int] = {}
    for link in printed["links"]:
        text = tuple(normal_words(link["text"]))
        if text and contains(everything, list(text)):
            expected[(link["target"], text)] = expected.get((link["target"], text), 0) + 1
    assert len(expected) >= 30
    problems = []
    for (target, text), count in sorted(expected.items()):
        found = contains(linked.get(target, []), list(text))
        if found < count:
            problems.append(f"{' '.join(text)!r} -> #{target}: {count - found} of {count} printed without a link")
    assert not problems, "\n".join(problems)


# Parts of a page's article that come from the theme, not from the page (the
# print page holds only the pages' own content).
THEME_PARTS = "aside.doc-properties, p.doc-part-of, .md-content__button, .md-source-file, .cite-tools"
# Where a link's sentence is: the block around it.
BLOCKS = ["p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"]


@dataclass(frozen=True)
class SiteLink:
    source: str  # the page's URL from the site root ("index.html", "van-ban/index.html")
    target: str  # "page.html" or "page.html#id"
    text: list[str]
    context: list[str]  # the first words of its sentence
    target_words: list[str]  # the first words of the element it points at


def site_links(print_dir: Path) -> list[SiteLink]:
    """Every link of every page of the print edition (the pages the print page combines, built
    as pages of their own too) to a page of the site, with or without an id."""
    from urllib.parse import urljoin

    from scripts.build_site import PRINT_PAGE

    base = "http://site/"
    pages = {}
    for path in sorted(print_dir.rglob("*.html")):
        url = path.relative_to(print_dir).as_posix()
        if url not in (PRINT_PAGE, "404.html") and url.split("/")[0] not in NOT_PAGES:
            pages[url] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found = []
    for url, soup in pages.items():
        article = soup.select_one("article")
        for part in article.select(THEME_PARTS):
            part.extract()
        for anchor in article.select("a[href]:not(.headerlink)"):
            address = urljoin(base + url, anchor["href"])
            path, _, fragment = address.removeprefix(base).partition("#")
            if not address.startswith(base) or path not in pages:
                continue  # outside the site, or a file (van-ban.json, the downloads)
            target_page = pages[path].select_one("article")
            element = target_page.find(id=fragment) if fragment else target_page.select_one("h1")
            block = anchor.find_parent(BLOCKS)
            found.append(SiteLink(url, path + (f"#{fragment}" if fragment else ""),
                                  normal_words(element_text(anchor)),
                                  first_words(element_text(block if block else anchor)),
                                  first_words(element_text(holder(element))) if element else []))
    return found


def link_problems(pdf: Path, links: list[SiteLink]) -> list[str]:
    """Each link of the site, found in the PDF by its sentence and its words, must be a link
    there and land on its target's first words."""
    words = pdf_words(pdf)
    texts = [normal_words(" ".join(word.text for word in page)) for page in words]
    annotations = [link for link in pdf_links(pdf) if link.internal and link.destination]
    problems = []
    for link in links:
        where = f"{link.source}: {' '.join(link.text)!r} -> {link.target}"
        if not link.target_words:
            problems.append(f"{where}: the target has no text on the site")
            continue
        pages = {number for number, text in enumerate(texts, 1) if contains(text, link.context)}
        candidates = []
        for annotation in annotations:
            under = normal_words(" ".join(words_under(words[annotation.page - 1], annotation.box)))
            # A link that wraps is cut into one annotation per line: its first piece begins it.
            if annotation.page in pages and under and link.text[:len(under)] == under:
                candidates.append(annotation)
        if not candidates:
            problems.append(f"{where}: not a link in the PDF (sentence on p. {sorted(pages)})")
        elif not any(lands_on(words, annotation, link.target_words) for annotation in candidates):
            problems.append(f"{where}: does not land on {' '.join(link.target_words)!r}")
    return problems


def test_every_link_of_the_site_lands_on_its_target_in_the_pdf(pdf, print_dir):
    links = site_links(print_dir)
    assert len(links) >= 40
    problems = link_problems(pdf, links)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("source", "target"), KNOWN_LINKS)
def test_links_to_a_clause_land_on_the_clause(pdf, print_dir, source, target):
    """Links once dead in the PDF: "mục tiêu e)" on Chỉ số xếp hạng, and e) on the home page."""
    links = [link for link in site_links(print_dir) if (link.source, link.target) == (source, target)]
    assert links, f"{source} no longer links {target}"
    problems = link_problems(pdf, links)
    assert not problems, "\n".join(problems)
