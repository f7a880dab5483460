"""The register of published provision ids (archive/clause-ids.txt) and `make ids`."""

from __future__ import annotations

import shutil

import pytest

from project import ROOT, copy_project, run
from vanban import register

FIXTURE = ROOT / "tests" / "fixtures" / "realdocs" / "cong-van-1624-ubnd-vxnv.md"


def test_register_lines_parse_and_malformed_ones_are_named():
    entries = register.parse("# comment\na.md  cl_1\na.md  old-id  cl_1  # an alias\n")
    assert [(e.page, e.id, e.lands_on, e.line, e.target) for e in entries] == [
        ("a.md", "cl_1", "", 2, "cl_1"), ("a.md", "old-id", "cl_1", 3, "cl_1")]
    with pytest.raises(ValueError, match="line 2"):
        register.parse("a.md cl_1\na.md\n")


def test_missing_and_additions():
    entries = register.parse("a.md cl_1\na.md x cl_2\nb.md cl_1\n")
    assert [e.id for e in register.missing(entries, {"a.md": {"cl_1"}})] == ["x", "cl_1"]
    assert register.additions(entries, {"a.md": ["cl_1", "cl_3"], "c.md": ["art_1"]}) == [
        ("a.md", "cl_3"), ("c.md", "art_1")]


def test_make_ids_appends_new_provisions_and_never_rewrites(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURE, project / "docs" / "van-ban" / "cong-van-1624.md")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - Quyết định số 1826/QĐ-UBND: van-ban/quyet-dinh-1826-qd-ubnd.md\n",
        "      - Quyết định số 1826/QĐ-UBND: van-ban/quyet-dinh-1826-qd-ubnd.md\n"
        "      - Công văn số 1624/UBND-VXNV: van-ban/cong-van-1624.md\n"), encoding="utf-8")
    path = project / "archive" / "clause-ids.txt"
    before = path.read_text(encoding="utf-8")
    check = run(project, "scripts.register_ids", "--check")
    assert check.returncode == 1 and "[unregistered-id] Mã 'cl_1' của trang van-ban/cong-van-1624.md" in check.stdout
    added = run(project, "scripts.register_ids")
    expected = (ROOT / "tests" / "fixtures" / "realdocs" / "expected" / "cong-van-1624-ubnd-vxnv.tsv").read_text(
        encoding="utf-8").splitlines()[1:]
    assert added.returncode == 0 and f"{len(expected)} mã mới" in added.stdout
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)  # append only
    new = [e for e in register.parse(after) if e.page == "van-ban/cong-van-1624.md"]
    assert [e.id for e in new] == [row.split("\t")[0] for row in expected]  # in reading order
    assert run(project, "scripts.register_ids", "--check").returncode == 0
    assert run(project, "scripts.register_ids").stdout.startswith("0 mã mới")
