"""The built pages against the archived source: verbatim, complete, citable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_text import ROOT, SOURCE, is_nfc, page_text, source_units
from vanban import register

REGISTER = ROOT / "archive" / "clause-ids.txt"
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"


def built_pages(site_dir: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site_dir)): path.read_text(encoding="utf-8")
        for path in sorted(site_dir.rglob("*.html"))
        if path.name != "404.html"
    }


def printed_ids() -> list[tuple[str, str]]:
    """(page, eId) of the provisions whose id is printed after their label: down to the điểm."""
    return [(e.page, e.id) for e in register.read(REGISTER)
            if not e.lands_on and not e.id.rsplit("__", 1)[-1].startswith("indent_")]


def page_html(site_dir: Path, page: str) -> str:
    """The built HTML of a source page (`muc-tieu.md`, `van-ban/index.md`)."""
    stem = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return (site_dir / stem / "index.html").read_text(encoding="utf-8")


def source_page(built: str) -> str:
    """The source page of a built file (`muc-tieu/index.html` -> `muc-tieu.md`)."""
    folder = built.removesuffix("index.html").rstrip("/")
    if not folder or (ROOT / "docs" / folder / "index.md").is_file():
        return f"{folder}/index.md".lstrip("/")
    return f"{folder}.md"


def test_source_is_the_shared_original():
    shared = ROOT.parent / "shared" / "source" / SOURCE.name
    if not shared.exists():
        pytest.skip("no ../shared checkout next to the repository")
    assert SOURCE.read_bytes() == shared.read_bytes()


def test_every_source_sentence_is_on_exactly_one_page(site_dir):
    texts = {name: page_text(html) for name, html in built_pages(site_dir).items()}
    units = source_units()
    assert len(units) > 30  # the splitter really split the post
    for unit in units:
        pages = [name for name, text in texts.items() if unit in text]
        assert len(pages) == 1, f"{unit!r} is on {pages or 'no page'}"


def test_source_spellings_are_kept(site_dir):
    texts = " ".join(page_text(html) for html in built_pages(site_dir).values())
    assert "Uỷ ban nhân dân tỉnh Ninh Thuận ban hành" in texts  # old tone placement
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in texts  # new tone placement


def test_every_published_id_lands_on_its_provision(site_dir):
    """The register: every id (an eId, or an older id kept as an alias) is on its page, inside or
    on the provision it lands on; an id, once published, never disappears."""
    entries = register.read(REGISTER)
    assert len({(e.page, e.id) for e in entries}) == len(entries), "register repeats an id"
    for entry in entries:
        soup = BeautifulSoup(page_html(site_dir, entry.page), "html.parser")
        anchor = soup.find(id=entry.id)
        assert anchor is not None, f"{entry.id} is not on {entry.page}"
        provision = anchor if anchor.get("data-eid") else anchor.find_parent(attrs={"data-eid": True})
        assert provision is not None and provision["data-eid"] == entry.target, entry


def test_every_provision_on_the_site_is_registered_and_has_a_permalink(site_dir):
    registered = {(e.page, e.id) for e in register.read(REGISTER)}
    for built, html in built_pages(site_dir).items():
        name = source_page(built)
        soup = BeautifulSoup(html, "html.parser")
        for provision in soup.select("[data-eid]"):
            eid = provision["data-eid"]
            assert provision["id"] == eid and eid.isascii()
            assert (name, eid) in registered, f"{eid} on {name} is not in the register: make ids"
            label = provision.select_one("a.provision-label")
            assert label is not None and label["href"] == f"#{eid}", f"{eid} has no permalink"
            assert label["aria-label"].startswith("Liên kết đến ")


def test_only_the_documents_text_has_provisions(site_dir):
    with_ids = {source_page(name) for name, html in built_pages(site_dir).items() if "data-eid" in html}
    assert with_ids == {"muc-tieu.md", "yeu-cau.md"}


def test_d_with_stroke_keeps_its_letter_in_ids(site_dir):
    html = page_html(site_dir, "muc-tieu.md")
    soup = BeautifulSoup(html, "html.parser")
    label = soup.select_one("#cl_1__point_dd a.provision-label")
    assert label.get_text() == "đ)" and label["aria-label"] == "Liên kết đến điểm đ khoản 1"


def test_every_page_is_nfc_and_vietnamese(site_dir):
    for name, html in built_pages(site_dir).items():
        assert is_nfc(html), f"{name} is not NFC"
        assert re.search(r'<html lang="vi"', html), f"{name} lacks lang=vi"


def test_every_page_has_its_own_description(site_dir):
    descriptions = {}
    for name, html in built_pages(site_dir).items():
        meta = BeautifulSoup(html, "html.parser").select_one('meta[name="description"]')
        assert meta and meta["content"].strip(), f"{name} has no description"
        descriptions[name] = meta["content"]
    assert len(set(descriptions.values())) == len(descriptions), "two pages share a description"


PROPERTIES_855 = {
    "loai_van_ban": "Kế hoạch",
    "so_ky_hieu": "855/KH-UBND",
    "co_quan_ban_hanh": "UBND tỉnh Ninh Thuận",
    "ngay_ban_hanh": "28/02/2024",
    "can_cu": "Kế hoạch cải cách hành chính tỉnh năm 2024 ban hành kèm theo Quyết định số "
              "1826/QĐ-UBND ngày 25/12/2023 của Chủ tịch UBND tỉnh",
    "trich_yeu": "Thông tin, tuyên truyền cải cách hành chính tỉnh Ninh Thuận năm 2024",
}


@pytest.mark.parametrize("page", ["index.html", "van-ban/ke-hoach-855-kh-ubnd/index.html"])
def test_properties_box_of_plan_855(site_dir, page):
    soup = BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one("aside.doc-properties")
    assert box is not None
    shown = {dd["data-key"]: " ".join(dd.get_text().split()) for dd in box.select("dd")}
    for key, value in PROPERTIES_855.items():
        assert shown[key] == value
    # Right after the title, before the body text.
    assert box.find_previous_sibling("h1") is not None


def test_missing_attachment_is_said_plainly(site_dir):
    soup = BeautifulSoup((site_dir / "van-ban/ke-hoach-855-kh-ubnd/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    attachment = soup.select_one('dd[data-key="tep_dinh_kem"]').get_text()
    assert "không kèm tệp toàn văn" in attachment


def test_basis_decision_properties(site_dir):
    soup = BeautifulSoup((site_dir / "van-ban/quyet-dinh-1826-qd-ubnd/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    shown = {dd["data-key"]: dd.get_text().strip() for dd in soup.select("aside.doc-properties dd")}
    assert shown["so_ky_hieu"] == "1826/QĐ-UBND"
    assert shown["ngay_ban_hanh"] == "25/12/2023"
    assert shown["loai_van_ban"] == "Quyết định"


def test_abbreviations_have_tooltips_on_every_page_that_uses_them(site_dir):
    definitions = dict(re.findall(r"^\*\[(.+?)\]: (.+)$", ABBREVIATIONS.read_text(encoding="utf-8"), re.M))
    assert {"UBND", "PAPI", "SIPAS", "PCI", "PAR INDEX", "KH", "QĐ", "CCHC"} <= definitions.keys()
    seen = set()
    for name, html in built_pages(site_dir).items():
        for abbr in BeautifulSoup(html, "html.parser").select("article abbr"):
            assert abbr["title"] == definitions[abbr.get_text()], f"{name}: {abbr}"
            seen.add(abbr.get_text())
    assert {"UBND", "PAPI", "SIPAS", "PCI", "PAR INDEX"} <= seen


def test_glossary_page_matches_the_tooltips(site_dir):
    definitions = dict(re.findall(r"^\*\[(.+?)\]: (.+)$", ABBREVIATIONS.read_text(encoding="utf-8"), re.M))
    soup = BeautifulSoup((site_dir / "thuat-ngu/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {tr.select("td")[0].get_text(): tr.select("td")[1].get_text() for tr in soup.select("tbody tr")}
    assert rows == definitions


def test_archival_context_cites_the_resolution(site_dir):
    text = page_text((site_dir / "index.html").read_text(encoding="utf-8"))
    assert "Nghị quyết số 202/2025/QH15" in text and "Khánh Hòa" in text


def test_headings_get_ascii_slugs_with_d(site_dir):
    from vanban.text import slugify

    assert slugify("Mục đích và Điều 5") == "muc-dich-va-dieu-5"
    for name, html in built_pages(site_dir).items():
        for heading in BeautifulSoup(html, "html.parser").select("article h2[id], article h3[id]"):
            assert heading["id"].isascii(), f"{name}: {heading['id']}"
