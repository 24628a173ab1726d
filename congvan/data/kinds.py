"""The kinds of document congvan writes, and the choices an appendix declares.

Nghị định 30/2020/NĐ-CP, Phụ lục III: each type name has its abbreviation, which
opens the ký hiệu (``Số: 12/KH-UBND``); a công văn has none. Which types take a
Kính gửi is PL I II.9. Both tables are the decree's, kept once in
:mod:`congvan.nd30.layout` (the conformance check reads them there too).
"""

from __future__ import annotations

from dataclasses import dataclass

from congvan.nd30.layout import DOCUMENT_TYPES, NO_RECIPIENTS


@dataclass(frozen=True)
class Kind:
    key: str
    """The value of ``document.type``."""
    name: str
    """Tên loại as printed in the title block (upper case); empty for a công văn."""
    sentence: str
    """The name inside a sentence: ``Kế hoạch`` (``Thực hiện Kế hoạch số …``)."""
    abbreviation: str
    """Opens the ký hiệu; empty for a công văn."""
    recipients: str
    """``required``, ``optional`` or ``none``: Kính gửi."""
    file: str
    """Output file name of the document (without the folder)."""
    manifest_kind: str
    """The document's ``kind`` in ``manifest.json`` (``dispatch`` for a công văn)."""


def _typed(key: str, sentence: str, manifest_kind: str, recipients: str = "") -> Kind:
    """A document with a type name: its abbreviation and whether it takes a Kính gửi come
    from the decree's tables."""
    return Kind(key, sentence.upper(), sentence, DOCUMENT_TYPES[sentence],
                recipients or ("none" if sentence in NO_RECIPIENTS else "optional"),
                f"{key}.docx", manifest_kind)


KINDS = {
    "cong-van": Kind("cong-van", "", "Công văn", "", "required", "cong-van.docx", "dispatch"),
    "ke-hoach": _typed("ke-hoach", "Kế hoạch", "plan"),
    "quyet-dinh": _typed("quyet-dinh", "Quyết định", "decision"),
    "thong-bao": _typed("thong-bao", "Thông báo", "notice"),
    "bao-cao": _typed("bao-cao", "Báo cáo", "report"),
}
TYPES = tuple(KINDS)

OTHER_ABBREVIATIONS = tuple(abbr.upper() for name, abbr in DOCUMENT_TYPES.items()
                            if name not in {k.sentence for k in KINDS.values()})
"""Type abbreviations of Phụ lục III that congvan does not write (as a ký hiệu, upper case:
TTr, CTr are TTR, CTR): a ký hiệu opening with one of them contradicts every type here."""

COLUMN_SHOWS = ("number", "name", "task", "lead", "support", "deadline", "result", "note",
                "field")
COLUMN_TITLES = {
    "number": "TT", "name": "Tên nhiệm vụ", "task": "Nội dung nhiệm vụ",
    "lead": "Cơ quan chủ trì", "support": "Cơ quan phối hợp",
    "deadline": "Thời gian thực hiện", "result": "Kết quả / sản phẩm", "note": "Ghi chú",
    "field": "",
}
"""Titles of a declared column that gives none."""
COLUMN_ALIGNS = ("left", "center", "right", "justify")
DEFAULT_ALIGN = {"number": "center", "name": "left", "task": "justify", "lead": "center",
                 "support": "center", "deadline": "center", "result": "left", "note": "left",
                 "field": "left"}
GROUP_NUMBERINGS = ("roman", "letter", "none")
NUMBERINGS = ("per-group", "continuous")
ORIENTATIONS = ("landscape", "portrait")
APPENDIX_FORMS = ("table", "list")


def full_symbol(kind: Kind, symbol: str) -> str:
    """The ký hiệu as printed: the type's abbreviation, then the data's ``UBND-VHTT``."""
    if not kind.abbreviation or symbol.split("-")[0] == kind.abbreviation:
        return symbol
    return f"{kind.abbreviation}-{symbol}"


def base_symbol(kind: Kind, symbol: str) -> str:
    """The ký hiệu without the type's abbreviation: issuer (and drafting unit)."""
    head, _, rest = symbol.partition("-")
    return rest if kind.abbreviation and head == kind.abbreviation and rest else symbol


def contradiction(kind: Kind, symbol: str) -> str:
    """The abbreviation of another type that opens ``symbol``, or empty."""
    head = symbol.split("-")[0]
    others = {k.abbreviation for k in KINDS.values() if k.abbreviation} | set(OTHER_ABBREVIATIONS)
    others.discard(kind.abbreviation)
    return head if head in others and "-" in symbol else ""
