"""Helpers for tests that change a throwaway copy of the project and build it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Outputs and caches; `.git` too, so a copy is like a build from a tarball.
IGNORED = shutil.ignore_patterns(".venv", ".git", "site", "site.old", "build", "test-results",
                                 "__pycache__", ".pytest_cache", ".site-staging-*")


def copy_project(target: Path) -> Path:
    """A copy of the project (without git history) at `target`."""
    shutil.copytree(ROOT, target, ignore=IGNORED)
    return target


def git(repo: Path, *args: str, date: str | None = None) -> str:
    """`git -C repo args` with a fixed identity and none of the user's git
    configuration; `date` (ISO 8601) is both the author and committer date."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Biên tập viên", "GIT_AUTHOR_EMAIL": "bien-tap@example.org",
           "GIT_COMMITTER_NAME": "Biên tập viên", "GIT_COMMITTER_EMAIL": "bien-tap@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    result = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def run(project: Path, *args: str, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m <args>` inside `project`, as `make` would run it there (env: None unsets)."""
    environment = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environment = {key: value for key, value in environment.items() if value is not None}
    return subprocess.run([sys.executable, "-m", *args], cwd=project, env=environment,
                          capture_output=True, text=True, check=False)
