"""The site still builds with Zensical, and the README's list of what it drops holds.

Zensical is installed into build/zensical-venv by `make test` (from
requirements-zensical.txt); where that failed, these tests are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.zensical_build import ZENSICAL, compare, pages, zensical_build

pytestmark = pytest.mark.skipif(
    not ZENSICAL.exists(),
    reason=f"Zensical is not installed at {ZENSICAL} (`make zensical` installs it from "
           "requirements-zensical.txt; installation failed or was not run)")

HEADING_ID = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"')
# A paragraph of the official layout: its class and text.
LAYOUT = re.compile(r'<p class="(doc-[\w-]+)">([^<]*)</p>')


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("zensical") / "site"
    zensical_build(ZENSICAL, "mkdocs.yml", site)
    return site


def test_zensical_publishes_the_same_pages(zensical_site, site_dir):
    assert len(pages(zensical_site)) >= 10
    assert compare(zensical_site, site_dir) == []


def test_heading_ids_and_document_box_carry_over(zensical_site, site_dir):
    """toc's !!python/name slugify and the template override work under Zensical: the properties
    box and the official layout (overrides/partials/the-thuc.html, its date line too)."""
    for page in pages(site_dir):
        ours = (site_dir / page / "index.html").read_text(encoding="utf-8")
        theirs = (zensical_site / page / "index.html").read_text(encoding="utf-8")
        assert HEADING_ID.findall(theirs) == HEADING_ID.findall(ours), page
        assert theirs.count('class="doc-properties"') == ours.count('class="doc-properties"'), page
        assert LAYOUT.findall(theirs) == LAYOUT.findall(ours), page
    layout = LAYOUT.findall((zensical_site / "van-ban" / "ke-hoach-855-kh-ubnd" / "index.html").read_text("utf-8"))
    assert ("doc-header__date", "Ninh Thuận, ngày 28 tháng 02 năm 2024") in layout
    assert 'id="cl_2__point_dd"' in (zensical_site / "yeu-cau" / "index.html").read_text("utf-8")


def test_what_zensical_drops_as_the_readme_says(zensical_site, site_dir):
    """If one of these starts failing, Zensical gained a feature: update README "Zensical"."""
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    # Hooks are ignored: no Content-Security-Policy (hooks/csp.py) ...
    assert "Content-Security-Policy" in (site_dir / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in home
    # ... and no white-space clean-up (hooks/html_whitespace.py).
    assert "\n\n" in home
    # Its own search index (not lunr's search/search_index.json), and no sitemap.xml.gz.
    assert (zensical_site / "search.json").exists()
    assert not (zensical_site / "search" / "search_index.json").exists()
    assert not (zensical_site / "sitemap.xml.gz").exists()
