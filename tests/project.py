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


def run(project: Path, *args: str, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m <args>` inside `project`, as `make` would run it there (env: None unsets)."""
    environment = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environment = {key: value for key, value in environment.items() if value is not None}
    return subprocess.run([sys.executable, "-m", *args], cwd=project, env=environment,
                          capture_output=True, text=True, check=False)
