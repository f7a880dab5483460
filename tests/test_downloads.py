"""The downloads hook: links to the zip and the PDF, with sizes, or a pointer."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from hooks import downloads
from hooks.downloads import PDF_NAME, ZIP_NAME, human_size

MARKDOWN = (f"- [Bản ngoại tuyến](tai-ve/{ZIP_NAME}){{ .download }}: cả trang web.\n"
            f"- [Bản PDF](../tai-ve/{PDF_NAME}){{ .download }}: để in.\n"
            f"- [Không đổi](tai-ve/{PDF_NAME}): link without the class.\n")


def render(tmp_path, site_url=None, markdown=MARKDOWN):
    config = SimpleNamespace(extra={"downloads": str(tmp_path)}, site_url=site_url)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
    return downloads.on_page_markdown(markdown, page=page, config=config, files=None)


def test_sizes_are_written_the_vietnamese_way():
    assert human_size(200) == "1 kB"
    assert human_size(555_076) == "555 kB"
    assert human_size(1_234_567) == "1,2 MB"


def test_a_present_file_gets_its_measured_size(tmp_path):
    (tmp_path / PDF_NAME).write_bytes(b"%PDF" + b"0" * 266_607)
    out = render(tmp_path)
    assert f"[Bản PDF](../tai-ve/{PDF_NAME}){{ .download }} (PDF, 267 kB): để in." in out
    assert f"[Không đổi](tai-ve/{PDF_NAME}): link" in out  # only .download links change


def test_a_missing_file_becomes_text_or_a_link_to_the_web_site(tmp_path):
    assert "- Bản ngoại tuyến (có trên trang web): cả trang web." in render(tmp_path)
    out = render(tmp_path, site_url="https://kehoach855.example/")
    assert f"[Bản ngoại tuyến](https://kehoach855.example/tai-ve/{ZIP_NAME}) (trên trang web)" in out


def test_an_unknown_download_is_reported(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        out = render(tmp_path, markdown="[Tệp](tai-ve/ke-hoach-885.pdf){ .download }")
    assert "ke-hoach-885.pdf" in caplog.text  # a warning: the strict build fails
    assert out == "[Tệp](tai-ve/ke-hoach-885.pdf){ .download }"
