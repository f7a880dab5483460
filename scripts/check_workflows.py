"""Lint the GitHub configuration offline: workflows, Dependabot, pre-commit.

Usage: python -m scripts.check_workflows

Runs `zizmor --offline` (security audit of the workflows and dependabot.yml;
any finding fails), `check-jsonschema` with the built-in GitHub workflow and
Dependabot schemas, and `pre-commit validate-config`. Needs no network, so
`make check` runs it on every change. Exits non-zero if any tool complains.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
BIN = Path(sys.executable).parent


def commands(root: Path = ROOT) -> list[list[str]]:
    """Every lint command, each one checked file set."""
    github = root / ".github"
    workflows = sorted(str(path) for path in (github / "workflows").glob("*.yml"))
    return [
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--quiet", str(github)],
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows],
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(github / "dependabot.yml")],
        [str(BIN / "pre-commit"), "validate-config", str(root / ".pre-commit-config.yaml")],
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this one)")
    args = parser.parse_args(argv)
    failed = 0
    for command in commands(args.root):
        result = subprocess.run(command, cwd=args.root, check=False)
        if result.returncode != 0:
            print(f"Failed ({result.returncode}): {' '.join(command)}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
