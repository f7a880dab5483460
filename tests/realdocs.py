"""The three real documents of tests/fixtures/realdocs (copied from ../shared/realdocs) as pages of
a throwaway copy of this project, for tests that build them."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from project import ROOT, copy_project

FIXTURES = ROOT / "tests" / "fixtures" / "realdocs"
SHARED = ROOT.parent / "shared" / "realdocs"
DOCUMENTS = ("cong-van-1624-ubnd-vxnv", "ke-hoach-270-kh-ubnd", "quyet-dinh-2074-qd-ubnd")

# What each document's as-pasted version (fixtures/realdocs/as-pasted) has in its body and an
# editor moves into front matter, as `make check` asks (rules pasted-header, pasted-signature):
# the keys of the official layout, values exactly as printed there.
LAYOUT = {
    "cong-van-1624-ubnd-vxnv": """\
  dia_danh: Ninh Thuận
  kinh_gui:
    - Các sở, ban, ngành thuộc tỉnh;
    - Đài Phát thanh và Truyền hình Ninh Thuận;
    - Báo Ninh Thuận;
    - UBND các huyện, thành phố.
  noi_nhan:
    - Như trên;
    - Bộ Nội vụ (b/c);
    - CT, các PCT UBND tỉnh;
    - Sở Nội vụ (Phòng CCHC);
    - "VPUB: LĐ, KTTH;"
    - "Lưu: VT, VXNV. NVA"
  quyen_han: KT. CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  nguoi_ky: Nguyễn Thị B
""",
    "ke-hoach-270-kh-ubnd": """\
  dia_danh: Bắc Giang
  noi_nhan:
    - Văn phòng Chính phủ (Cục KSTTHC);
    - TT Tỉnh ủy, TT HĐND tỉnh;
    - Chủ tịch, các PCT UBND tỉnh;
    - Các sở, cơ quan thuộc UBND tỉnh;
    - UBND các huyện, thành phố;
    - "VP UBND tỉnh: LĐVP, TTPVHCC, KSTT;"
    - "Lưu: VT, KSTT."
  quyen_han: KT. CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  nguoi_ky: Lê Văn D
""",
    "quyet-dinh-2074-qd-ubnd": """\
  dia_danh: Quảng Ngãi
  noi_nhan:
    - Như Điều 3;
    - Bộ Nội vụ (b/c);
    - Thường trực Tỉnh ủy, Thường trực HĐND tỉnh;
    - CT, PCT UBND tỉnh;
    - Ủy ban MTTQ Việt Nam tỉnh;
    - Báo Quảng Ngãi, Đài PT-TH tỉnh;
    - "VPUB: CVP, PCVP, CBTH;"
    - "Lưu: VT, NC."
  quyen_han: KT. CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  nguoi_ky: Nguyễn Văn A
""",
}


def expected(name: str) -> list[tuple[str, str]]:
    with (FIXTURES / "expected" / f"{name}.tsv").open(encoding="utf-8") as rows:
        return [(row["id"], row["begins"]) for row in csv.DictReader(rows, delimiter="\t")]


def footnotes_fixed(text: str) -> str:
    """What `make check` asks of an editor: footnotes typed as ¹ or <sup>2</sup> become [^1], [^2],
    and a "(*)" mark is escaped."""
    text = text.replace("(*)", "(\\*)")
    text = re.sub(r"^(?:¹|<sup>(\d+)</sup>) ", lambda m: f"[^{m.group(1) or 1}]: ", text, flags=re.M)
    return re.sub(r"¹|<sup>(\d+)</sup>", lambda m: f"[^{m.group(1) or 1}]", text)


def with_layout(name: str, text: str) -> str:
    """The document's page with the keys of its official layout added to its front matter."""
    head, rest = text.split("\n---\n", 1)
    return f"{head}\n{LAYOUT[name]}---\n{rest}"


def fixture_project(target: Path, *, as_written: bool = False) -> Path:
    """This project with the three documents added under docs/thu/: as an editor finishes them
    (footnotes fixed and the official layout in front matter, as `make check` asks) or, with
    `as_written`, exactly as the fixtures hold them."""
    project = copy_project(target)
    folder = project / "docs" / "thu"
    folder.mkdir()
    for name in DOCUMENTS:
        text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
        if not as_written:
            text = with_layout(name, footnotes_fixed(text))
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entries = "".join(f"      - thu/{name}.md\n" for name in DOCUMENTS)
    config.write_text(text.replace("  - Thuật ngữ: thuat-ngu.md\n", f"  - Thử:\n{entries}  - Thuật ngữ: thuat-ngu.md\n"),
                      encoding="utf-8")
    return project
