"""Documents cited by number: the linker on text, the relations, what the templates get.

Fast, no site build: small docs folders in tmp_path and Python-Markdown with the site's own
extensions. The built site (855 <-> 1826 on real pages) is checked in tests/test_archive.py.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from site_text import ROOT
from vanban import catalog, references
from vanban.catalog import page_url
from vanban.extensions.references import ReferencesExtension, describe

HEAD = """---
title: {title}
description: x
document:
  loai_van_ban: {kind}
  so_ky_hieu: {number}
  co_quan_ban_hanh: UBND tỉnh Ninh Thuận
  ngay_ban_hanh: {date}
  trich_yeu: {abstract}
{extra}---

# {title}

{body}
"""


def document(docs: Path, path: str, kind: str, number: str, date: str, body: str = "",
             abstract: str = "Một văn bản", extra: str = "") -> None:
    file = docs / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(HEAD.format(title=f"{kind} số {number}", kind=kind, number=number, date=date,
                                abstract=abstract, extra=extra, body=body), encoding="utf-8")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """Two documents like the site's, and two of one number issued in different years."""
    folder = tmp_path / "docs"
    document(folder, "van-ban/qd-1826.md", "Quyết định", "1826/QĐ-UBND", "25/12/2023",
             body="Quyết định này là căn cứ của Kế hoạch số 855/KH-UBND.")
    document(folder, "van-ban/kh-855.md", "Kế hoạch", "855/KH-UBND", "28/02/2024",
             extra="  can_cu: Kế hoạch ban hành kèm theo Quyết định số 1826/QĐ-UBND ngày 25/12/2023\n")
    document(folder, "van-ban/kh-12-2024.md", "Kế hoạch", "12/KH-UBND", "15/01/2024")
    document(folder, "van-ban/kh-12-2025.md", "Kế hoạch", "12/KH-UBND", "10/01/2025")
    (folder / "index.md").write_text("---\ntitle: Trang chủ\ndescription: x\nabout: 855/KH-UBND\n---\n\n# Trang chủ\n",
                                     encoding="utf-8")
    (folder / "muc-tieu.md").write_text(
        "---\ntitle: Mục tiêu\ndescription: x\npart_of: 855/KH-UBND\n---\n\n# Mục tiêu\n\n"
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 15/01/2024.\n", encoding="utf-8")
    return folder


def spans(text: str, docs: Path) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.document.path) for m in references.find(text, catalog.read(docs))]


# --- finding mentions -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("theo Quyết định số 1826/QĐ-UBND ngày 25/12/2023 của Chủ tịch",
     [("Quyết định số 1826/QĐ-UBND", "van-ban/qd-1826.md")]),
    ("theo quyết định số 1826/QĐ-UBND;", [("quyết định số 1826/QĐ-UBND", "van-ban/qd-1826.md")]),
    ("Kế hoạch 855/KH-UBND.", [("Kế hoạch 855/KH-UBND", "van-ban/kh-855.md")]),
    ("văn bản số 855/KH-UBND", [("855/KH-UBND", "van-ban/kh-855.md")]),  # "văn bản" is not its form
    ("(855/KH-UBND)", [("855/KH-UBND", "van-ban/kh-855.md")]),
    ("Quyết định số\n1826/QĐ-UBND", [("Quyết định số\n1826/QĐ-UBND", "van-ban/qd-1826.md")]),
    # Another number, a longer one, part of an address, a date: nothing.
    ("Quyết định số 11826/QĐ-UBND", []),
    ("Quyết định số 1826/QĐ-UBND-VP", []),
    ("https://example.org/1826/QĐ-UBND", []),
    ("ngày 25/12/2023", []),
    # The same number with another date is another document.
    ("Quyết định số 1826/QĐ-UBND ngày 01/02/2020", []),
    ("Quyết định số 1826/QĐ-UBND ngày 25 tháng 12 năm 2023",
     [("Quyết định số 1826/QĐ-UBND", "van-ban/qd-1826.md")]),
    # Two documents share 12/KH-UBND: only a date tells which.
    ("Kế hoạch số 12/KH-UBND", []),
    ("Kế hoạch số 12/KH-UBND ngày 10/01/2025", [("Kế hoạch số 12/KH-UBND", "van-ban/kh-12-2025.md")]),
    ("Kế hoạch số 12/KH-UBND, ngày 15/01/2024", [("Kế hoạch số 12/KH-UBND", "van-ban/kh-12-2024.md")]),
])
def test_mentions_of_the_sites_documents(docs, text, expected):
    assert spans(text, docs) == expected


# --- the extension on text ----------------------------------------------------------------------

def render(source: str, docs: Path, page: str, meta: dict | None = None) -> tuple[BeautifulSoup, dict]:
    """Render `source` as page `page` of `docs`, with abbreviations as the site has them."""
    extension = ReferencesExtension(docs_dir=str(docs))
    meta = meta if meta is not None else {}
    extension.page = (page, meta)
    md = markdown.Markdown(extensions=["abbr", "attr_list", "toc", "fenced_code", extension])
    html = md.convert(source + "\n\n*[UBND]: Ủy ban nhân dân\n*[QĐ]: Quyết định\n")
    return BeautifulSoup(html, "html.parser"), meta


def test_a_mention_links_the_documents_md_page_and_keeps_its_abbreviations(docs):
    soup, _ = render("Thực hiện Quyết định số 1826/QĐ-UBND ngày 25/12/2023 của Chủ tịch UBND tỉnh.",
                     docs, "index.md")
    [link] = soup.select("a.doc-ref")
    assert link["href"] == "van-ban/qd-1826.md"  # MkDocs and Zensical resolve and check it
    assert link.get_text() == "Quyết định số 1826/QĐ-UBND"
    # abbr still runs after the linker: inside the link, and in the rest of the text.
    assert [abbr.get_text() for abbr in link.select("abbr")] == ["QĐ", "UBND"]
    assert soup.get_text().startswith("Thực hiện Quyết định số 1826/QĐ-UBND ngày 25/12/2023 của Chủ tịch UBND")
    assert len(soup.select("abbr")) == 3


def test_links_are_relative_to_the_page(docs):
    soup, _ = render("Kế hoạch số 855/KH-UBND", docs, "van-ban/qd-1826.md")
    assert soup.select_one("a.doc-ref")["href"] == "kh-855.md"
    soup, _ = render("Kế hoạch số 855/KH-UBND", docs, "a/b/c.md")
    assert soup.select_one("a.doc-ref")["href"] == "../../van-ban/kh-855.md"


def test_no_link_in_headings_links_code_or_to_the_page_itself(docs):
    source = textwrap.dedent("""\
        ## Kế hoạch số 855/KH-UBND

        [Kế hoạch số 855/KH-UBND](https://example.org/) và `855/KH-UBND`

        ```
        Kế hoạch số 855/KH-UBND
        ```

        Đính kèm: Kế hoạch số 855/KH-UBND; căn cứ Quyết định số 1826/QĐ-UBND.
        """)
    soup, _ = render(source, docs, "van-ban/kh-855.md")
    assert [a["href"] for a in soup.select("a.doc-ref")] == ["qd-1826.md"]
    assert soup.select_one("h2 a.doc-ref") is None


def test_several_mentions_in_one_text_and_in_tails(docs):
    soup, _ = render("Theo **Kế hoạch số 855/KH-UBND** và Quyết định số 1826/QĐ-UBND, Kế hoạch số 855/KH-UBND.",
                     docs, "index.md")
    assert [a.get_text() for a in soup.select("a.doc-ref")] == [
        "Kế hoạch số 855/KH-UBND", "Quyết định số 1826/QĐ-UBND", "Kế hoạch số 855/KH-UBND"]
    assert soup.get_text() == "Theo Kế hoạch số 855/KH-UBND và Quyết định số 1826/QĐ-UBND, Kế hoạch số 855/KH-UBND."


def test_a_page_without_context_is_left_alone():
    md = markdown.Markdown(extensions=[ReferencesExtension(docs_dir="/nonexistent")])
    assert "doc-ref" not in md.convert("Quyết định số 1826/QĐ-UBND")


# --- relations and what the templates get -----------------------------------------------------

def test_relations_both_ways_from_front_matter_and_parts(docs):
    found = references.relations(catalog.read(docs))
    cites = {path: [d.path for d in r.cites] for path, r in found.items()}
    cited_by = {path: [d.path for d in r.cited_by] for path, r in found.items()}
    # 855's căn cứ names 1826; its part (muc-tieu.md) names 12/KH-UBND of 2024 by its date.
    assert cites["van-ban/kh-855.md"] == ["van-ban/kh-12-2024.md", "van-ban/qd-1826.md"]
    assert cited_by["van-ban/qd-1826.md"] == ["van-ban/kh-855.md"]
    # 1826's page names 855, issued later: a note of the site, not a citation.
    assert cites["van-ban/qd-1826.md"] == []
    assert cited_by["van-ban/kh-855.md"] == []


def test_what_the_templates_get(docs):
    site = catalog.read(docs)
    shown = describe(site, "van-ban/kh-855.md")
    assert shown["relation"] == "own" and shown["url"] == "van-ban/kh-855/"
    assert [item["number"] for item in shown["cites"]] == ["12/KH-UBND", "1826/QĐ-UBND"]
    assert shown["fields"]["can_cu"] == [
        {"text": "Kế hoạch ban hành kèm theo ", "url": ""},
        {"text": "Quyết định số 1826/QĐ-UBND", "url": "van-ban/qd-1826/"},
        {"text": " ngày 25/12/2023", "url": ""}]
    about = describe(site, "index.md", use_directory_urls=False)
    assert about["relation"] == "about" and about["url"] == "van-ban/kh-855.html"
    assert "cites" not in about  # the relation lists are on the document's own page
    assert describe(site, "muc-tieu.md")["relation"] == "part_of"
    assert describe(site, "nowhere.md") is None
    # At most `shown` of each list, and how many more.
    capped = describe(site, "van-ban/kh-855.md", shown=1)
    assert len(capped["cites"]) == 1 and capped["cites_more"] == 1


def test_the_extension_writes_into_the_pages_own_front_matter(docs):
    meta = {"document": {}}
    render("text", docs, "van-ban/qd-1826.md", meta)
    assert meta["vanban"]["cited_by"][0]["name"] == "Kế hoạch số 855/KH-UBND"


def test_catalog_follows_an_edit(docs):
    first = catalog.read(docs)
    assert catalog.read(docs) is first  # read once per build
    page = docs / "van-ban" / "qd-1826.md"
    page.write_text(page.read_text(encoding="utf-8").replace("25/12/2023", "26/12/2023"), encoding="utf-8")
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert catalog.read(docs, max_age=0).by_path["van-ban/qd-1826.md"].date_text == "26/12/2023"
    # Within one build (one token) the folder is read once; a new build looks again.
    build = object()
    assert catalog.read(docs, build) is catalog.read(docs, build)
    page.write_text(page.read_text(encoding="utf-8").replace("26/12/2023", "27/12/2023"), encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000))
    assert catalog.read(docs, build).by_path["van-ban/qd-1826.md"].date_text == "26/12/2023"
    assert catalog.read(docs, object()).by_path["van-ban/qd-1826.md"].date_text == "27/12/2023"


def test_page_addresses_are_mkdocs_own():
    from mkdocs.structure.files import File

    for path in ["index.md", "van-ban/index.md", "van-ban/ke-hoach-855-kh-ubnd.md", "a/b.md"]:
        for directory_urls in (True, False):
            assert page_url(path, directory_urls) == File(path, "docs", "site", directory_urls).url


def test_the_site_cites_1826_from_855(tmp_path):
    found = references.relations(catalog.read(ROOT / "docs"))
    assert [d.number for d in found["van-ban/ke-hoach-855-kh-ubnd.md"].cites] == ["1826/QĐ-UBND"]
    assert [d.number for d in found["van-ban/quyet-dinh-1826-qd-ubnd.md"].cited_by] == ["855/KH-UBND"]
