"""vanban.dates: which dates written in Vietnamese text exist, which cannot, and what is not a date."""

from __future__ import annotations

import pytest

from vanban.dates import MAX_YEAR, MIN_YEAR, date_problem, impossible_dates, read_dates

# text -> (written, day, month, year): one date that can exist.
VALID = {
    "Kế hoạch số 855/KH-UBND ngày 28/02/2024": ("28/02/2024", 28, 2, 2024),
    "Quyết định số 1826/QĐ-UBND ngày 25/12/2023": ("25/12/2023", 25, 12, 2023),
    "từ ngày 01/07/2025": ("01/07/2025", 1, 7, 2025),
    "ngày 12/06/2025.": ("12/06/2025", 12, 6, 2025),
    "ngày 1/7/2025": ("1/7/2025", 1, 7, 2025),
    "ngày 29/02/2024": ("29/02/2024", 29, 2, 2024),  # leap year
    "ngày 29/02/2000": ("29/02/2000", 29, 2, 2000),  # leap year (divisible by 400)
    "ngày 01-07-2025": ("01-07-2025", 1, 7, 2025),
    "ngày 12.06.2025": ("12.06.2025", 12, 6, 2025),
    "(30/4/2024)": ("30/4/2024", 30, 4, 2024),
    "ngày 31 tháng 12 năm 2024": ("ngày 31 tháng 12 năm 2024", 31, 12, 2024),
    "Ngày 28 tháng 02 năm 2024": ("Ngày 28 tháng 02 năm 2024", 28, 2, 2024),
    "NGÀY 29 THÁNG 2 NĂM 2024": ("NGÀY 29 THÁNG 2 NĂM 2024", 29, 2, 2024),
    "ngày 30 tháng 4": ("ngày 30 tháng 4", 30, 4, None),
    "ngày 29 tháng 2": ("ngày 29 tháng 2", 29, 2, None),  # no year: 29/02 is possible
    "ngày 29/02": ("29/02", 29, 2, None),
    "ngày 31/12": ("31/12", 31, 12, None),
    "tháng 12 năm 2024": ("tháng 12 năm 2024", None, 12, 2024),
    "tháng 02/2025": ("tháng 02/2025", None, 2, 2025),
    f"ngày 01/01/{MIN_YEAR}": (f"01/01/{MIN_YEAR}", 1, 1, MIN_YEAR),
    f"ngày 31/12/{MAX_YEAR}": (f"31/12/{MAX_YEAR}", 31, 12, MAX_YEAR),
}

# text -> (written, Vietnamese reason): one date that cannot exist.
IMPOSSIBLE = {
    "ngày 29/02/2023": ("29/02/2023", "năm 2023 không nhuận nên tháng 2 chỉ có 28 ngày"),
    "ngày 29/02/1900": ("29/02/1900", "năm 1900 không nhuận nên tháng 2 chỉ có 28 ngày"),
    "ngày 31/02/2024": ("31/02/2024", "tháng 2 chỉ có 29 ngày"),
    "ngày 31 tháng 4 năm 2024": ("ngày 31 tháng 4 năm 2024", "tháng 4 chỉ có 30 ngày"),
    "31/4/2024": ("31/4/2024", "tháng 4 chỉ có 30 ngày"),
    "ngày 31-4-2024": ("31-4-2024", "tháng 4 chỉ có 30 ngày"),
    "ngày 31.4.2024": ("31.4.2024", "tháng 4 chỉ có 30 ngày"),
    "ngày 31/06/2024": ("31/06/2024", "tháng 6 chỉ có 30 ngày"),
    "ngày 00/01/2024": ("00/01/2024", "không có ngày 0"),
    "ngày 15/13/2024": ("15/13/2024", "không có tháng 13"),
    "ngày 15/00/2024": ("15/00/2024", "không có tháng 0"),
    "tháng 13 năm 2024": ("tháng 13 năm 2024", "không có tháng 13"),
    "tháng 13/2024": ("tháng 13/2024", "không có tháng 13"),
    "ngày 32/12": ("32/12", "không có ngày 32"),
    "ngày 30/02": ("30/02", "tháng 2 có nhiều nhất 29 ngày"),
    "ngày 31 tháng 4": ("ngày 31 tháng 4", "tháng 4 chỉ có 30 ngày"),
    "ngày 30 tháng 2": ("ngày 30 tháng 2", "tháng 2 có nhiều nhất 29 ngày"),
    "ngày 20/63": ("20/63", "không có tháng 63"),  # with "ngày" it is a date
    "ngày 31\ntháng 9 năm 2025": ("ngày 31\ntháng 9 năm 2025", "tháng 9 chỉ có 30 ngày"),  # wrapped line
    "ngày 15/01/3024": ("15/01/3024", f"năm 3024 nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}, chắc là gõ nhầm"),
    "ngày 15/01/1024": ("15/01/1024", f"năm 1024 nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}, chắc là gõ nhầm"),
}

# Text with numbers and slashes that holds no date at all.
NOT_DATES = [
    "Kế hoạch số 855/KH-UBND",
    "Nghị quyết số 202/2025/QH15",
    "Nghị quyết số 1/2/2024/NQ-HĐND",  # a document number, not 1 February
    "Thông tư số 01/2024/TT-BTC",
    "xếp vị thứ 20/63",
    "một nửa là 1/2, ba phần tư là 3/4",
    "12/2024",
    "tệp bien-ban-31.02.2024.pdf",
    "phiên bản 1.2.3",
    "lương tháng 13",  # a 13th-month salary, not a month
    "ngày 32 của chiến dịch",
    "trong 45 ngày, 13 tháng",
    "ngày 31\n\ntháng 4",  # a blank line ends the date
    "1234/56/78901",
]


@pytest.mark.parametrize("text", VALID)
def test_valid_dates_are_read_and_possible(text):
    (mention,) = read_dates(text)
    assert (mention.written, mention.day, mention.month, mention.year) == VALID[text]
    assert mention.problem is None and mention.possible
    assert text[mention.start:mention.end] == mention.written
    assert impossible_dates(text) == []


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_impossible_dates_say_why(text):
    (mention,) = impossible_dates(text)
    assert (mention.written, mention.problem) == IMPOSSIBLE[text]
    assert text[mention.start:mention.end] == mention.written
    assert not mention.possible


@pytest.mark.parametrize("text", NOT_DATES)
def test_things_that_are_not_dates(text):
    assert read_dates(text) == []


def test_offsets_and_order_in_a_longer_text():
    text = "Kế hoạch 855/KH-UBND ngày 28/02/2024, sửa ngày 31/4/2024; từ 01/01/2024-31/12/2024."
    mentions = read_dates(text)
    assert [m.written for m in mentions] == ["28/02/2024", "31/4/2024", "01/01/2024", "31/12/2024"]
    assert [m.start for m in mentions] == [text.index(m.written) for m in mentions]
    assert [m.written for m in impossible_dates(text)] == ["31/4/2024"]


def test_date_problem_alone():
    assert date_problem(29, 2, 2024) is None
    assert date_problem(29, 2, None) is None
    assert date_problem(None, 12, 2024) is None
    assert date_problem(29, 2, 2100) == "năm 2100 không nhuận nên tháng 2 chỉ có 28 ngày"
    assert date_problem(None, 13, None) == "không có tháng 13"


def test_not_a_string_raises():
    with pytest.raises(TypeError):
        read_dates(None)  # type: ignore[arg-type]
