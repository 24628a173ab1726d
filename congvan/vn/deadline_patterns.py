r"""The phrases that name a deadline in Vietnamese task text, as regular expressions.

Every pattern is matched case-insensitively on NFC text;
``\s+`` between words tolerates extra (and non-breaking) spaces.
"""

import re

FLAGS = re.IGNORECASE

YEAR = r"(?P<y>\d{4})(?!\d)"
MONTH_YEAR_SEP = r"(?:\s*[/.\-]\s*|\s+năm\s+)"
NUMERIC_DATE = (r"(?P<nd>(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})"
                 r"\s*(?P=sep)\s*(?P<y>\d{4}))(?!\d)")
WORDS_DATE = (r"(?P<wd>(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s*năm\s+"
               r"(?P<y2>\d{4}))(?!\d)")
ANY_DATE = rf"(?:{NUMERIC_DATE}|{WORDS_DATE})"
LEAD = (r"(?:trước"
         r"|chậm\s+nhất(?:\s+(?:là|vào|trước))?"
         r"|muộn\s+nhất(?:\s+(?:là|vào))?"
         r"|hạn\s+chót(?:\s*:|\s+(?:là|vào))?"
         r"|hạn\s+cuối(?:\s*:|\s+(?:là|vào))?"
         r"|không\s+quá)")
TIME = r"(?:\s+\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?)?"
QUARTER = r"(?:IV|V|I{1,3}|\d{1,2})(?!\w)"
LIST_SEP = r"\s*(?:,|và|-|–|đến)\s*"

DAY_RE = re.compile(rf"(?<!\w){LEAD}{TIME}\s*,?(?:\s*ngày)?\s*{ANY_DATE}", FLAGS)
MONTHS_RE = re.compile(
    rf"(?<!\w)trong\s+tháng\s+(?P<ms>\d{{1,2}}(?:{LIST_SEP}(?:tháng\s+)?\d{{1,2}})*)"
    rf"{MONTH_YEAR_SEP}{YEAR}", FLAGS)
QUARTERS_RE = re.compile(
    rf"(?<!\w)trong\s+quý\s+(?P<qs>{QUARTER}(?:{LIST_SEP}(?:quý\s+)?{QUARTER})*)"
    rf"{MONTH_YEAR_SEP}{YEAR}", FLAGS)
HALF_RE = re.compile(
    rf"(?<!\w)(?:trong\s+)?(?:6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm\s+{YEAR}", FLAGS)
YEAR_RE = re.compile(rf"(?<!\w)trong\s+năm\s+{YEAR}", FLAGS)

# Words every match of a pattern holds (one word of each group), looked for in the
# lower-cased text before the pattern is run: a substring test costs far less than a
# pattern scan, and most task texts hold one kind of phrase. Exact because, for these
# letters, the patterns ignore case only as ``str.lower`` does (no ``i`` or ``s``, whose
# other forms ı, İ, ſ lower-case differently).
DAY_NEEDS = (("trước", "chậm", "muộn", "hạn", "không"),)
MONTHS_NEEDS = (("trong",), ("tháng",))
QUARTERS_NEEDS = (("trong",), ("quý",))
HALF_NEEDS = (("tháng",), ("năm",))
YEAR_NEEDS = (("trong",), ("năm",))


def holds(lowered: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """True when ``lowered`` holds a word of each group of ``needs``."""
    for words in needs:
        for word in words:
            if word in lowered:
                break
        else:
            return False
    return True

EVERY = r"(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)"
RECURRING_RE = re.compile(
    r"(?<!\w)(?:"
    rf"định\s+kỳ(?:\s+{EVERY}|\s+\d{{1,2}}\s+tháng(?:\s*/\s*lần|\s+một\s+lần)?)?"
    r"|thường\s+xuyên(?:\s*,?\s*liên\s+tục)?"
    rf"|{EVERY}"
    r")(?!\w)", FLAGS)

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER_TOKEN_RE = re.compile(rf"(?<!\w){QUARTER}", FLAGS)
MONTH_TOKEN_RE = re.compile(r"\d{1,2}")

# Words before "hàng" that make it mean goods, not "every" (ngân hàng năm 2023…).
GOODS_WORDS = {"ngân", "mặt", "cửa", "đơn", "khách", "giao", "bán", "nhà", "món",
                "đặt", "nhập", "xuất", "kho", "lô", "chuyến", "mua"}

# --- Forms a deadline cell takes when it is the whole cell (the `deadline` field) --------
# Words offices put before the period itself: "Xong trong quý II/2026", "Hoàn thành trong
# năm 2026", "Nhiệm vụ thường xuyên". Only stripped from a whole cell, never from free text.
CELL_PREFIX_RE = re.compile(
    r"^(?:(?:nhiệm\s+vụ|thực\s+hiện|hoàn\s+thành|hoàn\s+thiện|xong|thời\s+gian(?:\s+thực\s+hiện)?"
    r"|thời\s+hạn)\s*:?\s*)+", FLAGS)
BARE_MONTH_RE = re.compile(r"(?:tháng\s+)?(?P<m>\d{1,2})\s*[/.\-]\s*" + YEAR
                           + r"|tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})(?!\d)", FLAGS)
BARE_YEAR_RE = re.compile(r"(?:năm\s+)?" + YEAR, FLAGS)
YEAR_SPAN_RE = re.compile(
    r"(?:giai\s+đoạn\s+|năm\s+|từ\s+năm\s+|từ\s+)?(?P<y1>\d{4})\s*(?:-|–|đến(?:\s+năm)?)\s*"
    r"(?P<y>\d{4})(?!\d)", FLAGS)


ACCEPTED_FORMS = (
    "trước ngày 15/9/2023",
    "chậm nhất ngày 15/9/2023",
    "hạn chót 15/9/2023",
    "trong tháng 9/2023",
    "trong quý III/2023",
    "trong quý III và quý IV/2023",
    "trong năm 2023",
    "6 tháng đầu năm 2023",
    "6/2025",
    "tháng 5/2026",
    "quý II/2026",
    "2026",
    "năm 2026",
    "2025 - 2026",
    "xong trong quý II/2026",
    "hoàn thành … trước ngày 01/01/2030",
    "thường xuyên",
    "hằng năm",
    "định kỳ",
    "hằng tháng",
    "hằng quý",
)
"""Examples of the phrases understood, quoted in error messages."""


def type_name(value) -> str:
    """How a value that is not a deadline is called in a message."""
    if value is None:
        return "giá trị rỗng"
    if isinstance(value, bool):
        return "giá trị đúng/sai"
    if isinstance(value, (int, float)):
        return f"số {value}"
    if isinstance(value, (list, tuple)):
        return "một danh sách"
    if isinstance(value, dict):
        return "một bảng"
    return f"kiểu {type(value).__name__}"


