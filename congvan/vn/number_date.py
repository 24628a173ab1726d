"""The number and date lines of a document, as Nghị định 30 writes them.

Số: a number under 10 gets a leading zero; a blank number leaves room to write it.
Date: a day under 10 and months 1 and 2 get a leading zero, other months do not;
parts not yet known are left blank for the văn thư to fill in by hand. A date is
anything with ``year``, ``month`` and ``day`` (each may be None), such as the model's DocDate.
"""

from __future__ import annotations


BLANK_NUMBER = " " * 6
BLANK_DAY = " " * 4


def number_text(number: int | None) -> str:
    """``05``, ``12``, or blank space when not yet registered."""
    if number is None:
        return BLANK_NUMBER
    return f"{number:02d}"


def number_line(number: int | None, symbol: str) -> str:
    """``Số: 05/UBND-VHTT`` or ``Số:      /UBND-VHTT``."""
    if number is None:
        return f"Số:{BLANK_NUMBER}/{symbol}"
    return f"Số: {number_text(number)}/{symbol}"


def date_text(date) -> str:
    """``ngày 05 tháng 9 năm 2023``; blank parts stay blank (``ngày    tháng 9 năm 2023``)."""
    day = f"{date.day:02d}" if date.day else BLANK_DAY
    if date.month:
        month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    else:
        month = BLANK_DAY
    year = str(date.year) if date.year else BLANK_DAY
    return f"ngày {day} tháng {month} năm {year}"


def place_date(place: str, date) -> str:
    """``Thành phố Bắc Kạn, ngày 05 tháng 9 năm 2023``."""
    return f"{place}, {date_text(date)}"
