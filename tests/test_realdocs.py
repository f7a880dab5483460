"""Three real documents (tests/fixtures/realdocs, copied from ../shared/realdocs) built into a
fixture site with this project's configuration (`realdocs_site`, tests/conftest.py; the documents
as an editor finishes them, tests/realdocs.py): every provision gets exactly the id
../shared/PROVISIONS.md gives it, on an element whose text begins as expected, and a search
entry; Zensical gives the same ids; `make check` finds nothing to fix in them but their footnotes.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from project import run
from realdocs import DOCUMENTS, FIXTURES, SHARED, expected, fixture_project
from vanban import search_index


def own_text(element) -> str:
    """A provision's own text, as a reader reads it: without its printed label, the provisions
    inside it and the heading permalink (works on a copy)."""
    element = BeautifulSoup(str(element), "html.parser").find(attrs={"data-eid": True})
    for inner in element.select("[data-eid]"):
        inner.decompose()
    for link in element.select("a.provision-label, a.headerlink"):
        link.decompose()
    return " ".join(element.get_text(" ").split())


def test_fixtures_are_the_shared_ones():
    if not SHARED.is_dir():
        pytest.skip("no ../shared/realdocs beside this checkout")
    for path in FIXTURES.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (SHARED / path.relative_to(FIXTURES)).read_bytes(), path


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_provision_has_its_id_and_text_and_no_other_id_exists(realdocs_site, name):
    _, site = realdocs_site
    soup = BeautifulSoup((site / "thu" / name / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = expected(name)
    found = [element["data-eid"] for element in soup.select("[data-eid]")]
    assert found == [eid for eid, _ in rows]
    for eid, begins in rows:
        element = soup.find(id=eid)
        assert element is not None and element.get("data-eid") == eid, eid
        text = own_text(element)
        assert text == begins or text.startswith(begins + " "), (eid, text[:60], begins)
        label = element.select_one("a.provision-label")
        if label is not None and label.find_parent(attrs={"data-eid": True}) is element:
            assert label["href"] == f"#{eid}" and label["aria-label"].startswith("Liên kết đến ")


def test_every_provision_down_to_the_point_has_a_search_entry(realdocs_site):
    _, site = realdocs_site
    locations = {entry["location"] for entry in search_index.site_entries(site)}
    for name in DOCUMENTS:
        for eid, _ in expected(name):
            if eid.rsplit("__", 1)[-1].startswith("indent_"):
                continue  # dash items stay in their provision's entry
            assert f"thu/{name}/#{eid}" in locations, eid


def test_hand_written_ids_stay_as_anchors(realdocs_site):
    _, site = realdocs_site
    soup = BeautifulSoup((site / "thu" / "quyet-dinh-2074-qd-ubnd" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    for old, eid in (("hinh-thuc-a", "att_1__sec_III__point_a"), ("noi-dung", "att_1__sec_II"),
                     ("ke-hoach", "att_1")):
        anchor = soup.find(id=old)
        assert anchor is not None and anchor.find_parent(attrs={"data-eid": True})["id"] == eid


def test_check_reports_only_footnotes_typed_as_superscripts_and_star_marks(tmp_path):
    project = fixture_project(tmp_path / "project", as_written=True)
    result = run(project, "scripts.check_content")
    findings = [line for line in result.stdout.splitlines() if line.strip()]
    assert result.returncode == 1
    assert {re.search(r"\[([\w-]+)\]", line).group(1) for line in findings} == {"footnote", "star-mark"}, findings
    assert all("ke-hoach-270-kh-ubnd.md" in line for line in findings)


def test_zensical_gives_the_same_provision_ids_and_official_layout(realdocs_site, tmp_path):
    """Under Zensical (MiniJinja templates) too: the same ids, and the same official layout, header
    and closing (overrides/partials/the-thuc.html), with the same text."""
    from scripts.zensical_build import ZENSICAL

    if not ZENSICAL.exists():
        pytest.skip("Zensical is not installed (make zensical installs it)")
    project, site = realdocs_site
    copy = tmp_path / "z"
    shutil.copytree(project, copy)
    result = subprocess.run([str(ZENSICAL), "build", "--clean"], cwd=copy, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(copy), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    for name in DOCUMENTS:
        ours = BeautifulSoup((site / "thu" / name / "index.html").read_text(encoding="utf-8"), "html.parser")
        theirs = BeautifulSoup((copy / "site" / "thu" / name / "index.html").read_text(encoding="utf-8"),
                               "html.parser")
        assert [e["data-eid"] for e in theirs.select("[data-eid]")] == [e["data-eid"] for e in ours.select("[data-eid]")]
        layout = ".doc-header > *, .doc-title, .doc-recipients, .doc-footer > *"
        mine = [(e["class"], " ".join(e.get_text(" ").split())) for e in ours.select(layout)]
        assert len(mine) >= 5, name
        assert [(e["class"], " ".join(e.get_text(" ").split())) for e in theirs.select(layout)] == mine, name
        assert "doc-footer-slot" not in str(theirs)
