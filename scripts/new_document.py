"""Scaffold a new document page under docs/van-ban/.

Usage:
  python -m scripts.new_document --loai "Kế hoạch" --so-ky-hieu "12/KH-UBND" \\
      --co-quan "UBND tỉnh Ninh Thuận" --ngay 15/01/2025 --trich-yeu "..." [--can-cu "..."]

Writes `docs/van-ban/<slug>.md` with the front matter of `vanban/front_matter.py`
filled in and checks it with the same content checker as the build, the `nav`
rule included. That is all a new document needs: the archive list
(`vanban/archive.py`) lists it under its year, the nav gets its year if the
year is new (`hooks/archive.py`), `van-ban.json` lists it
(`hooks/documents_json.py`), and mkdocs.yml is left alone: documents are not
in the nav (its `not_in_nav` matches docs/van-ban/*.md), so the nav of every
page stays the same size however many documents there are.
Nothing is written if a check fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from vanban import front_matter
from scripts.check_content import check_nav, check_page, read_config
from vanban.text import slugify

ROOT = Path(__file__).resolve().parent.parent
SECTION = "Văn bản"
FOLDER = "van-ban"


class ScaffoldError(RuntimeError):
    """The page cannot be created; the message says why, in Vietnamese."""


def _yaml_value(value: str) -> str:
    """One scalar as YAML writes it (quoted only when it must be)."""
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def page_text(title: str, description: str, document: dict[str, str | None]) -> str:
    """The Markdown of a new document page: front matter, title, a reminder to write."""
    lines = ["---", f"title: {_yaml_value(title)}", f"description: {_yaml_value(description)}", "document:"]
    for key in front_matter.DOCUMENT_KEYS:  # schema order
        if key not in document:
            continue
        value = document[key]
        lines.append(f"  {key}:" if value is None else f"  {key}: {_yaml_value(value)}")
    lines += ["---", "", f"# {title}", "",
              "<!-- Viết nội dung ở đây. Chỉ chép đúng câu chữ của văn bản nguồn. -->", ""]
    return "\n".join(lines)


def create(root: Path, *, loai: str, so_ky_hieu: str, co_quan: str, ngay: str, trich_yeu: str,
           can_cu: str | None = None, title: str | None = None, slug: str | None = None,
           dia_danh: str | None = None) -> Path:
    """Write the page; return its path."""
    docs_dir, config = root / "docs", root / "mkdocs.yml"
    title = title or f"{loai} số {so_ky_hieu}"
    slug = slug or slugify(f"{loai} {so_ky_hieu}")
    relative = f"{FOLDER}/{slug}.md"
    path = docs_dir / relative
    if path.exists():
        raise ScaffoldError(f"Tệp {path.relative_to(root)} đã có; chọn --slug khác.")
    document: dict[str, str | None] = {
        "loai_van_ban": loai, "so_ky_hieu": so_ky_hieu, "co_quan_ban_hanh": co_quan,
        "ngay_ban_hanh": ngay, "trich_yeu": trich_yeu, "tep_dinh_kem": None,
    }
    if can_cu:
        document["can_cu"] = can_cu
    if dia_danh:
        document["dia_danh"] = dia_danh
    description = f"{title} ngày {ngay} của {co_quan}: {trich_yeu}."

    settings = read_config(config.read_text(encoding="utf-8"))

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_text(title, description, document), encoding="utf-8")
    findings = check_page(path, docs_dir) + check_nav([path], docs_dir, settings.get("nav"),
                                                      settings.get("not_in_nav"))
    if findings:
        path.unlink()
        raise ScaffoldError("\n".join(str(finding) for finding in sorted(findings)))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loai", required=True, help='loại văn bản, ví dụ "Kế hoạch"')
    parser.add_argument("--so-ky-hieu", required=True, help='số ký hiệu, ví dụ "12/KH-UBND"')
    parser.add_argument("--co-quan", required=True, help='cơ quan ban hành, ví dụ "UBND tỉnh Ninh Thuận"')
    parser.add_argument("--ngay", required=True, help="ngày ban hành, dd/mm/yyyy")
    parser.add_argument("--trich-yeu", required=True, help="trích yếu của văn bản")
    parser.add_argument("--can-cu", help="căn cứ (không bắt buộc)")
    parser.add_argument("--title", help='tiêu đề trang (mặc định: "<loại> số <số ký hiệu>")')
    parser.add_argument("--slug", help="tên tệp không dấu (mặc định: từ loại và số ký hiệu)")
    parser.add_argument("--dia-danh", help='địa danh của dòng ngày tháng, ví dụ "Ninh Thuận" (không bắt buộc)')
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        path = create(args.root, loai=args.loai, so_ky_hieu=args.so_ky_hieu, co_quan=args.co_quan,
                      ngay=args.ngay, trich_yeu=args.trich_yeu, can_cu=args.can_cu, title=args.title,
                      slug=args.slug, dia_danh=args.dia_danh)
    except ScaffoldError as error:
        print(f"Không tạo được trang:\n{error}", file=sys.stderr)
        return 1
    print(f"Đã tạo {path.relative_to(args.root)}. Danh mục '{SECTION}', mục lục (năm ban hành) và "
          "van-ban.json tự có văn bản này khi dựng trang.\n"
          "Tiếp theo: viết nội dung dưới tiêu đề, rồi chạy make check.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
