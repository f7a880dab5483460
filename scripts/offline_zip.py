"""Zip a built edition deterministically: same input, same bytes.

Usage: python -m scripts.offline_zip SITE_DIR OUT.zip [--top NAME] [--epoch SECONDS]

Entries are sorted, every one has the same timestamp (SOURCE_DATE_EPOCH, else
a fixed date), fixed permissions (folders 755, files 644), Unix as the creating
system and no extra fields; all sit under one top folder, so unzipping never
scatters files. Files useless from disk are left out: source maps (for
developers' tools only), the sitemaps and the 404 page (they need
the hosted address).
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import time
import zipfile
from pathlib import Path

TOP = "ke-hoach-855-ngoai-tuyen"
EXCLUDE = ("*.map", "sitemap.xml", "sitemap.xml.gz", "404.html")
# The earliest time a zip entry can hold (DOS dates start in 1980).
ZIP_EPOCH = 315532800
_UNIX = 3


def included(relative: Path) -> bool:
    """Whether a file of the edition goes into the zip."""
    return not any(fnmatch.fnmatch(relative.name, pattern) for pattern in EXCLUDE)


def entries(site_dir: Path) -> list[Path]:
    """The files to zip, relative to `site_dir`, sorted by their path."""
    files = (path.relative_to(site_dir) for path in site_dir.rglob("*") if path.is_file())
    return sorted((path for path in files if included(path)), key=lambda path: path.as_posix())


def _info(name: str, epoch: int, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.gmtime(max(epoch, ZIP_EPOCH))[:6])
    info.create_system = _UNIX
    info.external_attr = mode << 16
    info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
    return info


def write_zip(site_dir: Path, out: Path, *, top: str = TOP, epoch: int = ZIP_EPOCH) -> list[str]:
    """Write the zip; return its entry names."""
    files = entries(site_dir)
    folders = sorted({parent.as_posix() for path in files for parent in path.parents if parent != Path(".")})
    names: list[str] = []
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as archive:
        for folder in [""] + folders:
            name = f"{top}/{folder}/" if folder else f"{top}/"
            archive.writestr(_info(name, epoch, 0o40755), b"")
            names.append(name)
        for path in files:
            name = f"{top}/{path.as_posix()}"
            archive.writestr(_info(name, epoch, 0o100644), (site_dir / path).read_bytes(), compresslevel=9)
            names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--top", default=TOP, help="folder name inside the zip")
    parser.add_argument("--epoch", type=int, default=None, help="timestamp (default: SOURCE_DATE_EPOCH)")
    args = parser.parse_args(argv)
    from scripts.build_site import source_date_epoch

    epoch = args.epoch if args.epoch is not None else source_date_epoch()
    names = write_zip(args.site_dir, args.out, top=args.top, epoch=epoch)
    print(f"{args.out}: {len(names)} entries, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
