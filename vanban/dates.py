"""Dates written in Vietnamese running text, and which of them cannot exist.

Documents cite dates constantly ("Kế hoạch số 855/KH-UBND ngày 28/02/2024"),
and a date that cannot exist (29/02/2023, 31/4/2024, tháng 13) is always a
typo. `read_dates` finds every date written in a form Vietnamese documents
use and says, for each one, whether it can exist and if not why.

Pure Python, no MkDocs: `scripts/check_content.py` calls it on each page's
text after masking code, links and HTML tags.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

# Years a document of this site can plausibly cite. A year outside this range
# in a date ("28/02/3024", "tháng 5 năm 1024") is a typo too, so it is
# reported like an impossible day or month.
MIN_YEAR = 1900
MAX_YEAR = 2100

# Whitespace between the words of a date: spaces, and at most one line break
# (a Markdown paragraph may wrap inside a date, a blank line ends it).
_SP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
# After a number date: no letter or digit, nor a "/" or "." going on with one.
_END = r"(?!\w|[/.]\w|-[^\W\d_])"
_DATE = re.compile(
    rf"""
    # d/m/yyyy, dd/mm/yyyy, also with '-' or '.': the same separator twice.
    # Not inside a longer number or a document number (1/2/2024/NQ-HĐND) and
    # not a file name (28.02.2024.pdf); "-" before or after is a range
    # (01/01/2024-31/12/2024).
    (?<![\w/.])
    (?P<nd>\d{{1,2}})(?P<ns>[/.-])(?P<nm>\d{{1,2}})(?P=ns)(?P<ny>\d{{4}})
    {_END}
    |
    # "ngày D tháng M" with an optional "năm YYYY".
    \bngày{_SP}(?P<wd>\d{{1,2}}){_SP}tháng{_SP}(?P<wm>\d{{1,2}})(?:{_SP}năm{_SP}(?P<wy>\d{{4}}))?(?!\w)
    |
    # "ngày D/M" without a year (with a year, the first branch reads it).
    \bngày{_SP}(?P<gd>\d{{1,2}})(?P<gs>[/.-])(?P<gm>\d{{1,2}})(?!(?P=gs)\d){_END}
    |
    # "tháng M năm YYYY", "tháng M/YYYY".
    \btháng{_SP}(?P<mm>\d{{1,2}})(?:{_SP}năm{_SP}|[/.-])(?P<my>\d{{4}})(?!\w)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Each branch of _DATE: (day, month, year) groups (None: not in that form),
# and whether the date as written starts at the day's number ("ngày 32/12" is
# reported as "32/12") rather than at the word "ngày"/"tháng".
_FORMS = {
    "nd": (("nd", "nm", "ny"), True),
    "wd": (("wd", "wm", "wy"), False),
    "gd": (("gd", "gm", None), True),
    "mm": ((None, "mm", "my"), False),
}


@dataclass(frozen=True)
class DateMention:
    """One date as written in a text.

    `start`/`end` are character offsets into the text given to `read_dates`
    (`text[start:end] == written`). `day`, `month`, `year` are the numbers
    written (None: not written, e.g. "ngày 29/02" has no year, "tháng 13 năm
    2024" no day). `problem` is None when the date can exist, else a short
    Vietnamese reason ("tháng 4 chỉ có 30 ngày").
    """

    written: str
    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    problem: str | None

    @property
    def possible(self) -> bool:
        return self.problem is None


def read_dates(text: str) -> list[DateMention]:
    """Every date written in `text`, in order, each saying whether it can exist.

    Input: any string (a page, a line); nothing in it is assumed about Markdown,
    so the caller masks code, URLs and tags it does not want read.

    Forms recognised (case-insensitive "ngày"/"tháng"/"năm", any spaces,
    leading zeros optional):
      - "28/02/2024", "1/7/2025", "31-4-2024", "31.4.2024": day, month, year
        with one separator used twice;
      - "ngày 31 tháng 4 năm 2024", and "ngày 31 tháng 4" without a year;
      - "ngày 32/12" (day and month, no year: only "ngày" makes it a date);
      - "tháng 13 năm 2024", "tháng 13/2024" (month and year).

    Not dates, never returned: document numbers ("855/KH-UBND",
    "202/2025/QH15", "1/2/2024/NQ-HĐND"), two numbers without "ngày"
    ("vị thứ 20/63", the fraction "1/2"), file names ("28.02.2024.pdf"), a
    lone "tháng 13" ("lương tháng 13") or "ngày 32".

    A date is impossible (`problem` set) when its month is not 1-12, its day is
    0 or past the month's last day (in the written year; without a year, 29/02
    is possible), or its year is outside MIN_YEAR-MAX_YEAR (1900-2100: no
    document here cites another year, so such a year is a typo).

    Output: a list of `DateMention`, possible dates included (filter on
    `problem` or use `impossible_dates`), ordered by `start`.

    Errors: none for any `str` (an impossible date is a result, not an
    exception); a non-`str` input raises TypeError.
    """
    mentions = []
    for match in _DATE.finditer(text):
        first = next(name for name in _FORMS if match.group(name) is not None)
        groups, at_number = _FORMS[first]
        day, month, year = (int(match.group(group)) if group and match.group(group) else None for group in groups)
        start = match.start(first) if at_number else match.start()
        mentions.append(DateMention(text[start:match.end()], start, match.end(), day, month, year,
                                    date_problem(day, month, year)))
    return mentions


def impossible_dates(text: str) -> list[DateMention]:
    """The dates of `read_dates(text)` that cannot exist."""
    return [mention for mention in read_dates(text) if mention.problem]


def date_problem(day: int | None, month: int | None, year: int | None) -> str | None:
    """Why day/month/year (any of them None: not written) cannot exist, in Vietnamese; None if it can."""
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return f"năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}, chắc là gõ nhầm"
    if month is not None and not 1 <= month <= 12:
        return f"không có tháng {month}"
    if day is None:
        return None
    if not 1 <= day <= 31:
        return f"không có ngày {day}"
    if month is None:
        return None
    # Without a year, February may have 29 days.
    last = calendar.monthrange(2024 if year is None else year, month)[1]
    if day <= last:
        return None
    if year is None and month == 2:
        return "tháng 2 có nhiều nhất 29 ngày"
    if month == 2 and last == 28:
        return f"năm {year} không nhuận nên tháng 2 chỉ có 28 ngày"
    return f"tháng {month} chỉ có {last} ngày"
