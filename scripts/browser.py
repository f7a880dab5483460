"""Find the Chromium that Playwright drives, or install one.

Usage: python -m scripts.browser [--install]

Order: $CHROMIUM_PATH, then a system Chromium (Debian's `chromium`), else the
browser Playwright downloads itself (`playwright install chromium`, which needs
internet). Tests, the PDF build and the benchmark all launch through here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Flags for a headless Chromium on a machine without network or sandbox.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def system_chromium() -> str | None:
    """Path of the Chromium to use, or None to let Playwright use its own."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    return next(filter(None, (shutil.which(name) for name in SYSTEM_NAMES)), None)


def launch_options() -> dict:
    """Keyword arguments for `playwright.chromium.launch`."""
    options: dict = {"headless": True, "args": LAUNCH_ARGS}
    path = system_chromium()
    if path:
        options["executable_path"] = path
    return options


def install() -> int:
    """Make sure a browser exists: system Chromium, else Playwright's download."""
    path = system_chromium()
    if path:
        print(f"Chromium: {path}")
        return 0
    result = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)
    if result.returncode != 0:
        print("No Chromium found and `playwright install chromium` failed.\n"
              "Install one: `sudo apt-get install chromium` (Debian/Ubuntu), "
              "or set CHROMIUM_PATH to a Chromium or Chrome binary.", file=sys.stderr)
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--install", action="store_true", help="install a browser if none is found")
    args = parser.parse_args(argv)
    if args.install:
        return install()
    print(system_chromium() or "playwright-managed chromium")
    return 0


if __name__ == "__main__":
    sys.exit(main())
