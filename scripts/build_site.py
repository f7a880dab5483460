"""Build the publishable site into `site/`, all or nothing.

Usage: python -m scripts.build_site [--check] [--site-dir DIR]

MkDocs cleans its output folder first and, in strict mode, aborts only after
writing every page, so a failed build would leave a broken `site/`. Here every
output is built into a staging folder next to the target and swapped in only
when everything succeeded. `--check` builds and throws the result away.

Reproducible: unless `SOURCE_DATE_EPOCH` is set, it is set to the time of the
last commit, so every date a build writes (the sitemap's `<lastmod>`, the
gzip header of `sitemap.xml.gz`) comes from the commit, not the clock.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "site"
CONFIG = ROOT / "mkdocs.yml"


def source_date_epoch() -> str | None:
    """`SOURCE_DATE_EPOCH` if set, else the last commit's time, else None (no git)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                                capture_output=True, text=True, check=False)
    except OSError:
        return None
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else None


class BuildError(RuntimeError):
    """A build step failed; its own output already said why."""


def mkdocs_build(config: Path, site_dir: Path) -> None:
    """Strict MkDocs build (never with -v: it skips anchor validation)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(config), "--site-dir", str(site_dir)]
    if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
        raise BuildError(f"mkdocs build failed for {config.name}")


def build_all(staging: Path) -> None:
    """Every output of the published site, written into `staging`."""
    mkdocs_build(CONFIG, staging)


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
    """Build everything into a temporary folder and discard it."""
    with tempfile.TemporaryDirectory(prefix="site-check-") as tmp:
        build_all(Path(tmp) / "site")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="build, then discard the result")
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR)
    args = parser.parse_args(argv)
    epoch = source_date_epoch()
    if epoch:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        check() if args.check else publish(args.site_dir.resolve())
    except BuildError as error:
        print(f"Build failed: {error}. Nothing was written to {args.site_dir}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
