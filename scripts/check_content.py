"""Check the site's Markdown pages before they are built.

Usage: python -m scripts.check_content [docs_dir]

Prints one `file:line:col: [rule] message Gợi ý: hint` line per finding and
exits 1 if there is any. The build hook `scripts/content_gate.py` runs the same
checks, so a bad page can never reach `site/`.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from scripts import front_matter
from scripts.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"


def check_nfc(path: Path, text: str) -> Iterable[Finding]:
    """Vietnamese text must be NFC: the same word must have the same bytes."""
    for number, line in enumerate(text.splitlines(), start=1):
        if unicodedata.is_normalized("NFC", line):
            continue
        col = next((i for i, ch in enumerate(line, start=1) if unicodedata.combining(ch)), 1)
        yield Finding(path, number, col, "nfc", "Chữ tiếng Việt chưa ở dạng dựng sẵn (NFC).",
                      "gõ lại từ này với bộ gõ đặt ở bảng mã Unicode dựng sẵn.")


# Rules that read a page's text; each yields findings.
TEXT_RULES: list[Callable[[Path, str], Iterable[Finding]]] = [check_nfc]


def check_page(path: Path, docs_dir: Path) -> list[Finding]:
    """All findings for one page."""
    text = path.read_text(encoding="utf-8")
    findings = front_matter.check_file(path, docs_dir)
    for rule in TEXT_RULES:
        findings.extend(rule(path, text))
    return sorted(findings)


def check_pages(paths: Iterable[Path], docs_dir: Path) -> list[Finding]:
    return [finding for path in sorted(paths) for finding in check_page(path, docs_dir)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", nargs="?", type=Path, default=DOCS_DIR)
    args = parser.parse_args(argv)
    pages = args.docs_dir.rglob("*.md")
    findings = check_pages(pages, args.docs_dir)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} lỗi nội dung. Sửa các dòng trên rồi chạy lại.", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
