"""Add the ids of new provisions to the register of published ids (`make ids`).

Usage: python -m scripts.register_ids [--check]

Every page is rendered as the site renders it; each provision id not yet in the register
(`archive/clause-ids.txt`, the `register` option of the provisions extension in mkdocs.yml) is
appended, page by page in reading order. Nothing is ever removed or reordered: an id, once
published, stays (PROVISIONS.md §6; `make check` fails when one is no longer on its page).
`--check` changes nothing and exits 1 when ids are missing from the register.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.provision_check import page_ids, register_path
from vanban import register

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
DOCS_DIR = ROOT / "docs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report missing ids, change nothing")
    parser.add_argument("--config", type=Path, default=CONFIG)
    args = parser.parse_args(argv)
    docs_dir = args.config.parent / "docs"
    path = register_path(args.config)
    if path is None:
        print("mkdocs.yml gives the provisions extension no register.", file=sys.stderr)
        return 1
    pages = sorted(docs_dir.rglob("*.md"))
    new = register.additions(register.read(path) if path.is_file() else [], page_ids(pages, docs_dir, args.config))
    if args.check:
        for page, eid in new:
            print(f"{path}:1:1: [unregistered-id] Mã '{eid}' của trang {page} chưa có trong danh sách mã đã "
                  "công bố. Gợi ý: chạy make ids (lệnh thêm mã mới vào cuối danh sách), rồi gửi kèm thay đổi.")
        return 1 if new else 0
    if new:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        lines = "".join(register.format_line(page, eid) + "\n" for page, eid in new)
        path.write_text(text + ("" if not text or text.endswith("\n") else "\n") + lines, encoding="utf-8")
    print(f"{len(new)} mã mới được thêm vào {path.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
