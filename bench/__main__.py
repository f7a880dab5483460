"""Speed and size measurements, printed as tables (reported, never asserted).

Usage: python -m bench [name ...]

Each benchmark is a module `bench.<name>` with a `main() -> None`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

BENCHMARKS: list[str] = ["search", "editions", "lighthouse", "scale", "documents"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=BENCHMARKS, help=f"any of {BENCHMARKS}")
    args = parser.parse_args(argv)
    for name in args.names:
        print(f"\n## {name}\n", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
