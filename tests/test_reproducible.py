"""Two builds of one commit give the same files (slow: builds the site again)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from scripts.build_site import publish
from scripts.downloads import FOLDER, PDF_NAME, ZIP_NAME
from scripts.pdf import body_text


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def zip_entries(path: Path) -> list[tuple[str, tuple, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, info.date_time, archive.read(info)) for info in archive.infolist()]


def test_two_builds_of_one_commit_are_identical(site_dir, tmp_path):
    second = tmp_path / "site"
    publish(second)
    # The zip: same entries, same dates, same bytes.
    assert zip_entries(site_dir / FOLDER / ZIP_NAME) == zip_entries(second / FOLDER / ZIP_NAME)
    # The PDF: same text (and, below, same bytes).
    assert body_text(site_dir / FOLDER / PDF_NAME) == body_text(second / FOLDER / PDF_NAME)
    # Everything else too: the whole published folder.
    first_tree, second_tree = tree(site_dir), tree(second)
    assert first_tree.keys() == second_tree.keys()
    assert [name for name in first_tree if first_tree[name] != second_tree[name]] == []
