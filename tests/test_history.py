"""vanban.history: a build refuses a shallow or partial clone, asking git about
the repository that holds the pages, whatever the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from project import git
from vanban.history import IncompleteHistory, check_history


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small repository with three commits of docs/trang.md, which serves
    shallow (file://) and partial clones."""
    # Never look above tmp_path for a repository (a tarball unpacked inside one).
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    source = tmp_path / "source"
    (source / "docs").mkdir(parents=True)
    git(source, "init", "-q", "-b", "main")
    git(source, "config", "uploadpack.allowFilter", "true")
    for day in (1, 2, 3):
        (source / "docs" / "trang.md").write_text(f"Lần sửa thứ {day}.\n", encoding="utf-8")
        git(source, "add", "-A")
        git(source, "commit", "-q", "-m", f"Edit {day}", date=f"2024-01-0{day}T12:00:00+07:00")
    return source


def test_a_folder_outside_git_is_not_checked(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "docs").mkdir()
    assert check_history(tmp_path / "docs") is None  # a tarball: dates come from the build


def test_a_full_clone_passes(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(clone))
    assert check_history(repo / "docs") == repo
    assert check_history(clone / "docs") == clone


def test_a_shallow_clone_is_refused_until_unshallowed(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    with pytest.raises(IncompleteHistory) as refused:
        check_history(clone / "docs")
    message = str(refused.value)
    assert "bản sao nông" in message and "`git fetch --unshallow`" in message and str(clone) in message
    git(clone, "fetch", "-q", "--unshallow")
    assert check_history(clone / "docs") == clone


def test_git_is_asked_about_the_pages_not_the_working_directory(repo, tmp_path, monkeypatch):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    monkeypatch.chdir(repo)  # a full repository
    with pytest.raises(IncompleteHistory):
        check_history(clone / "docs")
    monkeypatch.chdir(clone)  # a shallow one
    assert check_history(repo / "docs") == repo


def test_a_partial_clone_is_refused_until_every_object_is_fetched(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--filter=blob:none", f"file://{repo}", str(clone))
    with pytest.raises(IncompleteHistory) as refused:
        check_history(clone / "docs")
    message = str(refused.value)
    refetch = "git -c remote.origin.partialclonefilter= fetch --refetch origin"
    assert "bản sao một phần" in message and f"`{refetch}`" in message and "`git clone`" in message
    git(clone, *refetch.split()[1:])
    assert check_history(clone / "docs") == clone  # still a promisor remote, but nothing is missing
