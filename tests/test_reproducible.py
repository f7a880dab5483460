"""Two builds of one commit with SOURCE_DATE_EPOCH set are byte-identical (slow: two full builds)."""

from __future__ import annotations

import gzip
import subprocess
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from scripts import build_site
from hooks.downloads import FOLDER, PDF_NAME, ZIP_NAME
from scripts.pdf import body_text

EPOCH = "1709078400"  # any fixed time; a build must write this, not the clock


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def zip_entries(path: Path) -> list[tuple[str, tuple, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, info.date_time, archive.read(info)) for info in archive.infolist()]


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    # With a site_url the sitemap lists every page with its <lastmod>.
    monkeypatch.setenv("SITE_URL", "https://example.org/ke-hoach-855/")
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "site"
    # Each build with its own empty cache: every document's PDF is printed twice, not reused.
    monkeypatch.setenv("PDF_CACHE_DIR", str(tmp_path / "a" / "pdf-cache"))
    build_site.publish(first)
    monkeypatch.setenv("PDF_CACHE_DIR", str(tmp_path / "b" / "pdf-cache"))
    build_site.publish(second)
    assert len(list((tmp_path / "b" / "pdf-cache").glob("*.pdf"))) >= 1
    one, two = tree(first), tree(second)
    assert {Path(name).suffix for name in one} >= {".html", ".json", ".xml", ".gz", ".zip", ".pdf"}
    assert f"{FOLDER}/ke-hoach-855-kh-ubnd.json" in one  # the document as data
    assert f"{FOLDER}/ke-hoach-855-kh-ubnd.pdf" in one  # and as its own PDF
    # The zip: same entries, same dates, same bytes; the PDF: same text.
    assert zip_entries(first / FOLDER / ZIP_NAME) == zip_entries(second / FOLDER / ZIP_NAME)
    assert body_text(first / FOLDER / PDF_NAME) == body_text(second / FOLDER / PDF_NAME)
    # Everything else too: the whole published folder.
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []

    day = datetime.fromtimestamp(int(EPOCH), timezone.utc).strftime("%Y-%m-%d")
    sitemap = one["sitemap.xml"].decode("utf-8")
    assert sitemap.count("<lastmod>") >= 10
    assert sitemap.count(f"<lastmod>{day}</lastmod>") == sitemap.count("<lastmod>")
    assert gzip.decompress(one["sitemap.xml.gz"]) == one["sitemap.xml"]


def test_source_date_epoch_defaults_to_the_last_commit(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=build_site.ROOT,
                                 capture_output=True, text=True, check=True).stdout.strip()
    assert build_site.source_date_epoch() == int(commit_time)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert build_site.source_date_epoch() == int(EPOCH)


def test_source_date_epoch_without_git_is_the_build_time(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on PATH
    before = int(time.time())
    assert before <= build_site.source_date_epoch() <= int(time.time())
