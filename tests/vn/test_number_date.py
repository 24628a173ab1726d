import pytest

from congvan.vn.number_date import date_text, number_line, place_date
from congvan.data.model import DocDate


@pytest.mark.parametrize("number, expected", [
    (None, "Số:      /UBND-VHTT"),
    (5, "Số: 05/UBND-VHTT"),
    (12, "Số: 12/UBND-VHTT"),
    (1234, "Số: 1234/UBND-VHTT"),
])
def test_number_line(number, expected):
    assert number_line(number, "UBND-VHTT") == expected


@pytest.mark.parametrize("date, expected", [
    (DocDate(2023, 9, 5), "ngày 05 tháng 9 năm 2023"),
    (DocDate(2023, 12, 25), "ngày 25 tháng 12 năm 2023"),
    (DocDate(2024, 1, 15), "ngày 15 tháng 01 năm 2024"),
    (DocDate(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
    (DocDate(2023, 3, 10), "ngày 10 tháng 3 năm 2023"),
    (DocDate(2023, 9, None), "ngày      tháng 9 năm 2023"),
    (DocDate(None, None, None), "ngày      tháng      năm     "),
])
def test_date_text_leading_zero_rules(date, expected):
    assert date_text(date) == expected


def test_place_date():
    assert place_date("TP. Bắc Kạn", DocDate(2023, 9)) == "TP. Bắc Kạn, ngày      tháng 9 năm 2023"
