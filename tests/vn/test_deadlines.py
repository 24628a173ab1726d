from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from helpers import SEED
from congvan.vn.deadlines import (
    DATE, NO_DEADLINE, NONE, RECURRING, Deadline, find_deadline,
    format_date, parse_deadline,
)


# ---- The phrases of the real appendix --------------------------------------

SEED_PHRASES = [
    # text, due, start, phrase
    ("yêu cầu thực hiện xong trước ngày 28/8/2023",
     date(2023, 8, 28), None, "trước ngày 28/8/2023"),
    ("Yêu cầu thực hiện xong trước ngày 10/9/2023.",
     date(2023, 9, 10), None, "trước ngày 10/9/2023"),
    ("Yêu cầu thực hiện xong trong tháng 10/2023.",
     date(2023, 10, 31), date(2023, 10, 1), "trong tháng 10/2023"),
    ("Thời gian thực hiện trong quý III và quý IV/2023.",
     date(2023, 12, 31), date(2023, 7, 1), "trong quý III và quý IV/2023"),
    ("phê duyệt xong trước ngày 15/9/2023",
     date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    ("gửi Phòng VH&TT tổng hợp trong tháng 9/2023.",
     date(2023, 9, 30), date(2023, 9, 1), "trong tháng 9/2023"),
    ("Yêu cầu thực hiện xong trong tháng 9/2023.",
     date(2023, 9, 30), date(2023, 9, 1), "trong tháng 9/2023"),
]


@pytest.mark.parametrize("text, due, start, phrase", SEED_PHRASES)
def test_seed_phrases(text, due, start, phrase):
    deadline = find_deadline(text)
    assert deadline == Deadline(DATE, due, phrase, start)


def _seed_tasks():
    """(row number, task text) of every appendix row of the seed with a task."""
    rows = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 5 and cells[4].strip() and cells[0] != "STT":
            rows.append((cells[0], cells[1], cells[4]))
    return rows


SEED_TASK_DEADLINES = {
    # start of the indicator name → (due, start)
    "Tần suất hệ thống truyền thanh": (date(2023, 8, 28), None),
    "Tỷ lệ công chức, viên chức chuyên trách, kiêm nhiệm về chuyển đổi số":
        (date(2023, 9, 10), None),
    "Tỷ lệ người lao động": (date(2023, 10, 31), date(2023, 10, 1)),
    "Số lượng người dân được phổ cập": (date(2023, 12, 31), date(2023, 7, 1)),
    "Số lượng hệ thống thông tin đã được phê duyệt": (date(2023, 9, 15), None),
    "Số lượng các phương án ứng cứu": (date(2023, 9, 30), date(2023, 9, 1)),
    "Số lượng các cuộc diễn tập": (date(2023, 9, 30), date(2023, 9, 1)),
}


def test_every_task_of_the_seed():
    found = {}
    for _, name, task in _seed_tasks():
        deadline = find_deadline(task)
        key = next((k for k in SEED_TASK_DEADLINES if name.startswith(k)), None)
        if key is None:
            assert deadline.kind == NONE, (name, deadline)
        else:
            assert deadline.kind == DATE
            found[key] = (deadline.due, deadline.start)
    assert found == SEED_TASK_DEADLINES


def test_whole_seed_gives_its_first_deadline():
    # "Kế hoạch số 563/KH-UBND ngày 20/8/2023" is a reference, not a deadline.
    assert find_deadline(SEED.read_text(encoding="utf-8")).due == date(2023, 8, 28)


# ---- Every form --------------------------------------------------------------

FORMS = [
    # text, due, start, phrase
    ("trước ngày 15/9/2023", date(2023, 9, 15), None, "trước ngày 15/9/2023"),
    ("trước ngày 15-9-2023", date(2023, 9, 15), None, "trước ngày 15-9-2023"),
    ("trước ngày 15.9.2023", date(2023, 9, 15), None, "trước ngày 15.9.2023"),
    ("trước ngày 15 tháng 9 năm 2023", date(2023, 9, 15), None,
     "trước ngày 15 tháng 9 năm 2023"),
    ("trước ngày 05/09/2023", date(2023, 9, 5), None, "trước ngày 05/09/2023"),
    ("trước 15/9/2023", date(2023, 9, 15), None, "trước 15/9/2023"),
    ("trước 17 giờ ngày 15/9/2023", date(2023, 9, 15), None, "trước 17 giờ ngày 15/9/2023"),
    ("trước 17h00 ngày 15/9/2023", date(2023, 9, 15), None, "trước 17h00 ngày 15/9/2023"),
    ("chậm nhất ngày 05/10/2023", date(2023, 10, 5), None, "chậm nhất ngày 05/10/2023"),
    ("chậm nhất là ngày 05/10/2023", date(2023, 10, 5), None, "chậm nhất là ngày 05/10/2023"),
    ("hạn chót 30/9/2023", date(2023, 9, 30), None, "hạn chót 30/9/2023"),
    ("hạn chót: 30/9/2023", date(2023, 9, 30), None, "hạn chót: 30/9/2023"),
    ("trong tháng 9/2023", date(2023, 9, 30), date(2023, 9, 1), "trong tháng 9/2023"),
    ("trong tháng 9 năm 2023", date(2023, 9, 30), date(2023, 9, 1), "trong tháng 9 năm 2023"),
    ("trong tháng 2/2024", date(2024, 2, 29), date(2024, 2, 1), "trong tháng 2/2024"),
    ("trong tháng 9 và tháng 10/2023", date(2023, 10, 31), date(2023, 9, 1),
     "trong tháng 9 và tháng 10/2023"),
    ("trong quý III/2023", date(2023, 9, 30), date(2023, 7, 1), "trong quý III/2023"),
    ("trong quý 3/2023", date(2023, 9, 30), date(2023, 7, 1), "trong quý 3/2023"),
    ("trong quý I/2024", date(2024, 3, 31), date(2024, 1, 1), "trong quý I/2024"),
    ("trong quý II năm 2023", date(2023, 6, 30), date(2023, 4, 1), "trong quý II năm 2023"),
    ("trong quý IV/2023", date(2023, 12, 31), date(2023, 10, 1), "trong quý IV/2023"),
    ("trong quý iv/2023", date(2023, 12, 31), date(2023, 10, 1), "trong quý iv/2023"),
    ("trong quý III và quý IV/2023", date(2023, 12, 31), date(2023, 7, 1),
     "trong quý III và quý IV/2023"),
    ("trong quý II, III/2023", date(2023, 9, 30), date(2023, 4, 1), "trong quý II, III/2023"),
    ("trong năm 2023", date(2023, 12, 31), date(2023, 1, 1), "trong năm 2023"),
    ("6 tháng đầu năm 2023", date(2023, 6, 30), date(2023, 1, 1), "6 tháng đầu năm 2023"),
    ("6 tháng cuối năm 2023", date(2023, 12, 31), date(2023, 7, 1), "6 tháng cuối năm 2023"),
    ("trong 6 tháng đầu năm 2024", date(2024, 6, 30), date(2024, 1, 1),
     "trong 6 tháng đầu năm 2024"),
    # Case, extra and non-breaking spaces, sentence around the phrase.
    ("TRƯỚC NGÀY 15/9/2023", date(2023, 9, 15), None, "TRƯỚC NGÀY 15/9/2023"),
    ("Trước  ngày   15 / 9 / 2023.", date(2023, 9, 15), None, "Trước  ngày   15 / 9 / 2023"),
    ("hoàn thành trước\u00a0ngày 15/9/2023;", date(2023, 9, 15), None,
     "trước\u00a0ngày 15/9/2023"),
    ("Báo cáo Trong Tháng 9/2023 nhé", date(2023, 9, 30), date(2023, 9, 1),
     "Trong Tháng 9/2023"),
    ("Thời gian thực hiện: Trong quý III và quý IV/2023.", date(2023, 12, 31),
     date(2023, 7, 1), "Trong quý III và quý IV/2023"),
]


@pytest.mark.parametrize("text, due, start, phrase", FORMS)
def test_forms(text, due, start, phrase):
    assert find_deadline(text) == Deadline(DATE, due, phrase, start)


def test_decomposed_text_is_read_as_nfc():
    import unicodedata

    text = unicodedata.normalize("NFD", "Yêu cầu thực hiện xong trước ngày 10/9/2023.")
    assert find_deadline(text).due == date(2023, 9, 10)


RECURRING_WORDS = [
    ("Thực hiện thường xuyên.", "thường xuyên"),
    ("Thường xuyên cập nhật thông tin", "Thường xuyên"),
    ("Tổng hợp báo cáo hằng năm.", "hằng năm"),
    ("Tổng hợp báo cáo hàng năm.", "hàng năm"),
    ("Tổ chức định kỳ.", "định kỳ"),
    ("Tập huấn định kỳ hàng năm.", "định kỳ hàng năm"),
    ("Kiểm tra định kỳ 6 tháng một lần", "định kỳ 6 tháng một lần"),
    ("Báo cáo hằng tháng", "hằng tháng"),
    ("Báo cáo hàng tháng", "hàng tháng"),
    ("Báo cáo hằng quý", "hằng quý"),
    ("Báo cáo hàng quý", "hàng quý"),
    ("Cập nhật hằng tuần", "hằng tuần"),
    ("Thực hiện thường xuyên, liên tục", "thường xuyên, liên tục"),
]


@pytest.mark.parametrize("text, phrase", RECURRING_WORDS)
def test_recurring_words(text, phrase):
    assert find_deadline(text) == Deadline(RECURRING, phrase=phrase)


NO_DEADLINE_TEXTS = [
    "",
    "Phòng VH&TT lồng ghép nội dung phổ biến, quán triệt trong các lớp tập huấn.",
    "Thực hiện Kế hoạch số 563/KH-UBND ngày 20/8/2023 của UBND tỉnh.",
    "Thủ trưởng đơn vị phải chịu trách nhiệm trước Chủ tịch UBND tỉnh.",
    "Ban hành kèm theo Công văn ngày tháng 9 năm 2023",
    "Chỉ số chuyển đổi số tỉnh Bắc Kạn năm 2023",
    "Báo cáo kết quả quý III/2023 gửi Sở.",
    "Làm việc với ngân hàng năm 2023 theo kế hoạch.",
    "Kiểm tra mặt hàng tháng 9 năm nay.",
    "Khách hàng quý báu",
]


@pytest.mark.parametrize("text", NO_DEADLINE_TEXTS)
def test_texts_without_deadline(text):
    assert find_deadline(text) == NO_DEADLINE
    assert find_deadline(text).label() == ""


PRECEDENCE = [
    # text, expected phrase
    ("Thực hiện thường xuyên; báo cáo trước ngày 15/9/2023.", "trước ngày 15/9/2023"),
    ("Hằng năm tổ chức; năm nay xong trong tháng 10/2023.", "trong tháng 10/2023"),
    ("Xong trước ngày 10/9/2023, tổng hợp trong tháng 9/2023.", "trước ngày 10/9/2023"),
    ("Tổng hợp trong tháng 9/2023, hạn chót 10/9/2023.", "trong tháng 9/2023"),
    ("Định kỳ hằng quý, rồi thường xuyên.", "Định kỳ hằng quý"),
]


@pytest.mark.parametrize("text, phrase", PRECEDENCE)
def test_first_dated_phrase_wins(text, phrase):
    assert find_deadline(text).phrase == phrase


IMPOSSIBLE = [
    ("trước ngày 31/02/2023", '"31/02/2023"'),
    ("Làm việc một trước ngày 31/02/2023.", '"31/02/2023"'),
    ("trước ngày 15/13/2023", '"15/13/2023"'),
    ("trước ngày 29/2/2023", '"29/2/2023"'),
    ("chậm nhất ngày 31/4/2023", '"31/4/2023"'),
    ("hạn chót 0/9/2023", '"0/9/2023"'),
    ("trước ngày 31 tháng 9 năm 2023", '"31 tháng 9 năm 2023"'),
    ("trong tháng 13/2023", '"trong tháng 13/2023"'),
    ("trong quý V/2023", '"trong quý V/2023"'),
    ("trong quý 5/2023", '"trong quý 5/2023"'),
    ("Xong trước ngày 10/9/2023 và nộp trước ngày 31/9/2023.", '"31/9/2023"'),
]


@pytest.mark.parametrize("text, named", IMPOSSIBLE)
def test_impossible_dates_are_errors(text, named):
    with pytest.raises(ValueError) as info:
        find_deadline(text)
    message = str(info.value)
    assert named in message
    assert "không có thật trong lịch" in message


def test_impossible_date_message_matches_the_documented_form():
    with pytest.raises(ValueError, match=r'^ngày không có thật trong lịch: "31/02/2023"'):
        find_deadline("trước ngày 31/02/2023")


def test_leap_day_exists_in_leap_years():
    assert find_deadline("trước ngày 29/2/2024").due == date(2024, 2, 29)


# ---- Labels ------------------------------------------------------------------

LABELS = [
    ("trước ngày 15/9/2023", "Trước ngày 15/9/2023"),
    ("chậm nhất ngày 05/10/2023", "Chậm nhất ngày 05/10/2023"),
    ("trong tháng 9/2023", "Trong tháng 9/2023 (hạn 30/9/2023)"),
    ("trong quý III và quý IV/2023", "Trong quý III và quý IV/2023 (hạn 31/12/2023)"),
    ("trong năm 2023", "Trong năm 2023 (hạn 31/12/2023)"),
    ("6 tháng đầu năm 2023", "6 tháng đầu năm 2023 (hạn 30/6/2023)"),
    ("Trước  ngày 15/9/2023", "Trước ngày 15/9/2023"),
    ("thường xuyên", "Thường xuyên"),
    ("đôn đốc hằng năm", "Hằng năm"),
    ("không có hạn", ""),
]


@pytest.mark.parametrize("text, label", LABELS)
def test_labels(text, label):
    assert find_deadline(text).label() == label


def test_label_of_a_free_phrase_shows_the_due_date():
    deadline = parse_deadline({"due": date(2023, 9, 5), "phrase": "trước khi khai giảng"})
    assert deadline.label() == "Trước khi khai giảng (hạn 5/9/2023)"


# ---- format_date -------------------------------------------------------------

@pytest.mark.parametrize("d, text", [
    (date(2023, 9, 15), "15/9/2023"),
    (date(2023, 8, 5), "5/8/2023"),
    (date(2023, 12, 31), "31/12/2023"),
    (date(2024, 1, 1), "1/1/2024"),
])
def test_format_date(d, text):
    assert format_date(d) == text


# ---- The dataclass -----------------------------------------------------------

@pytest.mark.parametrize("kwargs", [
    {"kind": "soon"},
    {"kind": DATE},
    {"kind": DATE, "due": date(2023, 9, 1), "start": date(2023, 9, 30)},
    {"kind": NONE, "phrase": "trước ngày 15/9/2023"},
    {"kind": RECURRING, "phrase": ""},
    {"kind": RECURRING, "phrase": "hằng năm", "due": date(2023, 9, 1)},
])
def test_inconsistent_deadlines_are_refused(kwargs):
    with pytest.raises(ValueError):
        Deadline(**kwargs)


def test_deadline_is_frozen():
    with pytest.raises(AttributeError):
        NO_DEADLINE.kind = DATE


# ---- Properties --------------------------------------------------------------

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))


@given(dates)
def test_any_day_is_found_back(d):
    assert find_deadline(f"Yêu cầu hoàn thành trước ngày {format_date(d)}.").due == d
    assert find_deadline(f"chậm nhất ngày {d.day:02d}/{d.month:02d}/{d.year}").due == d
    assert find_deadline(f"trước ngày {d.day} tháng {d.month} năm {d.year}").due == d


@given(dates)
def test_parse_of_a_date_round_trips_through_its_phrase(d):
    deadline = parse_deadline(d)
    assert parse_deadline(deadline.phrase) == deadline
    assert find_deadline(deadline.phrase) == deadline
    assert deadline.label() == "T" + deadline.phrase[1:]


@given(dates)
def test_month_is_first_to_last_day(d):
    deadline = find_deadline(f"trong tháng {d.month}/{d.year}")
    assert deadline.start == d.replace(day=1)
    assert deadline.due.month == d.month
    assert (deadline.due + timedelta(days=1)).day == 1


@given(st.integers(1, 4), st.integers(1990, 2099))
def test_quarter_in_roman_or_arabic(q, year):
    roman = ["I", "II", "III", "IV"][q - 1]
    a = find_deadline(f"trong quý {roman}/{year}")
    b = find_deadline(f"trong quý {q}/{year}")
    assert (a.start, a.due) == (b.start, b.due)
    assert a.start == date(year, 3 * q - 2, 1)
    assert (a.due + timedelta(days=1)) == (date(year + 1, 1, 1) if q == 4
                                            else date(year, 3 * q + 1, 1))


@given(st.text())
def test_find_deadline_never_fails_unexpectedly(text):
    try:
        deadline = find_deadline(text)
    except ValueError as exc:
        assert "không có thật" in str(exc)
    else:
        assert deadline.kind in (DATE, RECURRING, NONE)
