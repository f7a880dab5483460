"""Time each step of `make site` and report the size of its downloads.

Run through `python -m bench editions`. Reported, never asserted.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from scripts import build_site
from hooks.downloads import FOLDER, PDF_NAME, ZIP_NAME


def _timed(label: str, rows: list[tuple[str, str]], step, *args, **kwargs) -> None:
    start = time.perf_counter()
    step(*args, **kwargs)
    rows.append((label, f"{time.perf_counter() - start:.2f} s"))


def main() -> None:
    rows: list[tuple[str, str]] = []
    epoch = build_site.source_date_epoch()
    with tempfile.TemporaryDirectory(prefix="bench-editions-") as tmp:
        work = Path(tmp)
        downloads = work / FOLDER
        _timed("print edition + PDF (Chromium)", rows, build_site.build_pdf, work, downloads, epoch)
        _timed("document PDFs (Chromium or build/pdf-cache)", rows, build_site.build_document_pdfs, work,
               downloads, epoch)
        _timed("offline edition + zip", rows, build_site.build_offline_zip, work, downloads, epoch)
        _timed("hosted edition", rows, build_site.mkdocs_build, build_site.CONFIG, work / "site",
               downloads=downloads, epoch=epoch)
        pdf, archive = downloads / PDF_NAME, downloads / ZIP_NAME
        rows.append((f"size of {PDF_NAME}", f"{pdf.stat().st_size:,} bytes"))
        rows.append((f"size of {ZIP_NAME}", f"{archive.stat().st_size:,} bytes"))
        unpacked = sum(path.stat().st_size for path in (work / "offline").rglob("*") if path.is_file())
        rows.append(("offline edition unpacked (before exclusions)", f"{unpacked:,} bytes"))
    print("| step | value |\n| --- | --- |")
    for label, value in rows:
        print(f"| {label} | {value} |")
