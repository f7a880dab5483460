"""Build the site with Zensical, Material for MkDocs' successor, and compare.

Usage: python -m scripts.zensical_build [--zensical PATH] [--site-dir DIR] [--config NAME]

Zensical reads `mkdocs.yml` but writes `site/` and a `.cache/` next to it, and
refuses a site_dir outside the project. So the project's inputs are copied
into a temporary folder, built there with `zensical build --strict`, and the
output moved to --site-dir (default build/zensical-site). Then its pages are
compared with a strict MkDocs build of the same config: exits 1 if Zensical
fails or if the two builds do not publish the same set of pages, apart from
the pages MkDocs hooks add (the archive's year lists), which Zensical cannot.

Zensical lives in its own virtual environment (`make zensical` creates
build/zensical-venv from requirements-zensical.txt): it pins its own
dependencies and must not change the versions the MkDocs build is tested with.
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

from scripts.build_site import BuildError, mkdocs_build
from vanban import archive, catalog
from vanban.catalog import page_url

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = ROOT / "build" / "zensical-venv" / "bin" / "zensical"
SITE_DIR = ROOT / "build" / "zensical-site"
# Everything a build of mkdocs.yml reads (vanban/ for the slugify and the Markdown extensions).
INPUTS = ("mkdocs.yml", "mkdocs.offline.yml", "docs", "overrides", "includes", "vanban", "archive")


def pages(site: Path) -> set[str]:
    """Published pages as URL paths ("" for the home page), 404 and assets excluded."""
    return {p.relative_to(site).as_posix().removesuffix("index.html")
            for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] not in {"assets", "search"} and p.name != "404.html"}


def zensical_build(zensical: Path, config: str, site_dir: Path) -> float:
    """Build `config` with Zensical into `site_dir`; return the build's wall seconds."""
    with tempfile.TemporaryDirectory(prefix="zensical-") as tmp:
        project = Path(tmp)
        for name in INPUTS:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.exists():
                shutil.copy2(source, project / name)
        env = {**os.environ, "PYTHONPATH": str(project), "NO_COLOR": "1"}
        started = time.perf_counter()
        result = subprocess.run([str(zensical), "build", "--strict", "--config-file", config],
                                cwd=project, env=env, check=False)
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise BuildError(f"zensical build failed for {config}")
        shutil.rmtree(site_dir, ignore_errors=True)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(project / "site"), site_dir)
    return seconds


def hook_pages(docs_dir: Path = ROOT / "docs") -> set[str]:
    """Pages that MkDocs hooks add (the archive's year lists, hooks/archive.py), as URL paths:
    Zensical runs no hooks, so it does not publish them (README, "Zensical")."""
    site = catalog.read(docs_dir)
    index = site.archive_index()
    if index is None:
        return set()
    return {page_url(page.path).removesuffix("./") for page in archive.year_pages(site, index)}


def compare(zensical_site: Path, mkdocs_site: Path, expected: set[str] = frozenset()) -> list[str]:
    """Differences in published pages, as lines to print (empty: the same pages), leaving out
    the `expected` pages only MkDocs publishes (`hook_pages`)."""
    ours, theirs = pages(mkdocs_site), pages(zensical_site)
    lines = [f"- only MkDocs publishes /{p}" for p in sorted(ours - theirs - expected)]
    lines += [f"- only Zensical publishes /{p}" for p in sorted(theirs - ours)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zensical", type=Path, default=ZENSICAL, help="the zensical executable")
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR)
    parser.add_argument("--config", default="mkdocs.yml")
    args = parser.parse_args(argv)
    if not args.zensical.exists():
        print(f"{args.zensical} not found: `make zensical` installs it from "
              "requirements-zensical.txt.", file=sys.stderr)
        return 1
    version = subprocess.run([str(args.zensical), "--version"], capture_output=True,
                             text=True, check=False).stdout.strip()
    try:
        seconds = zensical_build(args.zensical, args.config, args.site_dir.resolve())
        with tempfile.TemporaryDirectory(prefix="mkdocs-") as tmp:
            mkdocs_build(ROOT / args.config, Path(tmp) / "site")
            differences = compare(args.site_dir, Path(tmp) / "site", hook_pages())
            count = len(pages(Path(tmp) / "site"))
    except BuildError as error:
        print(f"Build failed: {error}.", file=sys.stderr)
        return 1
    print(f"{version}: built {len(pages(args.site_dir))} pages in {seconds:.1f} s "
          f"into {args.site_dir}; MkDocs: {count} pages.")
    for line in differences:
        print(line)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
