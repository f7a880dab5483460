"""vanban.extensions.tables: every table in a focusable, named region that scrolls.

Unit tests over Python-Markdown, then Chromium on the real documents' wide tables (both palettes,
1280 and 375 px): axe-core finds no violation in the regions, and the keyboard scrolls them."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest
from bs4 import BeautifulSoup

from vanban.extensions.tables import table_name

TABLE = "| Số | Nội dung | Thời gian |\n|---|---|---|\n| 1 | Rà soát | Quý II |\n"


def render(text: str) -> BeautifulSoup:
    html = markdown.markdown(text, extensions=["tables", "abbr", "admonition", "vanban.extensions.tables"])
    return BeautifulSoup(html, "html.parser")


def test_each_table_is_wrapped_in_a_named_focusable_region_in_place():
    soup = render(f"Trước.\n\n{TABLE}\nGiữa.\n\n{TABLE.replace('Số', 'STT')}\nSau.")
    regions = soup.select("div.vb-table")
    assert len(regions) == 2
    for region in regions:
        assert region["role"] == "region" and region["tabindex"] == "0"
        assert [child.name for child in region.find_all(recursive=False)] == ["table"]
    assert [r["aria-label"] for r in regions] == ["Bảng: Số, Nội dung, Thời gian", "Bảng: STT, Nội dung, Thời gian"]
    # Order and surrounding text unchanged.
    assert [e.name for e in soup.find_all(recursive=False)] == ["p", "div", "p", "div", "p"]
    assert soup.get_text(" ").split()[:1] == ["Trước."] and soup.get_text(" ").split()[-1] == "Sau."


def test_tables_inside_other_blocks_are_wrapped_too_and_only_once():
    soup = render(f'!!! note "Ghi chú"\n\n    {TABLE.replace(chr(10), chr(10) + "    ")}')
    assert len(soup.select(".admonition div.vb-table > table")) == 1
    assert not soup.select("div.vb-table div.vb-table")


def test_region_name_reads_the_header_cells_and_is_cut_at_a_word():
    soup = render("| **Đơn vị**  chủ trì | Đơn vị phối hợp |\n|---|---|\n| a | b |\n")
    assert soup.find("div")["aria-label"] == "Bảng: Đơn vị chủ trì, Đơn vị phối hợp"
    assert table_name(etree.fromstring("<table><tbody><tr><td>a</td></tr></tbody></table>")) == "Bảng"
    long = render("| " + " | ".join(["Cơ quan chủ trì thực hiện nhiệm vụ"] * 4) + " |\n|---|---|---|---|\n| a | b | c | d |\n")
    name = long.find("div")["aria-label"]
    assert name.startswith("Bảng: Cơ quan chủ trì") and name.endswith("…") and len(name) <= len("Bảng: ") + 81
    assert not name[:-1].endswith((" ", ","))


def test_a_table_without_header_text_is_named_bang():
    soup = render("|   |   |\n|---|---|\n| a | b |\n")
    assert soup.find("div")["aria-label"] == "Bảng"


PALETTES = {"light": "default", "dark": "slate"}
WIDTHS = {1280: 900, 375: 812}
DOCUMENTS = ("ke-hoach-270-kh-ubnd", "quyet-dinh-2074-qd-ubnd")


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("palette", PALETTES)
def test_real_documents_tables_pass_axe_and_scroll_by_keyboard(browser, realdocs_url, palette, width):
    from test_accessibility import AXE_JS, AXE_OPTIONS

    context = browser.new_context(color_scheme=palette, viewport={"width": width, "height": WIDTHS[width]},
                                  bypass_csp=True)
    page = context.new_page()
    found, scrolled = [], 0
    for name in DOCUMENTS:
        page.goto(f"{realdocs_url}thu/{name}/")
        regions = page.locator("div.vb-table[role=region][tabindex='0']")
        assert regions.count() >= 1, name
        # Material's run-time wrapper is inside the region and no longer scrolls.
        assert page.locator("div.vb-table > .md-typeset__scrollwrap > .md-typeset__table > table").count() == regions.count()
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
        result = page.evaluate("options => axe.run({include: [['.vb-table']]}, options)",
                               {**AXE_OPTIONS, "resultTypes": ["violations", "passes"]})
        found += [f"{name}: {rule['id']} {node['target']}" for rule in result["violations"] for node in rule["nodes"]]
        for index in range(regions.count()):
            region = regions.nth(index)
            wide = region.evaluate("e => e.scrollWidth > e.clientWidth + 1")
            inner = region.evaluate("e => { const w = e.querySelector('.md-typeset__scrollwrap');"
                                    " return w.scrollWidth > w.clientWidth + 1 && getComputedStyle(w).overflowX !== 'visible'; }")
            assert not inner, (name, index)
            if wide:
                region.focus()
                assert region.evaluate("e => document.activeElement === e")
                page.keyboard.press("ArrowRight")
                page.keyboard.press("ArrowRight")
                page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle(), timeout=2000)
                scrolled += 1
    context.close()
    assert found == [], "\n".join(found)
    if width == 375:
        assert scrolled >= 2  # the real documents' tables are wider than a phone
