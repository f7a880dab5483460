"""Build the publishable site into `site/`, all or nothing.

Usage: python -m scripts.build_site [--check] [--site-dir DIR]

MkDocs cleans its output folder first and, in strict mode, aborts only after
writing every page, so a failed build would leave a broken `site/`. Here every
output is built into a staging folder next to the target and swapped in only
when everything succeeded.

One source, three editions, built in this order (each step a function below):
1. the print edition (`mkdocs.print.yml`), printed to `tai-ve/ke-hoach-855.pdf`
   (`scripts/pdf.py`, Chromium), and each document with text to `tai-ve/<page>.pdf`
   (`scripts/document_pdf.py`, from the edition's `ban-in/<page>.html`; a document
   whose print page did not change comes from the cache, `build/pdf-cache/`);
2. the offline edition (`mkdocs.offline.yml`, which includes the PDFs), zipped to
   `tai-ve/ke-hoach-855-ngoai-tuyen.zip` (`scripts/offline_zip.py`);
3. the hosted edition (`mkdocs.yml`) into the staging folder, with every file
   under `tai-ve/`: the downloads hook links the whole-plan files, the
   document-files hook each document's PDF and JSON, with their measured sizes.
Every date inside them comes from `source_date_epoch()`, so two builds of one
commit are identical. `--check` only runs the three strict MkDocs builds (no
browser) and throws the result away.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts import offline_zip
from hooks.downloads import FOLDER, PDF_NAME, ZIP_NAME

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "site"
CONFIG = ROOT / "mkdocs.yml"
OFFLINE_CONFIG = ROOT / "mkdocs.offline.yml"
PRINT_CONFIG = ROOT / "mkdocs.print.yml"
EDITIONS = (CONFIG, OFFLINE_CONFIG, PRINT_CONFIG)
# Written by mkdocs-print-site-plugin at the root of the print edition.
PRINT_PAGE = "print_page.html"


class BuildError(RuntimeError):
    """A build step failed; its own output already said why."""


def source_date_epoch() -> int:
    """The one date of a build: $SOURCE_DATE_EPOCH, else the last commit's time,
    else (a tarball without git history) the build time.
    https://reproducible-builds.org/specs/source-date-epoch/"""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                                capture_output=True, text=True, check=True)
        return int(result.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return int(time.time())


def mkdocs_build(config: Path, site_dir: Path, *, downloads: Path | None = None,
                 epoch: int | None = None) -> None:
    """Strict MkDocs build (never with -v: it skips anchor validation).

    `downloads` is the folder of the files the pages link (extra.downloads)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1",
           "SITE_DOWNLOADS": str(downloads or "")}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(config), "--site-dir", str(site_dir)]
    if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
        raise BuildError(f"mkdocs build failed for {config.name}")


def build_pdf(work: Path, downloads: Path, epoch: int) -> Path:
    """The print edition, printed by Chromium to downloads/ke-hoach-855.pdf.

    `scripts.pdf` runs in its own process, like MkDocs: Playwright's sync API
    refuses to start inside a caller that already drives a browser (the tests)."""
    print_site = work / "print"
    mkdocs_build(PRINT_CONFIG, print_site, epoch=epoch)
    target = downloads / PDF_NAME
    command = [sys.executable, "-m", "scripts.pdf", str(print_site / PRINT_PAGE), str(target),
               "--config", str(PRINT_CONFIG), "--epoch", str(epoch)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
        raise BuildError("the PDF could not be made")
    return target


def build_document_pdfs(work: Path, downloads: Path, epoch: int) -> None:
    """Each document's own PDF (downloads/<page>.pdf) from the print edition built by `build_pdf`
    (its ban-in/ pages), printed by `scripts.document_pdf` in its own process, or taken from the
    cache (build/pdf-cache/, or $PDF_CACHE_DIR) when nothing it prints changed."""
    command = [sys.executable, "-m", "scripts.document_pdf", str(work / "print"), str(downloads),
               "--epoch", str(epoch)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
        raise BuildError("the documents' PDFs could not be made")


def build_offline_zip(work: Path, downloads: Path, epoch: int) -> Path:
    """The offline edition (with the PDF in it), zipped to downloads/ke-hoach-855-ngoai-tuyen.zip."""
    offline_site = work / "offline"
    mkdocs_build(OFFLINE_CONFIG, offline_site, downloads=downloads, epoch=epoch)
    target = downloads / ZIP_NAME
    offline_zip.write_zip(offline_site, target, epoch=epoch)
    return target


def build_all(staging: Path) -> None:
    """Every output of the published site, written into `staging`."""
    epoch = source_date_epoch()
    with tempfile.TemporaryDirectory(prefix="site-editions-") as tmp:
        work = Path(tmp)
        downloads = work / FOLDER
        build_pdf(work, downloads, epoch)
        build_document_pdfs(work, downloads, epoch)
        build_offline_zip(work, downloads, epoch)
        mkdocs_build(CONFIG, staging, downloads=downloads, epoch=epoch)


def publish(site_dir: Path) -> None:
    """Build into a staging folder, then replace `site_dir` in one step."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=site_dir.parent))
    try:
        build_all(staging)
        old = site_dir.with_name(site_dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check() -> None:
    """Strict builds of the three editions into a temporary folder, then discard
    them (no browser: the PDF is made by `make site` and checked by `make test`)."""
    with tempfile.TemporaryDirectory(prefix="site-check-") as tmp:
        for config in EDITIONS:
            mkdocs_build(config, Path(tmp) / config.stem)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="build, then discard the result")
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR)
    args = parser.parse_args(argv)
    try:
        check() if args.check else publish(args.site_dir.resolve())
    except BuildError as error:
        print(f"Build failed: {error}. Nothing was written to {args.site_dir}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
