"""The domain: a document (công văn, kế hoạch, quyết định…), its units and its appendices
of tasks, as frozen values.

Built from data already cleaned by :mod:`congvan.data.format`. Everything the data
does not type is derived here once: the ký hiệu with the type's abbreviation, group
numerals (I, II… or A, B…), row numbers (1, 2, 3.1…, per group or continuous), shared
tasks, deadlines (see :mod:`congvan.data.numbering`).
"""

from __future__ import annotations

from dataclasses import dataclass

from congvan.data.kinds import KINDS, Kind, base_symbol
from congvan.vn.deadlines import Deadline


@dataclass(frozen=True)
class Unit:
    """An office, a phường/xã, or a group of units."""

    id: str
    """Stable id used by every reference in the data."""
    name: str
    """Full name, as printed after Kính gửi."""
    short: str
    """Short name printed in the appendix (``Phòng VH&TT``)."""
    kind: str
    """office, commune, group or organization."""
    members: tuple[str, ...] = ()
    """Member ids of a group; empty for a group whose members are not listed."""
    path: str = ""
    """Field path of the unit in the data, for messages."""

    @property
    def is_group(self) -> bool:
        return self.kind == "group"


@dataclass(frozen=True)
class DocDate:
    """The signing date; month and day may still be blank before signing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Issuer:
    parent: str
    """Parent body line (upper case), or empty."""
    lines: tuple[str, ...]
    """Name of the issuing body, one entry per printed line."""
    short_name: str
    """Name used inside sentences (``UBND thành phố Bắc Kạn``)."""


@dataclass(frozen=True)
class Signer:
    authority: str
    """``TM. ỦY BAN NHÂN DÂN``, ``KT. CHỦ TỊCH``… or empty (the lines before the last)."""
    title: str
    name: str
    lines: tuple[str, ...] = ()
    """Every line above the signature: authority lines, then the title (one to three)."""


@dataclass(frozen=True)
class BodyItem:
    """A body paragraph, or a numbered point with its paragraphs."""

    point: str | None
    """Title of a numbered point (number derived), or None for a plain paragraph."""
    paragraphs: tuple[str, ...]
    children: tuple["BodyItem", ...] = ()
    """Sub-points and paragraphs under this point, numbered one level down."""


@dataclass(frozen=True)
class DistributionGroup:
    label: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    """The document itself (everything outside the appendices)."""

    issuer: Issuer
    number: int | None
    symbol: str
    """Ký hiệu as printed: ``UBND-VHTT``, ``KH-UBND`` (the type's abbreviation first)."""
    place: str
    date: DocDate
    subject: str
    recipients: tuple[str, ...]
    """Unit ids of Kính gửi."""
    body: tuple[BodyItem, ...]
    signer: Signer
    distribution: tuple[DistributionGroup, ...]
    archive: tuple[str, ...]
    """Entries of the ``Lưu:`` line."""
    kind: Kind = KINDS["cong-van"]
    authority: str = ""
    """Quyết định: the thẩm quyền line."""
    bases: tuple[str, ...] = ()
    """Quyết định: căn cứ lines."""
    proposal: str = ""
    articles: tuple[tuple[str, ...], ...] = ()
    """Quyết định: each article's paragraphs (``Điều N.`` is derived)."""

    @property
    def base_symbol(self) -> str:
        """The ký hiệu without the type's abbreviation: ``UBND-VHTT``, ``UBND``."""
        return base_symbol(self.kind, self.symbol)


@dataclass(frozen=True)
class Indicator:
    """A row of the appendix: an indicator or sub-indicator and the task assigned for it."""

    number: str
    """Printed STT: ``1``, ``3.1``."""
    ref: str
    """Reference across the whole appendix: ``I.1``, ``VII.3.1``."""
    name: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    lead_text: str
    """Printed lead cell (derived from short names unless the data gives it)."""
    support_text: str
    task: tuple[str, ...]
    """Task paragraphs (a shared task repeats the first indicator's); may be empty."""
    shares_task: bool
    """True when this row continues the previous row's task (one merged cell)."""
    deadline: Deadline
    children: tuple["Indicator", ...]
    path: str
    """Field path in the data, for messages."""
    deadline_text: str = ""
    """The deadline as a deadline column prints it: as the data wrote it."""
    deadline_given: bool = False
    """True when the row's ``deadline`` field gives it (else it was read from the task)."""
    result: str = ""
    note: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    """Free per-row fields (``show: field`` columns), key → text."""

    def field(self, key: str) -> str:
        return dict(self.fields).get(key, "")

    @property
    def has_task(self) -> bool:
        return bool(self.task) or bool(self.lead) or bool(self.support)


@dataclass(frozen=True)
class Section:
    number: str
    """Group numeral (``I``, ``A``) or empty when groups are not numbered."""
    title: str
    """Empty for the one implicit group of a flat appendix (no group row is printed)."""
    indicators: tuple[Indicator, ...]
    path: str


@dataclass(frozen=True)
class Column:
    """A declared column of an appendix table."""

    show: str
    """number, name, task, lead, support, deadline, result, note or field."""
    title: str
    width: float
    """Relative width."""
    align: str
    merge: bool
    """Shared-task rows show this column's cell once, merged vertically."""
    key: str = ""
    """For ``show: field``: the key in each row's ``fields``."""


@dataclass(frozen=True)
class Appendix:
    heading: str
    title: str
    sections: tuple[Section, ...]
    columns: tuple[Column, ...] = ()
    """Declared columns; empty for the classic five of a công văn's appendix."""
    column_numbers: bool = False
    flat: bool = False
    """True for ``rows:`` (no group rows)."""
    orientation: str = "landscape"
    form: str = "table"

    @property
    def classic(self) -> bool:
        """The công văn appendix of earlier data files: five fixed columns, groups I, II…"""
        return not self.columns and not self.flat and self.form == "table" \
            and self.orientation == "landscape" and not self.column_numbers

    def rows(self):
        """Every indicator, sub-indicators after their parent, in printed order."""
        for section in self.sections:
            yield from flatten(section.indicators)


def flatten(indicators):
    """Indicators with their sub-indicators after each, in printed order."""
    for ind in indicators:
        yield ind
        yield from flatten(ind.children)


@dataclass(frozen=True)
class LetterOptions:
    subject: str
    """Trích yếu of the unit letters; empty means derived from the document."""
    closing: str
    symbol: str = ""
    """Ký hiệu of the letters (each a công văn)."""


@dataclass(frozen=True)
class Data:
    """One data file, loaded and checked."""

    document: Document
    units: dict[str, Unit]
    """Registry, in data order."""
    appendices: tuple[Appendix, ...]
    letters: LetterOptions
    file: str = ""
    warnings: tuple = ()
    """Problems of severity warning found while loading."""

    @property
    def appendix(self) -> Appendix:
        """The first appendix (an empty one when the document has none)."""
        return self.appendices[0] if self.appendices else Appendix("", "", ())

    def rows(self):
        """Every row of every appendix, in printed order."""
        for appendix in self.appendices:
            yield from appendix.rows()

    @property
    def drafting_unit(self) -> str:
        """Abbreviation of the drafting unit: the part of the ký hiệu after the issuer's."""
        return drafting_unit(self.document.base_symbol)


def drafting_unit(symbol: str) -> str:
    """``VHTT`` of ``UBND-VHTT``: the ký hiệu's part after the issuer's abbreviation
    (empty for ``UBND`` alone)."""
    return symbol.split("-", 1)[1] if "-" in symbol else ""
