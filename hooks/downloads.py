"""MkDocs hook: the downloadable files (offline zip, PDF), linked with their real sizes.

`scripts/build_site.py` makes the PDF and the zip of the offline edition
*before* the editions that link them, into the folder named by
`extra.downloads` (environment variable SITE_DOWNLOADS). This hook adds every
file found there to the build under `tai-ve/`, so a Markdown link to it is
checked by the strict build like any other link, and writes the file's
measured type and size after each link marked `{ .download }`:

    [Bản PDF](tai-ve/ke-hoach-855.pdf){ .download }  ->  Bản PDF (PDF, 412 kB)

An edition built without one of the files (the offline edition cannot hold its
own zip, the print edition holds neither, nor does `mkdocs serve`) shows the
link's text with a pointer to the web site instead of a dead link. A
`.download` link to a name not listed in DOWNLOADS is an error.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

FOLDER = "tai-ve"
ZIP_NAME = "ke-hoach-855-ngoai-tuyen.zip"
PDF_NAME = "ke-hoach-855.pdf"
# File name -> the kind of file shown next to its size.
DOWNLOADS = {ZIP_NAME: "ZIP", PDF_NAME: "PDF"}

# A Markdown link ending in `tai-ve/<name>` and marked `{ .download }`.
LINK = re.compile(
    r"\[(?P<text>[^\]\n]+)\]\((?P<href>[^)\s]*?" + FOLDER + r"/(?P<name>[^)\s/#]+))\)"
    r"\{ *\.download *\}"
)

log = logging.getLogger(f"mkdocs.hooks.{__name__}")


def human_size(size: int) -> str:
    """Size in Vietnamese notation: '412 kB', '1,2 MB' (decimal units, comma)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def available(config: MkDocsConfig) -> dict[str, Path]:
    """The download files this edition was given, by name."""
    folder = config.extra.get("downloads")
    if not folder:
        return {}
    return {name: Path(folder) / name for name in DOWNLOADS if (Path(folder) / name).is_file()}


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for name, path in available(config).items():
        files.append(File.generated(config, f"{FOLDER}/{name}", abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    present = available(config)

    def replace(match: re.Match[str]) -> str:
        name, text = match["name"], match["text"]
        if name not in DOWNLOADS:
            log.warning(f"{page.file.src_uri}: '{name}' is not a download this build makes "
                        f"(one of {', '.join(DOWNLOADS)})")
            return match[0]
        if name in present:
            size = present[name].stat().st_size
            return f"{match[0]} ({DOWNLOADS[name]}, {human_size(size)})"
        if config.site_url:
            return f"[{text}]({config.site_url}{FOLDER}/{name}) (trên trang web)"
        return f"{text} (có trên trang web)"

    return LINK.sub(replace, markdown)
