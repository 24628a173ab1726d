"""The decree's layout numbers, in one place: what Nghị định 30/2020/NĐ-CP, Phụ lục I allows,
and the value this project chooses inside each range.

Template bootstrapping (``tools/make_templates.py``), the format tests and the
conformance check of any .docx all read them from here. Lengths are in twips
(1/20 pt; 1 mm ≈ 56.7 twips), sizes in points.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Times New Roman"
"""PL I I.4: Times New Roman, Unicode, everywhere."""

MM = 1440 / 25.4
"""Twips in a millimetre."""

A4_SHORT, A4_LONG = 11906, 16838
"""PL I I.1: A4, 210 × 297 mm."""


@dataclass(frozen=True)
class Range:
    """A closed range the decree allows, and the value chosen inside it."""

    low: float
    high: float
    chosen: float

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high


MARGINS_MM = {
    "top": Range(20, 25, 25),
    "bottom": Range(20, 25, 20),
    "left": Range(30, 35, 35),
    "right": Range(15, 20, 20),
}
"""PL I I.3: page margins in millimetres (the government's own samples use the chosen ones)."""

MARGINS = {"top": 1417, "bottom": 1134, "left": 1984, "right": 1134}
"""The chosen margins in twips (25 / 20 / 35 / 20 mm)."""

TEXT_WIDTH = A4_SHORT - MARGINS["left"] - MARGINS["right"]
"""Width of a portrait page's text area: 8788 twips, 155 mm."""
LANDSCAPE_TEXT_WIDTH = A4_LONG - MARGINS["left"] - MARGINS["right"]
"""Width of a landscape page's text area: 13720 twips, 242 mm."""


@dataclass(frozen=True)
class Element:
    """How one element of a document is set: size range and chosen size, weight, slant."""

    size: Range
    bold: bool | None = None
    """True or False where the decree fixes it; None where it leaves it open."""
    italic: bool | None = None
    upper: bool = False
    """Written in capitals (the decree's "chữ in hoa")."""


ELEMENTS = {
    "parent": Element(Range(12, 13, 13), bold=False, italic=False, upper=True),
    "issuer": Element(Range(12, 13, 13), bold=True, italic=False, upper=True),
    "national_title": Element(Range(12, 13, 12), bold=True, italic=False, upper=True),
    "motto": Element(Range(13, 14, 13), bold=True, italic=False),
    "number": Element(Range(13, 13, 13), bold=False, italic=False),
    "place_date": Element(Range(13, 14, 13), italic=True),
    "subject": Element(Range(12, 13, 12), bold=False, italic=False),
    "type_name": Element(Range(13, 14, 14), bold=True, italic=False, upper=True),
    "type_subject": Element(Range(13, 14, 14), bold=True, italic=False),
    "recipients": Element(Range(13, 14, 14)),
    "body": Element(Range(13, 14, 14)),
    "authority": Element(Range(13, 14, 14), bold=True, upper=True),
    "signer": Element(Range(13, 14, 14), bold=True, italic=False),
    "distribution_label": Element(Range(12, 12, 12), bold=True, italic=True),
    "distribution": Element(Range(11, 11, 11)),
    "page_number": Element(Range(13, 14, 14), italic=False),
    "appendix_heading": Element(Range(14, 14, 14), bold=True),
    "appendix_title": Element(Range(13, 14, 14), bold=True),
    "appendix_reference": Element(Range(13, 14, 14), italic=True),
}
"""PL I II and III: every element of page 1, the signature block and the appendix."""

HEADER_COLUMNS = (3402, 5386)
"""The header table's two columns (60 / 95 mm, about 39 % / 61 %). Mẫu 1.5 splits 42 / 58;
at 39 / 61 the quốc hiệu (88.3 mm at 12 pt bold) and the place-and-date line with the
official place name ("Thành phố Bắc Kạn, ngày 28 tháng 12 năm 2023", 90.2 mm at 13 pt)
each fit the right column on one line, as the decree wants."""

SIGNATURE_COLUMNS = (4394, 4394)
"""Nơi nhận and the signature side by side, half and half."""

ISSUER_LINE_SHARE = Range(1 / 3, 1 / 2, 0.4)
"""PL I II.3.a: the line under the issuing body is 1/3 to 1/2 of the text's length."""

FIRST_LINE_INDENT_CM = (1.0, 1.27)
"""PL I II.6: body paragraphs start 1 cm or 1.27 cm in."""
PARAGRAPH_SPACING_MIN_PT = 6
"""PL I II.6: at least 6 pt between paragraphs."""
LINE_SPACING = Range(1.0, 1.5, 1.15)
"""PL I II.6: line spacing from single to 1.5 lines (the templates use 1.15)."""

assert sum(HEADER_COLUMNS) == sum(SIGNATURE_COLUMNS) == TEXT_WIDTH

DOCUMENT_TYPES = {
    "Kế hoạch": "KH", "Quyết định": "QĐ", "Báo cáo": "BC", "Thông báo": "TB",
    "Tờ trình": "TTr", "Hướng dẫn": "HD", "Chương trình": "CTr", "Giấy mời": "GM",
    "Công điện": "CĐ", "Biên bản": "BB", "Chỉ thị": "CT", "Nghị quyết": "NQ",
}
"""Phụ lục III: each document type's name and the abbreviation that starts its ký hiệu.
A công văn has neither a type name nor an abbreviation."""

NO_RECIPIENTS = ("Kế hoạch", "Quyết định", "Thông báo")
"""PL I II.9: types that carry no "Kính gửi" line."""

AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
"""PL I II.7: the prefixes an authority line may start with."""

LENGTH_TOLERANCE_MM = 0.5
"""Slack when comparing a measured length (margins, paper) with the decree's numbers:
Word and LibreOffice round lengths to whole twips or hundredths of a millimetre."""

MOTTO_LINE_SHARE = Range(0.85, 1.15, 1.0)
"""PL I II.1: the line under the tiêu ngữ is as long as the text (measured with the
Times widths of metrics.py, so a little slack either way)."""
