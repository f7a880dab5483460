"""Every page of the built site against the Nu HTML Checker (vnu.jar from npm `vnu-jar`).

Zero errors and zero warnings, apart from the theme-owned quirks listed with a
reason in tests/vnu-allowlist.txt; an entry that no longer matches fails too,
so the list only ever shrinks.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_text import ROOT

VNU_JAR = ROOT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = ROOT / "tests" / "vnu-allowlist.txt"


@dataclass(frozen=True)
class Allowed:
    message: re.Pattern
    markup: re.Pattern
    reason: str

    def matches(self, message: dict) -> bool:
        return bool(self.message.search(message["message"]) and self.markup.search(highlighted(message)))


def highlighted(message: dict) -> str:
    """The markup a message points at (the checker's highlighted extract)."""
    extract = message.get("extract", "")
    start = message.get("hiliteStart", 0)
    return extract[start:start + message.get("hiliteLength", len(extract))]


def load_allowlist(path: Path = ALLOWLIST) -> list[Allowed]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    entries = []
    for block in "\n".join(lines).strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        assert set(fields) == {"message", "markup", "reason"}, f"bad allowlist entry: {block!r}"
        assert len(fields["reason"]) > 40, f"give a real reason: {block!r}"
        entries.append(Allowed(re.compile(fields["message"]), re.compile(fields["markup"]), fields["reason"]))
    return entries


def vnu(paths: list[Path]) -> tuple[set[Path], list[dict]]:
    """The files the checker read, and its errors and warnings, for these files or folders."""
    java = shutil.which("java")
    if not java:
        pytest.fail("Java 17+ is needed for the Nu HTML Checker: `apt-get install openjdk-17-jre-headless`.")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: `make test` installs it (npm ci in tests/tools).")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", "--verbose",
                             *map(str, paths)], capture_output=True, text=True, check=False)
    checked = {Path(line) for line in result.stdout.splitlines() if line.strip()}  # --verbose lists them
    messages = json.loads(result.stderr)["messages"]
    skipped = "File was not checked."  # --verbose also reports every non-HTML file it skipped
    return checked, [m for m in messages
                     if (m["type"] != "info" or m.get("subType") == "warning") and not m["message"].startswith(skipped)]


def test_every_page_is_valid_html(site_dir, artifacts):
    allowlist = load_allowlist()
    checked, messages = vnu([site_dir])
    assert checked == set(site_dir.rglob("*.html")), "the checker did not read every page"
    unexpected = [m for m in messages if not any(entry.matches(m) for entry in allowlist)]
    report = [f"{m['url'].removeprefix('file:')}:{m.get('lastLine')}: {m['type']}: {m['message']}"
              f" [{highlighted(m)}]" for m in unexpected]
    (artifacts / "vnu.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    assert report == [], "\n".join(report)
    stale = [entry.reason[:60] for entry in allowlist if not any(entry.matches(m) for m in messages)]
    assert stale == [], f"allowlist entries that match nothing any more: {stale}"


def test_the_checker_reports_what_we_would_get_wrong(tmp_path):
    """The checker really runs and the allowlist does not hide our own mistakes."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title></head><body>'
        '<input type="checkbox" id="mine" autocomplete="off">'
        '<label for="x" tabindex="">y</label><p><div>z</div></body></html>',
        encoding="utf-8")
    checked, messages = vnu([page])
    assert checked == {page}
    allowlist = load_allowlist()
    assert len(messages) >= 3
    assert not any(entry.matches(m) for m in messages for entry in allowlist)
