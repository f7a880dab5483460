"""Each document's own PDF (tai-ve/<page>.pdf), read back with poppler-utils and pypdf: the
document alone, A4 with the margins and page numbers of Decree 30/2020/NĐ-CP, Noto Serif
embedded, its metadata, its text in order, one bookmark per provision landing on it; linked from
its page with its size, in the offline zip; and printed again only when what it prints changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hooks.downloads import FOLDER, PDF_NAME, human_size
from pdf_links import contains, normal_words, pdf_words, words_below, words_under
from project import ROOT
from scripts.build_site import mkdocs_build, source_date_epoch
from scripts.document_pdf import TITLE_LENGTH, bookmark_title
from scripts.pdf import MARGINS_MM, PT_PER_MM, body_text, pdf_date
from site_text import page_text, source_units, squash
from test_pdf import pdffonts, pdfinfo, text_families
from vanban.citation import designation

TOP = MARGINS_MM["top"] * PT_PER_MM
BOTTOM = MARGINS_MM["bottom"] * PT_PER_MM
LEFT = MARGINS_MM["left"] * PT_PER_MM
RIGHT = MARGINS_MM["right"] * PT_PER_MM
# Where a bookmark lands: Chromium puts a destination about one top margin above its element;
# the provision's first words must start within this band below it.
LANDING_BAND_PT = TOP + 30


def flatten(provisions: list[dict]) -> list[dict]:
    return [item for p in provisions for item in [p, *flatten(p["children"])]]


def document_data(site_dir: Path) -> dict[str, dict]:
    """Every document's JSON download, by its page's file stem."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((site_dir / FOLDER).glob("*.json"))}


@pytest.fixture(scope="module")
def with_text(site_dir: Path) -> list[tuple[Path, dict]]:
    """(PDF, JSON data) of every document that has text on the site."""
    found = [(site_dir / FOLDER / f"{stem}.pdf", data) for stem, data in document_data(site_dir).items()
             if data["provisions"]]
    assert "ke-hoach-855-kh-ubnd.pdf" in [pdf.name for pdf, _ in found]
    return found


def page_size(pdf: Path) -> tuple[float, float]:
    width, _, height = pdfinfo(pdf)["Page size"].split()[:3]
    return float(width), float(height)


def margin_words(pdf: Path) -> list[list[str]]:
    """The words printed in the top margin of each page."""
    return [[word.text for word in page if word.y1 <= TOP] for page in pdf_words(pdf)]


def test_each_document_with_text_has_its_pdf_and_no_other_document_has_one(site_dir):
    pdfs = {path.name for path in (site_dir / FOLDER).glob("*.pdf")} - {PDF_NAME}
    data = document_data(site_dir)
    assert pdfs == {f"{stem}.pdf" for stem, item in data.items() if item["provisions"]}
    assert "quyet-dinh-1826-qd-ubnd" in data and "quyet-dinh-1826-qd-ubnd.pdf" not in pdfs  # no text here


def test_a4_tagged_and_printed_inside_the_margins_of_decree_30(with_text):
    for pdf, _ in with_text:
        info = pdfinfo(pdf)
        assert info["Page size"].endswith("pts (A4)") and info["Tagged"] == "yes", pdf.name
        width, height = page_size(pdf)
        body = [word for page in pdf_words(pdf) for word in page if word.y1 > TOP]
        assert body
        outside = [word.text for word in body if word.x0 < LEFT - 1 or word.x1 > width - RIGHT + 1
                   or word.y1 > height - BOTTOM + 1]
        assert outside == [], pdf.name
        # The text starts at the left margin and reaches near the right one: 30 mm and 15 mm.
        assert min(word.x0 for word in body) < LEFT + 2
        assert max(word.x1 for word in body) > width - RIGHT - 40


def test_pages_are_numbered_from_the_second_centred_at_the_top(with_text):
    longest = 0
    for pdf, _ in with_text:
        width, _ = page_size(pdf)
        pages = pdf_words(pdf)
        longest = max(longest, len(pages))
        for number, page in enumerate(pages, 1):
            numbers = [word for word in page if word.y1 <= TOP]
            if number == 1:
                assert numbers == [], f"{pdf.name}: page 1 is numbered"
                continue
            assert [word.text for word in numbers] == [str(number)], (pdf.name, number)
            centre = (numbers[0].x0 + numbers[0].x1) / 2
            assert abs(centre - (LEFT + (width - RIGHT)) / 2) < 3, (pdf.name, number, centre)
    assert longest >= 2


def test_every_font_is_embedded_and_noto_serif_sets_all_the_text(with_text):
    for pdf, _ in with_text:
        fonts = pdffonts(pdf)
        assert fonts and all(font["emb"] == "yes" and font["uni"] == "yes" for font in fonts), fonts
        assert text_families(fonts) == {"NotoSerif"}, fonts


def test_title_author_subject_language_and_dates(with_text):
    from pypdf import PdfReader

    date = pdf_date(source_date_epoch())
    for pdf, data in with_text:
        reader = PdfReader(pdf)
        document = data["document"]
        info = reader.metadata
        assert info["/Title"] == designation(document)
        assert info["/Author"] == document["co_quan_ban_hanh"]
        assert info["/Subject"] == document["trich_yeu"]
        assert info["/CreationDate"] == info["/ModDate"] == date
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "vi"
        assert root["/PageMode"] == "/UseOutlines"  # the bookmarks panel opens with it
    plan = next(pdf for pdf, _ in with_text if pdf.stem == "ke-hoach-855-kh-ubnd")
    assert pdfinfo(plan)["Title"] == "Kế hoạch số 855/KH-UBND ngày 28/02/2024 của Ủy ban nhân dân tỉnh Ninh Thuận"


def test_every_provision_is_printed_in_order_and_every_source_sentence_verbatim(with_text, site_dir):
    for pdf, data in with_text:
        text = squash(body_text(pdf))
        position = 0
        for item in flatten(data["provisions"]):
            first, *rest = item["text"].split("\n")
            printed = squash(f"{item['label']} {first}")
            found = text.find(printed, position)
            assert found >= 0, f"{pdf.name}: {item['eid']} {printed[:60]!r} missing or out of order"
            position = found + len(printed)
            for line in rest:  # its unmarked paragraphs follow it
                assert text.find(squash(line), found) >= 0, (item["eid"], line[:60])
        # The source post's sentences on the pages holding the document, verbatim.
        pages = {data["document"]["url"]} | {item["url"].split("#")[0] for item in flatten(data["provisions"])}
        shown = " ".join(page_text((site_dir / page / "index.html").read_text(encoding="utf-8")) for page in pages)
        units = [unit for unit in source_units() if unit in shown]
        assert len(units) >= (14 if pdf.stem == "ke-hoach-855-kh-ubnd" else 0)
        assert [unit for unit in units if unit not in text] == [], pdf.name
        # The site's own notes on those pages are not the document's text.
        assert "Xem thêm" not in text and "Ghi chú biên tập" not in text


def outline_tree(reader, items=None) -> list[tuple[object, list]]:
    """The outline as (entry, children) pairs."""
    items = reader.outline if items is None else items
    tree: list[tuple[object, list]] = []
    for item in items:
        if isinstance(item, list):
            tree[-1] = (tree[-1][0], outline_tree(reader, item))
        else:
            tree.append((item, []))
    return tree


def test_bookmarks_are_the_provision_tree_and_open_the_page_holding_each_provision(with_text):
    from pypdf import PdfReader

    for pdf, data in with_text:
        reader = PdfReader(pdf)
        words = pdf_words(pdf)
        _, height = page_size(pdf)
        checked = 0

        def compare(entries: list[tuple[object, list]], provisions: list[dict]) -> None:
            nonlocal checked
            assert [entry.title for entry, _ in entries] == [bookmark_title(p) for p in provisions]
            for (entry, children), provision in zip(entries, provisions):
                # Its printed label, then the start of its own text, on one line.
                start = squash(f"{provision['label']} {provision['text'].split(chr(10))[0]}")
                assert start.startswith(entry.title.removesuffix("…").rstrip(" ,;:.")), entry.title
                assert len(entry.title) <= TITLE_LENGTH
                # The page it opens shows the provision, right below where it lands.
                page = reader.get_destination_page_number(entry) + 1
                first = normal_words(start)[:6]
                assert contains(normal_words(body_text(pdf, page, page)), first), (entry.title, page)
                top = height - float(entry.top) if entry.top is not None else 0.0
                band = words_below(words[page - 1], max(top, TOP - 2), top + LANDING_BAND_PT - max(top, TOP - 2))
                assert contains(normal_words(" ".join(band)), first[:3]), (entry.title, page, band[:8])
                checked += 1
                compare(children, provision["children"])

        compare(outline_tree(reader), data["provisions"])
        assert checked == len(flatten(data["provisions"]))


def test_855_bookmarks_read_as_the_plan_is_printed(with_text):
    from pypdf import PdfReader

    pdf = next(pdf for pdf, _ in with_text if pdf.stem == "ke-hoach-855-kh-ubnd")
    tree = outline_tree(PdfReader(pdf))
    assert [entry.title for entry, _ in tree] == ["1. Mục tiêu", "2. Yêu cầu"]
    points = tree[0][1]
    assert points[0][0].title.startswith("a) Nâng cao vai trò, trách nhiệm của người đứng đầu cơ quan")
    assert points[-1][0].title == "e) Tuyên truyền mục tiêu phấn đấu nâng cao các Chỉ số xếp hạng như:"
    assert [entry.title[:24] for entry, _ in points[-1][1]] == [
        "- Chỉ số cải cách hành c", "- Chỉ số năng lực cạnh t", "- Chỉ số sự hài lòng của"]


def test_links_stay_inside_the_document_or_go_to_the_published_site(with_text):
    """A link to a part of the document lands on it ("xem Mục tiêu" -> "1. Mục tiêu"); no link
    points at the build machine's print folder."""
    from pdf_links import pdf_links

    for pdf, data in with_text:
        links = pdf_links(pdf)
        assert [link.uri for link in links if link.uri and not link.uri.startswith(("http://", "https://"))] == []
        internal = [link for link in links if link.internal]
        assert internal and all(link.destination is not None for link in internal), pdf.name
    pdf = next(pdf for pdf, _ in with_text if pdf.stem == "ke-hoach-855-kh-ubnd")
    words = pdf_words(pdf)
    targets = {}
    for link in pdf_links(pdf):
        under = " ".join(normal_words(" ".join(words_under(words[link.page - 1], link.box))))
        if under in ("Mục tiêu", "Yêu cầu") and link.destination:
            top = link.destination.top or 0.0
            band = words_below(words[link.destination.page - 1], max(top, TOP - 2), LANDING_BAND_PT)
            targets[under] = " ".join(normal_words(" ".join(band)))
    assert "1 Mục tiêu" in targets.get("Mục tiêu", "") and "2 Yêu cầu" in targets.get("Yêu cầu", ""), targets


def test_the_document_page_links_its_pdf_and_its_json_with_their_sizes(site_dir):
    for stem, data in document_data(site_dir).items():
        page = site_dir / data["document"]["url"] / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.select(".doc-properties__files a")
        expected = ([("Bản PDF", f"{stem}.pdf")] if data["provisions"] else []) + [("Dữ liệu JSON", f"{stem}.json")]
        assert [(link.get_text(), link["href"].rsplit("/", 1)[-1]) for link in links] == expected, stem
        for link in links:
            target = (page.parent / link["href"]).resolve()
            assert target.is_file() and target.parent == (site_dir / FOLDER).resolve()
            assert link.next_sibling.startswith(f" ({human_size(target.stat().st_size)})"), (stem, link)


def test_the_offline_zip_carries_each_document_pdf(with_text, offline_dir):
    for pdf, data in with_text:
        copy = offline_dir / FOLDER / pdf.name
        assert copy.read_bytes() == pdf.read_bytes()
        page = offline_dir / (data["document"]["url"].rstrip("/") + ".html")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs = [link["href"] for link in soup.select(".doc-properties__files a")]
        assert [(page.parent / href).resolve() for href in hrefs][0] == copy.resolve()


# --- the cache: a document is printed again only when what it prints changed ---------------------

EPOCH, OTHER_EPOCH = 1709078400, 1735689600
# A document with a table, printed last of four: its tagged PDF numbers the table's cells.
CHANGED = "ke-hoach-270-kh-ubnd"


def document_pdfs(site: Path, out: Path, cache: Path, epoch: int = EPOCH) -> dict[str, list[str]]:
    """Run scripts.document_pdf as the build does; the PDFs it printed and those it took from the cache."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "scripts.document_pdf", str(site), str(out),
                             "--epoch", str(epoch), "--cache", str(cache)],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    found: dict[str, list[str]] = {"printed": [], "cached": []}
    for line in result.stdout.splitlines():
        word, _, name = line.partition(" ")
        if word in found:
            found[word].append(name)
    return found


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.pdf"))}


@pytest.fixture(scope="module")
def cache_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """This project with the three real documents of tests/fixtures/realdocs (four documents with
    text), its print edition built and printed: with an empty cache; built again with nothing
    changed; after one document changed, with the cache and without; and, from that print
    edition, with a new date both from the cache and with an empty cache."""
    from test_realdocs import fixture_project

    work = tmp_path_factory.mktemp("document-pdf-cache")
    project = fixture_project(work / "project")
    cache = work / "cache"
    runs: dict = {}
    for name in ("first", "again"):
        mkdocs_build(project / "mkdocs.print.yml", work / name, epoch=EPOCH)
        runs[name] = (document_pdfs(work / name, work / f"{name}-pdf", cache), outputs(work / f"{name}-pdf"))
    page = project / "docs" / "thu" / f"{CHANGED}.md"
    text = page.read_text(encoding="utf-8")
    assert "Rút ngắn thời gian, giảm chi phí" in text
    page.write_text(text.replace("Rút ngắn thời gian, giảm chi phí", "Rút ngắn thời gian, cắt giảm chi phí"),
                    encoding="utf-8")
    mkdocs_build(project / "mkdocs.print.yml", work / "changed", epoch=EPOCH)
    runs["changed"] = (document_pdfs(work / "changed", work / "changed-pdf", cache), outputs(work / "changed-pdf"))
    runs["changed, no cache"] = (document_pdfs(work / "changed", work / "all-pdf", work / "no-cache"),
                                 outputs(work / "all-pdf"))
    runs["cached later"] = (document_pdfs(work / "changed", work / "later-pdf", cache, OTHER_EPOCH),
                            outputs(work / "later-pdf"))
    runs["printed later"] = (document_pdfs(work / "changed", work / "fresh-pdf", work / "empty-cache", OTHER_EPOCH),
                             outputs(work / "fresh-pdf"))
    runs["changed pdf"] = work / "changed-pdf" / f"{CHANGED}.pdf"
    return runs


def test_the_first_build_prints_every_document(cache_runs):
    report, pdfs = cache_runs["first"]
    assert sorted(report["printed"]) == sorted(pdfs) and report["cached"] == []
    assert len(pdfs) == 4 and f"{CHANGED}.pdf" in pdfs


def test_a_build_with_nothing_changed_prints_nothing_and_gives_the_same_bytes(cache_runs):
    report, pdfs = cache_runs["again"]
    assert report["printed"] == [] and sorted(report["cached"]) == sorted(pdfs)
    assert pdfs == cache_runs["first"][1]


def test_changing_one_document_prints_only_that_one(cache_runs):
    report, pdfs = cache_runs["changed"]
    assert report["printed"] == [f"{CHANGED}.pdf"]
    assert len(report["cached"]) == 3
    before = cache_runs["first"][1]
    assert [name for name in pdfs if pdfs[name] != before[name]] == [f"{CHANGED}.pdf"]
    text = squash(body_text(cache_runs["changed pdf"]))
    assert "Rút ngắn thời gian, cắt giảm chi phí" in text


def test_one_document_printed_alone_is_the_pdf_a_build_printing_all_gives(cache_runs):
    """Printed alone after its change, or with every other document before it (no cache): the
    same bytes, so what a build publishes never depends on what the cache held."""
    alone_report, alone = cache_runs["changed"]
    all_report, everything = cache_runs["changed, no cache"]
    assert alone_report["printed"] == [f"{CHANGED}.pdf"] and len(all_report["printed"]) == 4
    assert alone == everything


def test_a_pdf_from_the_cache_is_byte_for_byte_a_fresh_print(cache_runs):
    """The cache holds the finished PDF with a placeholder date; the build's own date written into
    it gives exactly the bytes of a fresh print with that date."""
    cached_report, cached = cache_runs["cached later"]
    printed_report, printed = cache_runs["printed later"]
    assert cached_report["printed"] == [] and len(printed_report["printed"]) == 4
    assert cached == printed
    assert cached != cache_runs["changed"][1]  # the date is in them
