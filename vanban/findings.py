"""One finding of a content check, printed as `file:line:col: [rule] message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Finding:
    path: Path
    line: int
    col: int
    rule: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: [{self.rule}] {self.message}"
        return f"{text} Gợi ý: {self.hint}" if self.hint else text
