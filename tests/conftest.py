"""Shared fixtures: one strict build of the site, an HTTP server, a browser."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from realdocs import fixture_project
from scripts import browser as browser_setup
from scripts.build_site import mkdocs_build, publish
from hooks.downloads import FOLDER, ZIP_NAME
from scripts.offline_zip import TOP

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-results"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The publishable site, built once per test session exactly as `make site` does."""
    target = tmp_path_factory.mktemp("build") / "site"
    publish(target)
    return target


@pytest.fixture(scope="session")
def offline_dir(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published offline zip, unzipped into a fresh folder as a reader would: its top folder."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(site_dir / FOLDER / ZIP_NAME) as archive:
        archive.extractall(target)
    return target / TOP


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1."""
    yield from _serve(site_dir)


@pytest.fixture(scope="session")
def realdocs_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, site): this project with the three real documents of tests/fixtures/realdocs
    under docs/thu/, as an editor finishes them (tests/realdocs.py), built (hosted edition)."""
    project = fixture_project(tmp_path_factory.mktemp("realdocs") / "project")
    site = project.parent / "site"
    mkdocs_build(project / "mkdocs.yml", site)
    return project, site


@pytest.fixture(scope="session")
def realdocs_url(realdocs_site: tuple[Path, Path]) -> Iterator[str]:
    """The real documents' fixture site served over HTTP on 127.0.0.1."""
    yield from _serve(realdocs_site[1])


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A page left mid-download (keyboard tests navigate on) is not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's when installed) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**browser_setup.launch_options())
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots and other test artefacts (uploaded by CI)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
