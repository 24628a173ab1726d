"""The deadline field of the data (``deadline:``), read as offices write a deadline cell:
congvan.vn.deadlines.parse_deadline."""

from datetime import date, datetime

import pytest

from congvan.vn.deadlines import ACCEPTED_FORMS, DATE, RECURRING, Deadline, parse_deadline


# ---- parse_deadline ----------------------------------------------------------

PARSED = [
    # value, kind, due, start, phrase
    (date(2023, 9, 15), DATE, date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    (date(2023, 8, 5), DATE, date(2023, 8, 5), None, "trước ngày 5/8/2023"),
    (datetime(2023, 9, 15, 8, 30), DATE, date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    ("2023-09-15", DATE, date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    ("15/9/2023", DATE, date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    ("ngày 15 tháng 9 năm 2023", DATE, date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    ("trước ngày 15/9/2023", DATE, date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    ("Trước ngày 15-9-2023.", DATE, date(2023, 9, 15), None, "Trước ngày 15-9-2023"),
    ("chậm nhất ngày 05/10/2023", DATE, date(2023, 10, 5), None, "chậm nhất ngày 05/10/2023"),
    ("hạn chót 30/9/2023", DATE, date(2023, 9, 30), None, "hạn chót 30/9/2023"),
    ("trong tháng 9/2023", DATE, date(2023, 9, 30), date(2023, 9, 1), "trong tháng 9/2023"),
    ("tháng 9/2023", DATE, date(2023, 9, 30), date(2023, 9, 1), "tháng 9/2023"),
    ("trong tháng 9 năm 2023", DATE, date(2023, 9, 30), date(2023, 9, 1),
     "trong tháng 9 năm 2023"),
    ("trong quý III/2023", DATE, date(2023, 9, 30), date(2023, 7, 1), "trong quý III/2023"),
    ("quý 3/2023", DATE, date(2023, 9, 30), date(2023, 7, 1), "quý 3/2023"),
    ("trong quý III và quý IV/2023", DATE, date(2023, 12, 31), date(2023, 7, 1),
     "trong quý III và quý IV/2023"),
    ("trong năm 2023", DATE, date(2023, 12, 31), date(2023, 1, 1), "trong năm 2023"),
    ("năm 2024", DATE, date(2024, 12, 31), date(2024, 1, 1), "năm 2024"),
    ("6 tháng đầu năm 2023", DATE, date(2023, 6, 30), date(2023, 1, 1), "6 tháng đầu năm 2023"),
    ("6 tháng cuối năm 2023", DATE, date(2023, 12, 31), date(2023, 7, 1),
     "6 tháng cuối năm 2023"),
    ("thường xuyên", RECURRING, None, None, "thường xuyên"),
    ("Thường xuyên", RECURRING, None, None, "Thường xuyên"),
    ("hằng năm", RECURRING, None, None, "hằng năm"),
    ("hàng năm", RECURRING, None, None, "hàng năm"),
    ("định kỳ", RECURRING, None, None, "định kỳ"),
    ("hằng tháng", RECURRING, None, None, "hằng tháng"),
    ("hàng tháng", RECURRING, None, None, "hàng tháng"),
    ("hằng quý", RECURRING, None, None, "hằng quý"),
    ("hàng quý", RECURRING, None, None, "hàng quý"),
    ({"due": date(2023, 9, 15)}, DATE, date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    ({"due": "2023-09-15"}, DATE, date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    ({"due": "2023-09-15", "phrase": None}, DATE, date(2023, 9, 15), None,
     "trước ngày 15/9/2023"),
    ({"due": "2023-09-30", "phrase": "trong tháng 9/2023"}, DATE, date(2023, 9, 30),
     date(2023, 9, 1), "trong tháng 9/2023"),
    ({"due": date(2023, 9, 5), "phrase": "trước khi khai giảng"}, DATE, date(2023, 9, 5),
     None, "trước khi khai giảng"),
]


@pytest.mark.parametrize("value, kind, due, start, phrase", PARSED)
def test_parse_deadline(value, kind, due, start, phrase):
    assert parse_deadline(value) == Deadline(kind, due, phrase, start)


def test_parse_deadline_passes_a_deadline_through():
    deadline = Deadline(DATE, date(2023, 9, 15), "trước ngày 15/9/2023")
    assert parse_deadline(deadline) is deadline


REJECTED = [
    # value, words the message must contain
    ("sớm nhất có thể", ["không hiểu thời hạn", "sớm nhất có thể", "trước ngày 15/9/2023",
                         "trong tháng 9/2023", "thường xuyên"]),
    ("trước ngày 15/9/2023 và báo cáo", ["không hiểu thời hạn"]),
    ("Yêu cầu thực hiện xong trong tháng 9/2023", ["không hiểu thời hạn"]),
    ("", ["để trống"]),
    ("   ", ["để trống"]),
    ("trước ngày 31/02/2023", ['ngày không có thật trong lịch: "31/02/2023"']),
    ("2023-02-30", ['ngày không có thật trong lịch: "2023-02-30"']),
    ("trong tháng 13/2023", ["tháng không có thật"]),
    (None, ["giá trị rỗng"]),
    (15, ["số 15"]),
    (True, ["đúng/sai"]),
    ([date(2023, 9, 15)], ["danh sách"]),
    ({"phrase": "trong tháng 9/2023"}, ["“due”"]),
    ({"due": "ngày mai"}, ["2023-09-15", "ngày mai"]),
    ({"due": 20230915}, ["2023-09-15"]),
    ({"due": "2023-09-15", "kind": "date"}, ["“kind”"]),
    ({"due": "2023-09-15", "phrase": 5}, ["“phrase”"]),
    ({"due": "2023-09-15", "phrase": "trong tháng 10/2023"}, ["mâu thuẫn", "31/10/2023",
                                                               "15/9/2023"]),
]


@pytest.mark.parametrize("value, words", REJECTED)
def test_parse_deadline_rejects(value, words):
    with pytest.raises(ValueError) as info:
        parse_deadline(value)
    for word in words:
        assert word in str(info.value)


def test_rejection_lists_every_accepted_form():
    with pytest.raises(ValueError) as info:
        parse_deadline("gấp")
    for form in ACCEPTED_FORMS:
        assert form in str(info.value)



# ---- Deadline cells as offices write them (issue: 19 cells of two real appendices) ----

CELLS = [
    # cell, due, start, kind
    ("6/2025", date(2025, 6, 30), date(2025, 6, 1), DATE),
    ("01/2025", date(2025, 1, 31), date(2025, 1, 1), DATE),
    ("tháng 5/2026", date(2026, 5, 31), date(2026, 5, 1), DATE),
    ("2026", date(2026, 12, 31), date(2026, 1, 1), DATE),
    ("năm 2026", date(2026, 12, 31), date(2026, 1, 1), DATE),
    ("2025 - 2026", date(2026, 12, 31), date(2025, 1, 1), DATE),
    ("Giai đoạn 2025-2030", date(2030, 12, 31), date(2025, 1, 1), DATE),
    ("quý II/2026", date(2026, 6, 30), date(2026, 4, 1), DATE),
    ("Xong trong Quý II/2026", date(2026, 6, 30), date(2026, 4, 1), DATE),
    ("Xong trong tháng 5/2026", date(2026, 5, 31), date(2026, 5, 1), DATE),
    ("Hoàn thành trong năm 2026", date(2026, 12, 31), date(2026, 1, 1), DATE),
    ("Hoàn thành việc số hóa hồ sơ trước ngày 01/01/2030", date(2030, 1, 1), None, DATE),
    ("6 tháng cuối năm 2025", date(2025, 12, 31), date(2025, 7, 1), DATE),
    ("Nhiệm vụ thường xuyên", None, None, RECURRING),
    ("Thường xuyên", None, None, RECURRING),
    ("Hằng quý", None, None, RECURRING),
    ("Định kỳ hằng năm", None, None, RECURRING),
]


@pytest.mark.parametrize("cell, due, start, kind", CELLS)
def test_deadline_cells_as_offices_write_them(cell, due, start, kind):
    deadline = parse_deadline(cell)
    assert (deadline.kind, deadline.due, deadline.start) == (kind, due, start)
    assert deadline.phrase == cell  # printed in a deadline column as written


@pytest.mark.parametrize("cell", ["sớm nhất có thể", "2026 - 2025", "13/2025", "tháng 0/2025",
                                  "Yêu cầu thực hiện xong trong tháng 9/2023"])
def test_unreadable_cells_are_refused_with_the_accepted_forms(cell):
    with pytest.raises(ValueError) as info:
        parse_deadline(cell)
    assert "không" in str(info.value)


def test_the_refusal_names_the_new_forms():
    with pytest.raises(ValueError) as info:
        parse_deadline("sớm nhất có thể")
    for form in ("6/2025", "2025 - 2026", "năm 2026", "xong trong quý II/2026"):
        assert f"“{form}”" in str(info.value)


def test_recurring_is_never_overdue():
    deadline = parse_deadline("Nhiệm vụ thường xuyên")
    assert deadline.due is None and deadline.kind == RECURRING
