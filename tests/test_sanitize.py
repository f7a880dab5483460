"""Raw HTML that can run code: refused by the checker, and never emitted even without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from project import copy_project, run
from hooks.sanitize_html import removed, sanitize
from vanban import search_index

FIXTURES = Path(__file__).parent / "fixtures" / "content"
FRONT = "---\ntitle: Mục tiêu\ndescription: Trang thử.\n---\n\n# Mục tiêu\n\n"

# One page per refused construct; each must stop `make check` on its own.
CONSTRUCTS = {
    "script": "<script>alert(1)</script>\n",
    "iframe": 'Xem <iframe src="https://example.org/ban-do"></iframe>\n',
    "object": '<object data="tep.swf"></object>\n',
    "embed": '<embed src="tep.swf">\n',
    "on-attribute": '<img src="anh.png" alt="Ảnh" onerror="alert(1)">\n',
    "attr-list-on-attribute": '[Nút](https://example.org){ onclick="alert(1)" }\n',
    "javascript-url": "[Bấm vào đây](javascript:alert(1))\n",
}
LEGITIMATE = (
    '<h2 id="muc-tieu">Mục tiêu<a class="headerlink" href="#muc-tieu" title="Liên kết cố định">¶</a></h2>'
    '<p class="clause" id="muc-tieu-a"><a class="clause-label" href="#muc-tieu-a" title="Mục a)">a)</a> '
    '<abbr title="Ủy ban nhân dân">UBND</abbr> <kbd class="key-ctrl">Ctrl</kbd></p>'
    '<div class="grid cards" data-search-exclude=""><ul><li><strong>PCI</strong></li></ul></div>'
    '<div class="admonition note"><p class="admonition-title">Ghi chú</p><p>Nội dung.</p></div>'
    '<table><thead><tr><th style="text-align: left;">Chỉ số</th></tr></thead>'
    '<tbody><tr><td style="text-align: left;">PAPI</td></tr></tbody></table>'
    '<p><a href="tel:+842593830318">0259</a> <a href="mailto:a@example.org">thư</a> '
    '<a href="../muc-tieu/#muc-tieu-e">e)</a> <img alt="Sơ đồ" src="so-do.png"></p>'
)
DANGEROUS = re.compile(r"<(script|iframe|object|embed|meta|base|link|style)\b|\son\w+=|javascript:", re.I)


def test_sanitizer_keeps_everything_the_site_uses():
    clean = sanitize(LEGITIMATE)
    assert removed(LEGITIMATE, clean) == []
    soup = BeautifulSoup(clean, "html.parser")
    assert soup.select_one("abbr")["title"] == "Ủy ban nhân dân"
    assert soup.select_one("p.clause#muc-tieu-a a.clause-label")["href"] == "#muc-tieu-a"
    assert soup.select_one("div.grid.cards").has_attr("data-search-exclude")
    assert soup.select_one("th")["style"] == "text-align:left"  # normalised, kept
    assert [a["href"] for a in soup.select("p")[-1].select("a")] == ["tel:+842593830318", "mailto:a@example.org",
                                                      "../muc-tieu/#muc-tieu-e"]
    assert soup.select_one("a.headerlink")["title"] == "Liên kết cố định"


def test_sanitizer_keeps_a_table_region_focusable_and_nothing_else():
    region = '<div class="vb-table" role="region" tabindex="0" aria-label="Bảng: Số"><table></table></div>'
    assert removed(region, sanitize(region)) == []
    for other in ('<div tabindex="1">x</div>', '<div tabindex="-1">x</div>', '<span tabindex="0">x</span>'):
        assert "tabindex" not in sanitize(other), other


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="java&#115;cript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<svg><script>alert(1)</script></svg>',
    '<math><a xlink:href="javascript:alert(1)">x</a></math>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/"><link rel="stylesheet" href="x.css">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
])
def test_sanitizer_removes_code(html):
    clean = sanitize(html)
    assert not DANGEROUS.search(clean), clean
    assert removed(html, clean), "the removal must be reported"


def _unsafe_page(project: Path, body: str) -> Path:
    # A page that is in the nav and holds no published provision id (rewriting muc-tieu.md
    # would take its registered ids away, which stops any build on its own).
    page = project / "docs" / "lien-he.md"
    page.write_text(FRONT + body, encoding="utf-8")
    return page


@pytest.mark.parametrize("construct", CONSTRUCTS)
def test_each_refused_construct_fails_make_check_naming_the_file(tmp_path, construct):
    project = copy_project(tmp_path / "project")
    _unsafe_page(project, CONSTRUCTS[construct])
    check = run(project, "scripts.check_content")
    assert check.returncode == 1
    assert re.search(r"docs/lien-he\.md:\d+:\d+: \[unsafe-html\] ", check.stdout), check.stdout
    build = run(project, "scripts.build_site", "--check")
    assert build.returncode != 0
    assert re.search(r"docs/lien-he\.md:\d+:\d+: \[unsafe-html\] ", build.stdout + build.stderr)


def _without_checker(project: Path, *, strict: bool) -> None:
    """Bypass the content checker: drop its build hook (and strictness, if asked)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - hooks/content_gate.py\n" in text and "strict: true\n" in text
    text = text.replace("  - hooks/content_gate.py\n", "")
    if not strict:
        text = text.replace("strict: true\n", "strict: false\n")
    config.write_text(text, encoding="utf-8")


def test_with_checker_bypassed_no_code_reaches_the_page(tmp_path):
    project = copy_project(tmp_path / "project")
    _unsafe_page(project, "\n".join(CONSTRUCTS.values()) + "\n"
                 + (FIXTURES / "unsafe-html-bad.md").read_text(encoding="utf-8").split("---\n", 2)[2])
    _without_checker(project, strict=False)
    site = tmp_path / "site"
    build = run(project, "mkdocs", "build", "--site-dir", str(site))
    assert build.returncode == 0, build.stderr
    output = build.stdout + build.stderr
    assert re.search(r"WARNING .*'lien-he\.md': đã bỏ .*<script>", output), output
    html = (site / "lien-he" / "index.html").read_text(encoding="utf-8")
    article = str(BeautifulSoup(html, "html.parser").select_one("article"))
    assert "Bấm vào đây" in article  # the text stays, the code goes
    assert not DANGEROUS.search(article), article
    assert "alert(1)" not in html
    for path in search_index.index_files(site):
        assert "alert(1)" not in path.read_text(encoding="utf-8"), path


def test_with_checker_bypassed_strict_build_still_fails_naming_the_page(tmp_path):
    project = copy_project(tmp_path / "project")
    _unsafe_page(project, CONSTRUCTS["script"])
    _without_checker(project, strict=True)
    build = run(project, "scripts.build_site", "--check")
    assert build.returncode != 0
    assert "'lien-he.md': đã bỏ <script>" in build.stdout + build.stderr
