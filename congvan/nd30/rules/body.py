"""PL I II.6–II.9: Kính gửi, body text, authority and signer, Nơi nhận."""

from __future__ import annotations

import re

from congvan.nd30.anatomy import Anatomy
from congvan.nd30.findings import Finding, aligned, format_checks
from congvan.nd30.layout import (AUTHORITY_PREFIXES, FIRST_LINE_INDENT_CM, LINE_SPACING,
                                 NO_RECIPIENTS, PARAGRAPH_SPACING_MIN_PT)

_LONG = 120
"""Characters from which a paragraph surely runs over several lines: only those are held
to the justified, indented layout (a one-line heading need not be)."""
_INDENT_SLACK = 30  # twips, about 0.5 mm
_PREFIX = re.compile(r"^([A-ZĐ/]{1,4}\.)\s")
_ACADEMIC = re.compile(r"^((?:GS|PGS|TS|ThS|TSKH|KS|BS|CN)\.?)(?:\s|\.)", re.IGNORECASE)


def check(a: Anatomy) -> list[Finding]:
    return [*_recipients(a), *_body(a), *_signature(a), *_distribution(a)]


def _recipients(a: Anatomy) -> list[Finding]:
    label = a.recipients_label
    if label is None:
        return []
    if a.kind in NO_RECIPIENTS:
        return [Finding("PL I II.9", "Kính gửi", label.text, f"{a.kind.lower()} có dòng Kính gửi",
                        f"{a.kind.lower()} không có Kính gửi")]
    found = format_checks(label, "recipients", "Kính gửi", "PL I II.9.a")
    for p in a.recipients:
        found += format_checks(p, "recipients", "Nơi nhận ở Kính gửi", "PL I II.9.a")
    found += _punctuation(a.recipients, "PL I II.9.a", "Nơi nhận ở Kính gửi")
    return found


def _punctuation(lines, rule: str, element: str) -> list[Finding]:
    """A list of two or more lines: each ``- …;``, the last ``- ….``."""
    found = []
    if len(lines) < 2:
        return found
    for i, p in enumerate(lines):
        end = "." if i == len(lines) - 1 else ";"
        if not p.text.endswith(end):
            found.append(Finding(rule, element, p.text, f"kết thúc bằng «{p.text[-1]}»",
                                 "dòng cuối kết thúc bằng dấu chấm" if end == "."
                                 else "mỗi dòng kết thúc bằng dấu chấm phẩy"))
    return found


def _body(a: Anatomy) -> list[Finding]:
    found = []
    for p in a.body:
        found += format_checks(p, "body", "Nội dung", "PL I II.6")
        if len(p.text) < _LONG:
            continue
        if p.jc != "both":
            found.append(Finding("PL I II.6", "Nội dung", p.text, f"căn {aligned(p.jc)}",
                                 "căn đều hai lề"))
        indents = [round(cm / 2.54 * 1440) for cm in FIRST_LINE_INDENT_CM]
        if all(abs(p.first_line - i) > _INDENT_SLACK for i in indents):
            found.append(Finding("PL I II.6", "Nội dung", p.text,
                                 f"thụt đầu dòng {p.first_line / 1440 * 2.54:.2f} cm".replace(".", ","),
                                 "thụt đầu dòng 1 cm hoặc 1,27 cm"))
        if max(p.space_before, p.space_after) < PARAGRAPH_SPACING_MIN_PT * 20:
            found.append(Finding("PL I II.6", "Nội dung", p.text,
                                 f"cách đoạn {max(p.space_before, p.space_after) / 20:g} pt",
                                 f"cách đoạn tối thiểu {PARAGRAPH_SPACING_MIN_PT} pt"))
        if p.line_rule == "auto" and not LINE_SPACING.low <= p.line / 240 <= LINE_SPACING.high + 0.01:
            found.append(Finding("PL I II.6", "Nội dung", p.text,
                                 f"giãn dòng {p.line / 240:.2f} dòng".replace(".", ","),
                                 "giãn dòng từ 1 (đơn) đến 1,5 dòng"))
    if a.body and a.kind == "Công văn" and not a.body[-1].text.endswith("./."):
        found.append(Finding("PL I II.6", "Đoạn cuối", a.body[-1].text, "không kết thúc bằng ./.",
                             "nội dung kết thúc bằng dấu ./."))
    return found


def _signature(a: Anatomy) -> list[Finding]:
    found = []
    if not a.authority and a.distribution_label is not None:
        found.append(Finding("PL I II.7", "Quyền hạn, chức vụ người ký", "", "không tìm thấy",
                             "chức vụ người ký (TM. …, CHỦ TỊCH) ngang dòng Nơi nhận"))
    for p in a.authority:
        found += format_checks(p, "authority", "Quyền hạn, chức vụ người ký", "PL I II.7")
    if a.authority:
        prefix = _PREFIX.match(a.authority[0].text)
        if prefix and prefix.group(1) not in AUTHORITY_PREFIXES:
            found.append(Finding("PL I II.7", "Quyền hạn ký", a.authority[0].text,
                                 f"viết «{prefix.group(1)}»", "một trong " + ", ".join(AUTHORITY_PREFIXES)))
    if a.signer is not None:
        found += format_checks(a.signer, "signer", "Họ tên người ký", "PL I II.7")
        title = _ACADEMIC.match(a.signer.text)
        if title:
            found.append(Finding("PL I II.7", "Họ tên người ký", a.signer.text,
                                 f"có học hàm, học vị «{title.group(1)}»",
                                 "chỉ họ và tên, không kèm học hàm, học vị"))
    return found


def _distribution(a: Anatomy) -> list[Finding]:
    label = a.distribution_label
    if label is None:
        return [Finding("PL I II.9.b", "Nơi nhận", "", "không tìm thấy",
                        "mục «Nơi nhận:» ở cột trái, ngang chức vụ người ký")]
    found = format_checks(label, "distribution_label", "Nhãn Nơi nhận", "PL I II.9.b")
    for p in a.distribution:
        found += format_checks(p, "distribution", "Nơi nhận", "PL I II.9.b")
    entries = [p for p in a.distribution if p.text.startswith(("-", "–"))]
    found += _punctuation(entries, "PL I II.9.b", "Nơi nhận")
    if a.kind == "Công văn" and a.recipients_label is not None and entries \
            and not re.match(r"^[-–]\s*Như trên\b", entries[0].text, re.IGNORECASE):
        found.append(Finding("PL I II.9.b", "Nơi nhận", entries[0].text, "dòng đầu không phải «- Như trên;»",
                             "công văn có Kính gửi: dòng đầu «- Như trên;»"))
    if entries and not re.match(r"^[-–]\s*Lưu\b", entries[-1].text):
        found.append(Finding("PL I II.9.b", "Nơi nhận", entries[-1].text, "dòng cuối không phải dòng Lưu",
                             "dòng cuối «- Lưu: VT, <đơn vị soạn thảo>.»"))
    return found
