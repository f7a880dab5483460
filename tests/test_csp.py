"""Content-Security-Policy of the hosted edition: what it approves, and that it holds in Chromium."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hooks.csp import inline_scripts, preload_scripts, sha256_source

ROOT = Path(__file__).resolve().parent.parent
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
INJECTED = '<script>window.__pwned=1</script><img src="x.png" onerror="window.__pwned2=1">'
# Registered before any page script runs; the meta policy reports to the document.
LISTEN = ("window.__violations=[];document.addEventListener('securitypolicyviolation',"
          "e=>window.__violations.push(e.effectiveDirective+' '+e.blockedURI+' '+e.sample))")


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html")
                  if p.relative_to(site_dir).parts[0] not in {"assets", "search"})


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in filter(None, (p.strip() for p in policy.split(";"))):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_inline_scripts_are_only_the_executable_ones():
    html = ('<script>a()</script><script src="x.js"></script>'
            '<script type="application/json">{"b":1}</script>'
            '<script type="application/ld+json">{}</script><script type="module">c()</script>')
    assert inline_scripts(html) == ["a()", "c()"]


def test_body_script_files_are_preloaded_before_the_first_head_script():
    html = ('<head><meta charset="utf-8"><link rel="stylesheet" href="a.css"><script>x()</script>'
            '</head><body><script src="a.js"></script><script src=\'b.js\' defer></script>'
            '<script async src="c.js"></script><script type="module" src="d.js"></script>'
            '<script type="application/json" src="e.json"></script><script src=f.js></script>'
            '<script src="a.js"></script></body>')
    assert preload_scripts(html) == html.replace(
        "<script>x()", '<link rel="preload" href="a.js" as="script">\n'
                       '<link rel="preload" href="b.js" as="script">\n'
                       '<link rel="preload" href="f.js" as="script">\n<script>x()')
    # No script in <head>: the links end it. Nothing to announce: unchanged.
    assert preload_scripts("<head><title>t</title></head><body><script src=x.js></script>") == (
        '<head><title>t</title><link rel="preload" href="x.js" as="script">\n</head>'
        "<body><script src=x.js></script>")
    assert preload_scripts("<head></head><body><script src=x.js async></script>") == (
        "<head></head><body><script src=x.js async></script>")


def test_every_page_has_the_policy_first_in_head(site_dir):
    for path in html_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        matches = META.findall(html)
        assert len(matches) == 1, path
        head = html[: html.index("</head>")]
        meta_at = head.index("Content-Security-Policy")
        for tag in ("<script", "<link", "<style"):
            assert tag not in head[:meta_at], (path, tag)


def test_policy_approves_exactly_the_theme_scripts(site_dir):
    hashes_by_page = {}
    for path in html_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        policy = directives(META.search(html).group(1))
        scripts = inline_scripts(html)
        hashes = {value for value in policy["script-src"] if value.startswith("'sha256-")}
        assert scripts, path
        assert hashes == {sha256_source(s) for s in scripts}, path
        assert policy["script-src"][0] == "'self'"
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        every_source = " ".join(v for values in policy.values() for v in values)
        assert "unsafe" not in every_source and "http" not in every_source and "*" not in every_source
        hashes_by_page[path] = hashes
    # One theme script embeds the page's relative base, so hashes differ by depth.
    assert len({frozenset(h) for h in hashes_by_page.values()}) > 1


def _build(tmp_path: Path, edition: str, page: str) -> tuple[str, str]:
    """A one-page site with this project's theme and the CSP hook (not the content gate)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Thử
        theme:
          name: material
          custom_dir: {ROOT / "overrides"}
          language: vi
          features: [navigation.sections, toc.follow]
          palette:
            - scheme: default
        hooks:
          - {ROOT / "hooks" / "csp.py"}
        extra:
          edition: {edition}
        """), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    return (tmp_path / "site" / "index.html").read_text(encoding="utf-8"), result.stderr


def test_script_pasted_into_markdown_is_not_approved(tmp_path):
    pasted = "window.__pwned=1"
    html, log = _build(tmp_path, "hosted", f"# Trang\n\n<script>{pasted}</script>\n")
    policy = directives(META.search(html).group(1))
    assert pasted in inline_scripts(html)
    assert sha256_source(pasted) not in policy["script-src"]
    theme_scripts = [s for s in inline_scripts(html) if s != pasted]
    assert theme_scripts and all(sha256_source(s) in policy["script-src"] for s in theme_scripts)
    assert "inline script not from the theme" in log


def test_offline_edition_has_no_policy(tmp_path):
    html, _ = _build(tmp_path, "offline", "# Trang\n")
    assert "Content-Security-Policy" not in html


@pytest.mark.browser
def test_no_violation_on_any_page_with_search_and_palette(browser, site_url, site_dir):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.add_init_script(LISTEN)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and console.append(m.text))
    for path in html_pages(site_dir):
        url = site_url + path.relative_to(site_dir).as_posix().removesuffix("index.html")
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], url
    page.goto(site_url + "muc-tieu/")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.locator("article abbr", has_text="SIPAS").first.hover()
    page.keyboard.press("/")
    page.keyboard.type("tuyên truyền")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.mouse.wheel(0, 2000)
    assert page.evaluate("window.__violations") == []
    assert console == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("with_policy", [True, False])
def test_injected_script_is_blocked_by_the_policy(browser, site_url, site_dir, with_policy):
    """A script that slipped into a built page does not run; without the meta it would."""
    html = (site_dir / "yeu-cau" / "index.html").read_text(encoding="utf-8")
    assert META.search(html)
    if not with_policy:
        html = META.sub("", html)
    article = '<article class="md-content__inner md-typeset">'
    assert article in html
    html = html.replace(article, article + INJECTED, 1)
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.route(site_url + "yeu-cau/", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=html))
    page.goto(site_url + "yeu-cau/")
    page.wait_for_load_state("networkidle")
    ran = page.evaluate("[window.__pwned, window.__pwned2]")
    violations = page.evaluate("window.__violations")
    # The theme's own inline scripts still ran (the first one defines __md_get).
    assert page.evaluate("typeof __md_get") == "function"
    context.close()
    if with_policy:
        assert ran == [None, None]
        assert any(v.startswith("script-src-elem ") for v in violations), violations
        assert any(v.startswith("script-src-attr ") for v in violations), violations
    else:
        assert ran == [1, 1]
        assert violations == []
