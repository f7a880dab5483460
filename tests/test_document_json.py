"""Each document as data: `tai-ve/<page>.json`, its metadata and provision tree, valid against
schemas/van-ban-document.schema.json, linked from its page with its size, the same bytes in every
build of one commit."""

from __future__ import annotations

import json

import jsonschema
from bs4 import BeautifulSoup

from hooks.downloads import human_size
from site_text import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "van-ban-document.schema.json").read_text(encoding="utf-8"))


def flatten(provisions: list[dict]) -> list[dict]:
    return [item for p in provisions for item in [p, *flatten(p["children"])]]


def test_every_document_has_a_valid_json_with_its_provision_tree(site_dir):
    data = json.loads((site_dir / "tai-ve" / "ke-hoach-855-kh-ubnd.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["document"]["so_ky_hieu"] == "855/KH-UBND" and data["document"]["url"] == "van-ban/ke-hoach-855-kh-ubnd/"
    # khoản 1 (muc-tieu.md) and khoản 2 (yeu-cau.md), in nav order, with their points and dash items.
    assert [p["eid"] for p in data["provisions"]] == ["cl_1", "cl_2"]
    assert [c["label"] for c in data["provisions"][0]["children"]] == ["a)", "b)", "c)", "d)", "đ)", "e)"]
    point_e = data["provisions"][0]["children"][-1]
    assert [c["eid"] for c in point_e["children"]] == [f"cl_1__point_e__indent_{n}" for n in (1, 2, 3)]
    assert point_e["name"] == "điểm e khoản 1" and point_e["url"] == "muc-tieu/#cl_1__point_e"
    # Every provision's text is on its page, in the element with its id.
    for item in flatten(data["provisions"]):
        page, eid = item["url"].split("#")
        soup = BeautifulSoup((site_dir / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        element = soup.find(id=eid)
        assert item["text"], f"{item['eid']} has no text"
        assert element is not None and " ".join(item["text"].split()[:6]) in " ".join(element.get_text(" ").split())
    # A document with no text on the site still has its data.
    other = json.loads((site_dir / "tai-ve" / "quyet-dinh-1826-qd-ubnd.json").read_text(encoding="utf-8"))
    jsonschema.validate(other, SCHEMA)
    assert other["provisions"] == []


def test_the_schema_refuses_what_is_not_a_document():
    bad = {"document": {"so_ky_hieu": "1/KH"}, "provisions": [{"eid": "x"}]}
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(bad))
    assert errors


def test_document_page_links_its_json_with_its_size(site_dir):
    soup = BeautifulSoup((site_dir / "van-ban" / "ke-hoach-855-kh-ubnd" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    link = soup.select_one('.doc-properties__files a[href$=".json"]')
    assert link["href"] == "../../tai-ve/ke-hoach-855-kh-ubnd.json" and link.get_text() == "Dữ liệu JSON"
    size = (site_dir / "tai-ve" / "ke-hoach-855-kh-ubnd.json").stat().st_size
    assert f"({human_size(size)})" in link.parent.get_text()


def test_lines_of_the_official_layout_stay_lists():
    """kinh_gui and noi_nhan are lists of lines: arrays in the JSON, not one Python-looking string."""
    from vanban.export import document_data

    document = {"loai_van_ban": "Công văn", "so_ky_hieu": "1/UBND", "co_quan_ban_hanh": "UBND tỉnh",
                "ngay_ban_hanh": "05/03/2024", "trich_yeu": "V/v mẫu", "dia_danh": "Ninh Thuận",
                "noi_nhan": ["Như trên;", "Lưu: VT."], "tep_dinh_kem": None}
    data = document_data(document, "van-ban/cv/", [])
    jsonschema.validate(data, SCHEMA)
    assert data["document"]["noi_nhan"] == ["Như trên;", "Lưu: VT."] and data["document"]["tep_dinh_kem"] is None
    data["document"]["noi_nhan"] = [1]
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
