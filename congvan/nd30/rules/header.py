"""PL I II.1–II.5: quốc hiệu and tiêu ngữ, issuing body, Số and ký hiệu, place and
date, and the công văn's V/v line or a typed document's tên loại and trích yếu."""

from __future__ import annotations

import re

from congvan.nd30.anatomy import Anatomy
from congvan.nd30.findings import Finding, aligned, format_checks
from congvan.nd30.layout import DOCUMENT_TYPES, ISSUER_LINE_SHARE, MOTTO_LINE_SHARE
from congvan.nd30.metrics import text_width
from congvan.nd30.document import Paragraph

_DAY = re.compile(r"ngày\s+(\d+)", re.IGNORECASE)
_MONTH = re.compile(r"tháng\s+(\d+)", re.IGNORECASE)


def check(a: Anatomy) -> list[Finding]:
    found: list[Finding] = []
    found += _national(a)
    found += _issuer(a)
    found += _number(a)
    found += _place_date(a)
    found += _subject(a)
    return found


def _missing(rule: str, element: str, expected: str) -> Finding:
    return Finding(rule, element, "", "không tìm thấy", expected)


def _national(a: Anatomy) -> list[Finding]:
    found = []
    if a.national is None:
        found.append(_missing("PL I II.1", "Quốc hiệu", "dòng CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    else:
        found += format_checks(a.national, "national_title", "Quốc hiệu", "PL I II.1")
    if a.motto is None:
        found.append(_missing("PL I II.1", "Tiêu ngữ", "dòng Độc lập - Tự do - Hạnh phúc"))
        return found
    found += format_checks(a.motto, "motto", "Tiêu ngữ", "PL I II.1")
    if a.motto_rule is None:
        found.append(Finding("PL I II.1", "Đường kẻ dưới tiêu ngữ", a.motto.text,
                             "không có đường kẻ", "một đường kẻ liền, dài bằng dòng chữ"))
    else:
        found += _rule_length(a, a.motto_rule, a.motto, MOTTO_LINE_SHARE,
                              "PL I II.1", "Đường kẻ dưới tiêu ngữ", "dài bằng dòng chữ")
    return found


def _rule_length(a: Anatomy, rule: Paragraph, texts, share, code, element, expected):
    """A border line's length against the text above it (a line shape is not measured;
    a line outside a table cell has no width to compare with)."""
    if rule.has_drawing or not (rule.border_top or rule.border_bottom) or rule.text:
        return []
    width = a.cell_width(rule)
    if width is None:
        return []
    length = width - 2 * a.doc.tables[rule.cell[0]].cell_margin - rule.ind_left - rule.ind_right
    lines = texts if isinstance(texts, list) else [texts]
    size = max((r.size or 13 for p in lines for r in p.text_runs()), default=13)
    text = max((_longest_line(p.text, size, p.all_bold(), length + rule.ind_left + rule.ind_right)
                for p in lines), default=0)
    if not text:
        return []
    ratio = length / text
    if ratio in share:
        return []
    return [Finding(code, element, lines[-1].text,
                    f"dài {ratio:.0%} dòng chữ".replace(".", ","), expected)]


def _longest_line(text: str, size: float, bold: bool, area: float) -> float:
    """Width (twips) of the longest line ``text`` makes when it wraps at words in ``area``."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, size, bold) * 20 > area:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return max(text_width(line, size, bold) * 20 for line in lines)


def _issuer(a: Anatomy) -> list[Finding]:
    found = []
    for p in a.parent:
        found += format_checks(p, "parent", "Tên cơ quan chủ quản", "PL I II.2")
    if not a.issuer:
        if a.national is not None:
            found.append(_missing("PL I II.2", "Tên cơ quan ban hành",
                                  "tên cơ quan ở cột trái, ngang quốc hiệu"))
        return found
    for p in a.issuer:
        found += format_checks(p, "issuer", "Tên cơ quan ban hành", "PL I II.2")
    if a.issuer_rule is None:
        found.append(Finding("PL I II.2", "Đường kẻ dưới tên cơ quan ban hành", a.issuer[-1].text,
                             "không có đường kẻ", "một đường kẻ liền, dài 1/3–1/2 dòng chữ, ở giữa"))
    else:
        found += _rule_length(a, a.issuer_rule, a.issuer,
                              ISSUER_LINE_SHARE, "PL I II.2",
                              "Đường kẻ dưới tên cơ quan ban hành", "dài 1/3–1/2 dòng chữ")
    return found


def _number(a: Anatomy) -> list[Finding]:
    p = a.number
    if p is None:
        return [_missing("PL I II.3", "Số, ký hiệu", "dòng «Số: …/…» dưới tên cơ quan")]
    found = format_checks(p, "number", "Số, ký hiệu", "PL I II.3")
    value = p.text.split(":", 1)[1]
    number, _, symbol = value.partition("/")
    number = number.strip()
    if number and not number.isdigit():
        found.append(Finding("PL I II.3", "Số văn bản", p.text, f"số «{number}»",
                             "số Ả Rập (để trống khi chưa đăng ký)"))
    elif number.isdigit() and int(number) < 10 and len(number) < 2:
        found.append(Finding("PL I II.3", "Số văn bản", p.text, f"số «{number}»",
                             f"thêm số 0 phía trước: «0{number}»"))
    if not symbol:
        found.append(Finding("PL I II.3", "Ký hiệu", p.text, "không có dấu / và ký hiệu",
                             "«Số: <số>/<ký hiệu>»"))
        return found
    if " " in symbol.strip() or symbol != symbol.strip():
        found.append(Finding("PL I II.3", "Ký hiệu", p.text, "có dấu cách trong ký hiệu",
                             "các nhóm chữ nối bằng dấu -, không có dấu cách"))
    kind, abbr = a.kind, DOCUMENT_TYPES.get(a.kind)
    groups = a.symbol_groups()
    symbol_type = a.symbol_type()
    if abbr is None and symbol_type is not None:
        found.append(Finding("PL I II.3", "Ký hiệu", p.text,
                             f"bắt đầu bằng {groups[0]} (viết tắt của {symbol_type}) trong một công văn",
                             "ký hiệu công văn không có tên loại: <cơ quan>-<đơn vị soạn thảo>"))
    elif abbr is not None and groups and groups[0] != abbr:
        found.append(Finding("PL I II.3", "Ký hiệu", p.text,
                             f"bắt đầu bằng «{groups[0]}»",
                             f"ký hiệu của {kind.lower()} bắt đầu bằng {abbr}: «{abbr}-…»"))
    return found


def _place_date(a: Anatomy) -> list[Finding]:
    p = a.place_date
    if p is None:
        return [_missing("PL I II.4", "Địa danh và ngày tháng",
                         "dòng «<Địa danh>, ngày … tháng … năm …» dưới quốc hiệu")]
    found = format_checks(p, "place_date", "Địa danh và ngày tháng", "PL I II.4")
    day = _DAY.search(p.text)
    if day and int(day.group(1)) < 10 and len(day.group(1)) < 2:
        found.append(Finding("PL I II.4", "Ngày", p.text, f"«ngày {day.group(1)}»",
                             f"ngày dưới 10 có số 0 phía trước: «ngày 0{day.group(1)}»"))
    month = _MONTH.search(p.text)
    if month:
        m = month.group(1)
        if int(m) in (1, 2) and len(m) < 2:
            found.append(Finding("PL I II.4", "Tháng", p.text, f"«tháng {m}»",
                                 f"tháng 1, 2 có số 0 phía trước: «tháng 0{m}»"))
        elif 3 <= int(m) <= 9 and m.startswith("0"):
            found.append(Finding("PL I II.4", "Tháng", p.text, f"«tháng {m}»",
                                 f"tháng 3 đến 9 không có số 0: «tháng {int(m)}»"))
    return found


def _subject(a: Anatomy) -> list[Finding]:
    kind = a.kind
    found = []
    if kind == "Công văn":
        if a.subject is None:
            return [_missing("PL I II.5", "Trích yếu (V/v)",
                             "dòng «V/v …» dưới số, ký hiệu của công văn")]
        found += format_checks(a.subject, "subject", "Trích yếu (V/v)", "PL I II.5")
        if re.match(r"^V/v\s*:", a.subject.text, re.IGNORECASE):
            found.append(Finding("PL I II.5", "Trích yếu (V/v)", a.subject.text, "«V/v:» có dấu hai chấm",
                                 "«V/v» rồi nội dung, không có dấu hai chấm"))
        return found
    if a.subject is not None:
        found.append(Finding("PL I II.5.b", "Trích yếu", a.subject.text, f"dòng V/v trong {kind.lower()}",
                             "trích yếu đậm, căn giữa dưới tên loại, không có V/v"))
    if a.type_name is None:
        found.append(Finding("PL I II.5.b", "Tên loại", "", f"ký hiệu là của {kind.lower()} "
                             "nhưng không có dòng tên loại",
                             f"dòng «{kind.upper()}» căn giữa dưới phần đầu, chữ in hoa đậm, "
                             "rồi trích yếu và đường kẻ"))
        return found
    found += format_checks(a.type_name, "type_name", "Tên loại", "PL I II.5.b")
    if a.type_name.jc != "center":
        found.append(Finding("PL I II.5.b", "Tên loại", a.type_name.text,
                             f"căn {aligned(a.type_name.jc)}", "căn giữa"))
    s = a.type_subject
    if s is None:
        found.append(_missing("PL I II.5.b", "Trích yếu", "trích yếu ngay dưới tên loại"))
        return found
    found += format_checks(s, "type_subject", "Trích yếu", "PL I II.5.b")
    if s.jc != "center":
        found.append(Finding("PL I II.5.b", "Trích yếu", s.text, f"căn {aligned(s.jc)}", "căn giữa"))
    if a.type_rule is None:
        found.append(Finding("PL I II.5.b", "Đường kẻ dưới trích yếu", s.text, "không có đường kẻ",
                             "một đường kẻ liền, dài 1/3–1/2 dòng chữ, ở giữa"))
    return found
