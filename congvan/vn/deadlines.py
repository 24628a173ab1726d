"""Deadlines read from Vietnamese task text ("Thời hạn" of an appendix row).

A task text such as ``Yêu cầu thực hiện xong trong tháng 9/2023.`` holds its
deadline as a phrase. :func:`find_deadline` finds that phrase in free text,
:func:`parse_deadline` reads a deadline given as structured YAML data, and
:meth:`Deadline.label` gives what a letter prints in its "Thời hạn" column.

Three kinds of deadline exist:

* ``"date"``: a due date, either a day (``trước ngày 15/9/2023``) or the last
  day of a period (``trong quý III/2023`` is due 30/9/2023, starts 1/7/2023);
* ``"recurring"``: work with no end (``thường xuyên``, ``hằng năm``…);
* ``"none"``: the text names no deadline.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import MINYEAR, date, datetime
from typing import Callable

from congvan.vn.deadline_patterns import (ACCEPTED_FORMS, ANY_DATE, BARE_MONTH_RE, BARE_YEAR_RE, CELL_PREFIX_RE,
                                          DAY_NEEDS, DAY_RE, FLAGS, GOODS_WORDS, HALF_NEEDS, HALF_RE,
                                          MONTHS_NEEDS, MONTHS_RE, MONTH_TOKEN_RE, QUARTERS_NEEDS,
                                          QUARTERS_RE, QUARTER_TOKEN_RE, RECURRING_RE, ROMAN,
                                          YEAR_NEEDS, YEAR_RE, YEAR_SPAN_RE, holds,
                                          type_name as _type_name)

DATE = "date"
RECURRING = "recurring"
NONE = "none"
KINDS = (DATE, RECURRING, NONE)



@dataclass(frozen=True)
class Deadline:
    """When a task is due, as read from its text or given in the data."""

    kind: str
    """``"date"`` (a due date), ``"recurring"`` (thường xuyên, hằng năm…) or ``"none"``."""
    due: date | None = None
    """For ``"date"``: the day the task is due (the last day of a period); else ``None``."""
    phrase: str = ""
    """The phrase as written, e.g. ``trước ngày 15/9/2023``; empty for ``"none"``."""
    start: date | None = None
    """For a period (month, quarter, year…): its first day; else ``None``."""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f'loại thời hạn không hợp lệ: "{self.kind}" '
                             f'(chỉ dùng "{DATE}", "{RECURRING}" hoặc "{NONE}")')
        if self.kind == DATE:
            if not isinstance(self.due, date):
                raise ValueError("thời hạn loại ngày phải có ngày đến hạn")
            if self.start is not None and self.start > self.due:
                raise ValueError(f"thời hạn bắt đầu ({format_date(self.start)}) "
                                 f"sau ngày đến hạn ({format_date(self.due)})")
        elif self.due is not None or self.start is not None:
            raise ValueError("chỉ thời hạn loại ngày mới có ngày đến hạn")
        if self.kind == NONE and self.phrase:
            raise ValueError("không có thời hạn thì không có cụm từ thời hạn")
        if self.kind == RECURRING and not self.phrase.strip():
            raise ValueError("thời hạn định kỳ phải có cụm từ (ví dụ “thường xuyên”)")

    @property
    def is_period(self) -> bool:
        """True for a dated period such as a month or a quarter."""
        return self.kind == DATE and self.start is not None

    def label(self) -> str:
        """What the "Thời hạn" column prints, e.g. ``Trong tháng 9/2023 (hạn 30/9/2023)``."""
        if self.kind == NONE:
            return ""
        text = _capitalize(_squeeze(self.phrase))
        if self.kind == DATE and (self.is_period or not _states_due(self.phrase, self.due)):
            text += f" (hạn {format_date(self.due)})"
        return text


NO_DEADLINE = Deadline(NONE)
"""The deadline of a text that names none."""


def format_date(d: date) -> str:
    """``15/9/2023``: day/month/year without leading zeros, as task texts write dates."""
    return f"{d.day}/{d.month}/{d.year}"


def _day_deadline(m: re.Match) -> Deadline:
    if m.group("nd"):
        raw, d, mo, y = m.group("nd"), m.group("d"), m.group("m"), m.group("y")
    else:
        raw, d, mo, y = m.group("wd"), m.group("d2"), m.group("m2"), m.group("y2")
    return Deadline(DATE, _calendar_date(int(y), int(mo), int(d), raw), m.group(0).strip())


def _months_deadline(m: re.Match) -> Deadline:
    year = _year(m)
    months = [int(t) for t in MONTH_TOKEN_RE.findall(m.group("ms"))]
    phrase = m.group(0).strip()
    for month in months:
        if not 1 <= month <= 12:
            raise ValueError(f'tháng không có thật trong lịch: "{phrase}" '
                             "(một năm chỉ có 12 tháng)")
    first, last = min(months), max(months)
    return Deadline(DATE, _month_end(year, last), phrase, date(year, first, 1))


def _quarters_deadline(m: re.Match) -> Deadline:
    year = _year(m)
    phrase = m.group(0).strip()
    quarters = []
    for token in QUARTER_TOKEN_RE.findall(m.group("qs")):
        number = ROMAN.get(token.lower()) if not token.isdigit() else int(token)
        if number is None or not 1 <= number <= 4:
            raise ValueError(f'quý không có thật trong lịch: "{phrase}" '
                             "(một năm chỉ có 4 quý: I, II, III, IV)")
        quarters.append(number)
    first, last = min(quarters), max(quarters)
    return Deadline(DATE, _month_end(year, 3 * last), phrase, date(year, 3 * first - 2, 1))


def _half_deadline(m: re.Match) -> Deadline:
    year = _year(m)
    phrase = m.group(0).strip()
    if m.group("half").lower() == "đầu":
        return Deadline(DATE, date(year, 6, 30), phrase, date(year, 1, 1))
    return Deadline(DATE, date(year, 12, 31), phrase, date(year, 7, 1))


def _year_deadline(m: re.Match) -> Deadline:
    year = _year(m)
    return Deadline(DATE, date(year, 12, 31), m.group(0).strip(), date(year, 1, 1))


_DATED: tuple[tuple[re.Pattern, Callable[[re.Match], Deadline]], ...] = (
    (DAY_RE, _day_deadline),
    (MONTHS_RE, _months_deadline),
    (QUARTERS_RE, _quarters_deadline),
    (HALF_RE, _half_deadline),
    (YEAR_RE, _year_deadline),
)
_DATED_NEEDS = (DAY_NEEDS, MONTHS_NEEDS, QUARTERS_NEEDS, HALF_NEEDS, YEAR_NEEDS)
_DATED_STARTS = (True, True, True, False, True)
"""Whether every phrase of the pattern starts with a word of its first needed group
(``trước``…, ``trong``; a half year may start with ``6``, ``sáu`` or ``trong``)."""


def _year(m: re.Match) -> int:
    """The year of a period phrase; ValueError in Vietnamese for year 0 (``trong năm 0000``)."""
    year = int(m.group("y"))
    if year < MINYEAR:
        raise ValueError(f'năm không có thật trong lịch: "{m.group(0).strip()}" '
                         "(năm phải từ 1 trở lên)")
    return year


def _calendar_date(year: int, month: int, day: int, raw: str) -> date:
    """The date, or ValueError naming ``raw`` (the date as written) and why it is impossible."""
    if year < MINYEAR:
        reason = "năm phải từ 1 trở lên"
    elif not 1 <= month <= 12:
        reason = "một năm chỉ có 12 tháng"
    elif day < 1:
        reason = "ngày phải từ 1 trở lên"
    else:
        days = calendar.monthrange(year, month)[1]
        if day <= days:
            return date(year, month, day)
        reason = f"tháng {month}/{year} chỉ có {days} ngày"
    raise ValueError(f'ngày không có thật trong lịch: "{raw}" ({reason})')


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _states_due(phrase: str, due: date | None) -> bool:
    """True when ``phrase`` is itself a one-day deadline phrase for ``due``."""
    try:
        parsed = _parse_phrase(_squeeze(phrase))
    except ValueError:
        return False
    return parsed is not None and parsed.due == due and parsed.start is None


def _is_goods(text: str, m: re.Match) -> bool:
    """True when a ``hàng tháng``-like match means goods (``ngân hàng năm 2023``)."""
    words = m.group(0).split()
    if words[0].lower() not in ("hằng", "hàng"):
        return False
    if re.match(r"\s*\d", text[m.end():]):
        return True
    before = text[:m.start()].split()
    return words[0].lower() == "hàng" and bool(before) and before[-1].lower() in GOODS_WORDS


def find_deadline(text: str) -> Deadline:
    """The deadline named in a task text.

    The first dated phrase wins (it is more specific than a recurring word
    anywhere in the text); otherwise the first recurring word; otherwise a
    deadline of kind ``"none"``. Raises ValueError, in Vietnamese and naming
    the phrase, when a deadline phrase holds a date that does not exist.
    """
    text = unicodedata.normalize("NFC", text or "")
    lowered = text.lower()
    aligned = len(lowered) == len(text)  # each character lower-cased to one: same places
    dated: list[tuple[int, int, Deadline]] = []
    for (pattern, build), needs, starts in zip(_DATED, _DATED_NEEDS, _DATED_STARTS):
        if not holds(lowered, needs):
            continue  # a word every phrase of this pattern holds is missing (see *_NEEDS)
        # no phrase starts before the first of the words one of which starts each phrase
        begin = min(i for w in needs[0] if (i := lowered.find(w)) >= 0) if starts and aligned else 0
        for m in pattern.finditer(text, begin):
            dated.append((m.start(), -len(m.group(0)), build(m)))
    if dated:
        return min(dated, key=lambda item: (item[0], item[1]))[2]
    for m in RECURRING_RE.finditer(text):
        if not _is_goods(text, m):
            return Deadline(RECURRING, phrase=m.group(0).strip())
    return NO_DEADLINE


# --------------------------------------------------------------------------
# Structured data.

_ISO_RE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_BARE_DATE_RE = re.compile(rf"(?:ngày\s*)?{ANY_DATE}", FLAGS)
_TRAILING = " \t\r\n.;,"


def _forms() -> str:
    return ", ".join(f"“{form}”" for form in ACCEPTED_FORMS)


def _parse_phrase(phrase: str) -> Deadline | None:
    """The deadline when the whole of ``phrase`` is one deadline phrase, else None.

    Periods may omit their leading "trong" (``tháng 9/2023``, ``quý III/2023``).
    Raises ValueError for an impossible date.
    """
    for pattern, build in _DATED:
        m = pattern.fullmatch(phrase)
        if m is None and not phrase.lower().startswith("trong"):
            m = pattern.fullmatch("trong " + phrase)
            if m is not None:
                return _with_phrase(build(m), phrase)
        if m is not None:
            return build(m)
    if RECURRING_RE.fullmatch(phrase):
        return Deadline(RECURRING, phrase=phrase)
    return None


def _parse_cell(text: str) -> Deadline | None:
    """What an office writes alone in a deadline cell: ``6/2025``, ``tháng 5/2026``, ``2026``,
    ``năm 2026``, ``2025 - 2026`` (due at the end of its last year), each possibly after
    ``xong``, ``hoàn thành``, ``nhiệm vụ``…; or a sentence holding one deadline phrase
    (``Hoàn thành việc … trước ngày 01/01/2030``) that starts with such a word and ends with
    the phrase. None when nothing is readable."""
    bare = CELL_PREFIX_RE.sub("", text).strip(_TRAILING)
    if bare != text and bare:
        parsed = _parse_phrase(bare)
        if parsed is not None:
            return parsed
    m = BARE_MONTH_RE.fullmatch(bare)
    if m:
        month, year = (m.group("m"), m.group("y")) if m.group("m") else (m.group("m2"), m.group("y2"))
        fake = MONTHS_RE.fullmatch(f"trong tháng {int(month)}/{year}")
        return _months_deadline(fake) if fake else None
    m = BARE_YEAR_RE.fullmatch(bare)
    if m:
        return _year_deadline(YEAR_RE.fullmatch(f"trong năm {m.group('y')}"))
    m = YEAR_SPAN_RE.fullmatch(bare)
    if m:
        first, last = int(m.group("y1")), int(m.group("y"))
        if first > last or first < MINYEAR:
            raise ValueError(f'khoảng năm không hợp lệ: "{text}" (năm đầu phải trước năm cuối)')
        return Deadline(DATE, date(last, 12, 31), text, date(first, 1, 1))
    # "Hoàn thành việc … trước ngày 01/01/2030": a task-like cell that starts with a
    # completion word and ends with its deadline phrase ("Yêu cầu …" stays refused: that
    # is task text, which belongs in `task`).
    if bare != text and bare:
        found = find_deadline(text)
        if found.kind != NONE and text.lower().endswith(found.phrase.lower()):
            return found
    return None


def _with_phrase(deadline: Deadline, phrase: str) -> Deadline:
    return Deadline(deadline.kind, deadline.due, phrase, deadline.start)


def _on_day(due: date) -> Deadline:
    return Deadline(DATE, due, f"trước ngày {format_date(due)}")


def _date_from_text(text: str) -> date | None:
    """A date written alone: ``2023-09-15``, ``15/9/2023``, ``ngày 15 tháng 9 năm 2023``."""
    m = _ISO_RE.fullmatch(text)
    if m:
        return _calendar_date(int(m.group("y")), int(m.group("m")), int(m.group("d")), text)
    m = _BARE_DATE_RE.fullmatch(text)
    if m:
        return _day_deadline(m).due
    return None


def _parse_string(value: str) -> Deadline:
    text = unicodedata.normalize("NFC", value).strip(_TRAILING)
    if not text:
        raise ValueError(f"thời hạn để trống; các dạng được chấp nhận: {_forms()}, "
                         "hoặc một ngày như 2023-09-15")
    squeezed = _squeeze(text)
    due = _date_from_text(squeezed)
    if due is not None:
        return _on_day(due)
    parsed = _parse_phrase(squeezed) or _parse_cell(squeezed)
    if parsed is not None:
        return _with_phrase(parsed, text)
    raise ValueError(f'không hiểu thời hạn "{text}"; các dạng được chấp nhận: {_forms()}, '
                     "hoặc một ngày như 2023-09-15")


def _due_value(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).strip()
        due = _date_from_text(_squeeze(text))
        if due is not None:
            return due
        raise ValueError(f'"due" phải là một ngày dạng 2023-09-15, nhận được "{text}"')
    raise ValueError(f'"due" phải là một ngày dạng 2023-09-15, nhận được {_type_name(value)}')


def _parse_mapping(value: dict) -> Deadline:
    unknown = sorted(str(k) for k in value if k not in ("due", "phrase"))
    if unknown:
        raise ValueError("thời hạn chỉ có hai mục “due” và “phrase”; mục không hợp lệ: "
                         + ", ".join(f"“{k}”" for k in unknown))
    if value.get("due") is None:
        raise ValueError("thời hạn dạng bảng phải có “due” (ngày đến hạn, ví dụ 2023-09-15)")
    due = _due_value(value["due"])
    phrase = value.get("phrase")
    if phrase is None:
        return _on_day(due)
    if not isinstance(phrase, str):
        raise ValueError(f"“phrase” phải là một chuỗi văn bản, nhận được {_type_name(phrase)}")
    phrase = _squeeze(unicodedata.normalize("NFC", phrase))
    if not phrase:
        return _on_day(due)
    parsed = _parse_phrase(phrase.strip(_TRAILING))
    if parsed is not None and parsed.kind == DATE:
        if parsed.due != due:
            raise ValueError(f'thời hạn mâu thuẫn: “{phrase}” là hạn {format_date(parsed.due)} '
                             f"nhưng “due” là {format_date(due)}")
        return Deadline(DATE, due, phrase, parsed.start)
    return Deadline(DATE, due, phrase)


def parse_deadline(value) -> Deadline:
    """A deadline given as data: a date, a phrase, or ``{due, phrase}``.

    * a ``datetime.date``: due that day, phrase ``trước ngày D/M/YYYY``;
    * a string: the whole string must be one deadline phrase (``trong tháng
      9/2023``, ``thường xuyên``…) or a date alone (``2023-09-15``, ``15/9/2023``);
    * a mapping ``{due: date or "YYYY-MM-DD", phrase: optional text}``.

    Raises ValueError with a Vietnamese message on anything else.
    """
    if isinstance(value, Deadline):
        return value
    if isinstance(value, datetime):
        return _on_day(value.date())
    if isinstance(value, date):
        return _on_day(value)
    if isinstance(value, str):
        return _parse_string(value)
    if isinstance(value, dict):
        return _parse_mapping(value)
    raise ValueError("thời hạn phải là một ngày (2023-09-15), một cụm từ như "
                     f"“trong tháng 9/2023” hoặc một bảng {{due, phrase}}; "
                     f"nhận được {_type_name(value)}")
