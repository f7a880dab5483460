"""MkDocs hook: a Content-Security-Policy `<meta>` for the hosted edition.

Python-Markdown passes raw HTML through, so a `<script>` pasted into a page
reaches the output. The content checks refuse it at build time; this policy is
the second line: the browser runs only same-origin script files plus the
theme's own inline scripts, approved one by one by their SHA-256 hash.

Why a hook and not a template block: Jinja has no hash filter, and the theme's
inline scripts are included by `base.html` outside any block we could wrap
without copying theme partials. So the hook renders the theme's script
partials (`partials/javascripts/*.html`) with the page's own template context
(one of them embeds the page's relative base, so its hash differs by folder
depth), hashes the scripts those partials produce, and approves only those.
Scripts from anywhere else are never hashed: the build warns about each one
(an error under `strict: true`), since the policy would block it anyway.

Only when `extra.edition` is `hosted`: the offline edition's iframe-worker
shim writes an inline script of its own at run time (see FINDINGS.md).
Zensical ignores hooks, so a Zensical build has no policy at all.

A policy `<meta>` has a cost in Chromium: its HTML preload scanner stops at
the meta (https://crbug.com/1458493), so the script files at the end of
`<body>` (ours, then the theme's bundle) were requested only when the parser
reached each of them, one after the other and after the stylesheets, instead
of together with the stylesheets. First paint then waited for that chain, and
the bundle's start-up ran after first paint, where it counts as blocking time.
So wherever the policy goes, the page also announces those files with
`<link rel="preload" as="script">` in `<head>`, which the parser itself
handles before its first stop: they download in parallel again, as they do
on a page without the meta. A preload only fetches, under the same
`script-src`; it runs nothing.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.csp")

THEME_SCRIPTS = "partials/javascripts/"
CHARSET = '<meta charset="utf-8">'
# Script types a browser executes; any other type is a data block (JSON, JSON-LD).
JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
            "application/ecmascript", "application/x-javascript", "text/jscript"}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")

# One directive per line; joined with "; " in the <meta>. Everything not named
# (fonts, the search index fetch, the search worker) falls back to default-src.
#   style-src: no 'unsafe-inline': Material emits no <style> or style="" with
#     this config, and its JavaScript sets styles through the CSSOM, which CSP
#     allows.
#   img-src data: Material's CSS draws its icons from data: SVG URLs.
#   object-src, base-uri, form-action: not covered by default-src.
POLICY = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)

_env: Environment | None = None
_partials: list[str] = []  # the theme's script partials, listed once per build
# Page or template name -> the scripts the theme's partials render for it.
_theme_scripts: dict[str, set[str]] = {}


def inline_scripts(html: str) -> list[str]:
    """Text of each inline script a browser would run, in document order.

    A regular expression, not an HTML parser: a script element ends at the
    first `</script` whatever it holds, and a pure-Python parser of every page
    would dominate the build time of a large archive.
    """
    scripts = []
    for match in _SCRIPT.finditer(html):
        attributes = {name.lower(): value for name, _, value in _ATTRIBUTE.findall(match[1])}
        kind = attributes.get("type", "").strip().strip("\"'").lower()
        if "src" not in attributes and kind in JS_TYPES:
            scripts.append(match[2])
    return scripts


def sha256_source(script: str) -> str:
    """CSP hash source for a script's exact text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: list[str]) -> str:
    """The policy approving exactly these inline scripts, in a stable order."""
    hashes = " ".join(dict.fromkeys(sha256_source(script) for script in scripts))
    return "; ".join(POLICY).format(hashes=hashes).replace(" ;", ";")


def insert_meta(html: str, content: str) -> str:
    """Put the policy right after `<meta charset>`, before any style or script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    if CHARSET not in html:
        raise ValueError(f"no {CHARSET} to place the policy after")
    return html.replace(CHARSET, CHARSET + "\n" + meta, 1)


def _quoted(value: str) -> str:
    """An attribute value as written (quoted or not), double-quoted."""
    if value[:1] in {'"', "'"}:
        value = value[1:-1]
    return f'"{value}"' if '"' not in value else f"'{value}'"


def preload_scripts(html: str) -> str:
    """Announce the body's parser-blocking script files in `<head>`.

    One `<link rel="preload" as="script">` per classic `<script src>` after
    `</head>`, deferred ones included (without the scanner, a deferred script
    after the theme's bundle is requested only once the bundle has run);
    not async or module scripts, whose loading the page chose otherwise.
    Placed before the first script of `<head>`, where the parser first
    stops, else at the end of `<head>`.
    """
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    sources = []
    for match in _SCRIPT.finditer(html, head_end):
        attributes = {name.lower(): value for name, _, value in _ATTRIBUTE.findall(match[1])}
        kind = attributes.get("type", "").strip().strip("\"'").lower()
        if (attributes.get("src") and kind in JS_TYPES and kind != "module"
                and not {"async", "nomodule"} & attributes.keys()):
            sources.append(_quoted(attributes["src"]))
    if not sources:
        return html
    links = "".join(f'<link rel="preload" href={src} as="script">\n' for src in dict.fromkeys(sources))
    first_script = html.find("<script", 0, head_end)
    at = first_script if first_script >= 0 else head_end
    return html[:at] + links + html[at:]


def _hosted(config: MkDocsConfig) -> bool:
    return config.extra.get("edition") == "hosted"


def _render_theme_scripts(context: dict[str, Any], config: MkDocsConfig) -> set[str]:
    """Scripts the theme's script partials produce in this template context."""
    assert _env is not None, "on_env runs before any page is rendered"
    context = {**context, "features": config.theme.get("features") or []}
    return {script for name in _partials
            for script in inline_scripts(_env.get_template(name).render(context))}


def _with_policy(output: str, where: str) -> str:
    theme = _theme_scripts.pop(where, set())
    scripts = inline_scripts(output)
    for script in scripts:
        if script not in theme:
            log.warning("%s: inline script not from the theme; the Content-Security-Policy "
                        "blocks it. Move it into a .js file under docs/assets/: %.80r",
                        where, script)
    return preload_scripts(insert_meta(output, policy([s for s in scripts if s in theme])))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    global _env
    _env = env
    _partials[:] = env.list_templates(filter_func=lambda name: name.startswith(THEME_SCRIPTS))
    _theme_scripts.clear()
    return env


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict[str, Any]:
    if _hosted(config):
        _theme_scripts[page.file.src_uri] = _render_theme_scripts(context, config)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if not _hosted(config):
        return output
    return _with_policy(output, page.file.src_uri)


def on_template_context(context: dict[str, Any], *, template_name: str,
                        config: MkDocsConfig) -> dict[str, Any]:
    if _hosted(config) and template_name.endswith(".html"):
        _theme_scripts[template_name] = _render_theme_scripts(context, config)
    return context


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not _hosted(config) or not template_name.endswith(".html"):
        return output_content
    return _with_policy(output_content, template_name)
