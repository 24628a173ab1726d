"""Finding the elements of an administrative document in any .docx, by their text.

The check cannot rely on styles or template names: a file typed in Word by anyone
has none of ours. Each element is recognised the way a reader recognises it: the
quốc hiệu by its words, the Số line by ``Số:``, the place and date by ``ngày … tháng
… năm``, the Nơi nhận by its label, the appendix by its ``PHỤ LỤC`` (or ``DANH MỤC``) heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from congvan.nd30.layout import DOCUMENT_TYPES
from congvan.nd30.document import Document, Paragraph, Table, normalise
from congvan.vn.text import fold

__all__ = ["Anatomy", "Appendix", "dissect"]

_NATIONAL = "cong hoa xa hoi chu nghia viet nam"
_MOTTO = "doc lap tu do hanh phuc"
_TYPE_BY_FOLD = {fold(name): name for name in DOCUMENT_TYPES}
_NUMBER = re.compile(r"^Số\s*:", re.IGNORECASE)
_PLACE_DATE = re.compile(r",\s*ngày\b.*\btháng\b.*\bnăm\s+\d{4}", re.IGNORECASE)
_APPENDIX = re.compile(r"^(phu luc|danh muc)( [ivxlcdm0-9]+)?$")
_PARENT_START = re.compile(r"^(ubnd|hdnd|bo|so|tong cuc|cuc|uy ban nhan dan \S)")


@dataclass
class Appendix:
    heading: Paragraph
    title: Paragraph | None
    reference: Paragraph | None
    table: Table | None
    starts_section: bool


@dataclass
class Anatomy:
    doc: Document
    main: list[Paragraph]
    """Paragraphs before the first appendix."""
    national: Paragraph | None = None
    motto: Paragraph | None = None
    motto_rule: Paragraph | None = None
    parent: list[Paragraph] = field(default_factory=list)
    issuer: list[Paragraph] = field(default_factory=list)
    issuer_rule: Paragraph | None = None
    number: Paragraph | None = None
    place_date: Paragraph | None = None
    subject: Paragraph | None = None
    """The công văn's ``V/v`` line."""
    type_name: Paragraph | None = None
    type_subject: Paragraph | None = None
    type_rule: Paragraph | None = None
    recipients_label: Paragraph | None = None
    recipients: list[Paragraph] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    distribution_label: Paragraph | None = None
    distribution: list[Paragraph] = field(default_factory=list)
    authority: list[Paragraph] = field(default_factory=list)
    signer: Paragraph | None = None
    appendices: list[Appendix] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """``Công văn`` or the type name (``Kế hoạch``…), from the file's own text."""
        if self.type_name is not None:
            return _TYPE_BY_FOLD[fold(self.type_name.text)]
        symbol = self.symbol_type()
        if symbol and self.subject is None:
            return symbol
        return "Công văn"

    def cell_width(self, p: Paragraph) -> int | None:
        """Width (twips) of the table cell holding ``p``, when the file says."""
        if p.cell is None:
            return None
        cell = next((c for c in _row_cells(self.doc, p.cell) if c.grid_col == p.cell[2]), None)
        if cell is None:
            return None
        if cell.width:
            return cell.width
        grid = self.doc.tables[p.cell[0]].grid
        return sum(grid[cell.grid_col:cell.grid_col + cell.span]) or None

    def symbol_groups(self) -> list[str]:
        if self.number is None or "/" not in self.number.text:
            return []
        return [g.strip() for g in self.number.text.split("/", 1)[1].split("-")]

    def symbol_type(self) -> str | None:
        """The type whose abbreviation starts the ký hiệu, if any."""
        groups = self.symbol_groups()
        if not groups:
            return None
        return next((n for n, abbr in DOCUMENT_TYPES.items() if abbr == groups[0]), None)


def _is_rule(p: Paragraph) -> bool:
    """An empty paragraph drawing a line (a border or a line shape)."""
    return not p.text and (p.border_top or p.border_bottom or p.has_drawing)


def _cell_paragraphs(doc: Document, cell: tuple[int, int, int]) -> list[Paragraph]:
    table, row, col = cell
    for c in doc.tables[table].rows[row].cells:
        if c.grid_col == col:
            return c.paragraphs
    return []


def _stands_alone(doc: Document, p: Paragraph) -> bool:
    """Outside any table, or in a row of one cell (a title block boxed in a borderless
    one-cell table, as our own van-ban.docx does to size the rule under it; LibreOffice
    saves that table as one more row of the header table above it)."""
    return p.cell is None or len(doc.tables[p.cell[0]].rows[p.cell[1]].cells) == 1


def _row_cells(doc: Document, cell: tuple[int, int, int]):
    table, row, _ = cell
    return doc.tables[table].rows[row].cells


def _first(paras, test, after: Paragraph | None = None) -> Paragraph | None:
    start = after.index if after is not None else -1
    return next((p for p in paras if p.index > start and test(p)), None)


def _line_below(paras: list[Paragraph], last: Paragraph) -> Paragraph | None:
    """The rule under ``last``: its own bottom border or line shape, or the next empty
    paragraph that draws one (before any other text)."""
    if last.border_bottom or last.has_drawing:
        return last
    for p in paras:
        if p.index <= last.index:
            continue
        if _is_rule(p):
            return p
        if p.text:
            return None
    return None


def dissect(doc: Document) -> Anatomy:
    paras = doc.paragraphs
    label = _first(paras, lambda p: len(p.text) <= 12 and fold(p.text).startswith("noi nhan"))
    # A heading folds to at least "phu luc": six letters and a space, each from a character
    # of its own, so shorter texts (the numbers of a long table) need no folding.
    heads = [p for p in paras if 7 <= len(p.text) <= 16 and _APPENDIX.match(fold(p.text))
             and (label is None or p.index > label.index)]
    main = [p for p in paras if not heads or p.index < heads[0].index]
    a = Anatomy(doc, main)
    a.national = _first(main, lambda p: len(p.text) < 50 and fold(p.text) == _NATIONAL)
    a.motto = _first(main, lambda p: len(p.text) < 40 and fold(p.text) == _MOTTO)
    if a.national is None:
        # Both lines in one paragraph, separated by a line break (Shift+Enter in Word).
        both = _first(main, lambda p: len(p.text) < 90 and fold(p.text) == f"{_NATIONAL} {_MOTTO}")
        if both is not None:
            a.national, motto = _split(both)
            a.motto = a.motto or motto
    _header_columns(a)
    a.number = _first(main, lambda p: bool(_NUMBER.match(p.text)))
    a.place_date = _first(main, lambda p: bool(_PLACE_DATE.search(p.text)))
    a.subject = _first(main, lambda p: p.text[:3].lower() == "v/v")
    top = max((p.index for p in (a.number, a.place_date, a.motto) if p is not None), default=-1)
    a.type_name = _first(main, lambda p: p.index > top and _stands_alone(doc, p)
                         and len(p.text) < 20 and p.text.rstrip(":") == p.text
                         and fold(p.text) in _TYPE_BY_FOLD)
    if a.type_name is not None:
        a.type_subject = _first(main, lambda p: bool(p.text), after=a.type_name)
        if a.type_subject is not None:
            a.type_rule = _line_below(main, a.type_subject)
    a.recipients_label = _first(main, lambda p: fold(p.text[:10]).startswith("kinh gui"))
    if a.recipients_label is not None:
        for p in main:
            if p.index <= a.recipients_label.index or not p.text:
                continue
            if not p.text.startswith(("-", "–", "+")):
                break
            a.recipients.append(p)
    _signature(a, label)
    _body(a)
    a.appendices = [_appendix(doc, h, label) for h in heads]
    return a


def _split(p: Paragraph) -> tuple[Paragraph, Paragraph]:
    """The quốc hiệu and the tiêu ngữ of one paragraph, each with its own runs."""
    first, rest = [], list(p.runs)
    while rest and fold("".join(r.text for r in first)) != _NATIONAL:
        first.append(rest.pop(0))
    return (replace(p, text=normalise("".join(r.text for r in first)), runs=first),
            replace(p, text=normalise("".join(r.text for r in rest)), runs=rest))


def _header_columns(a: Anatomy) -> None:
    doc = a.doc
    if a.motto is not None:
        a.motto_rule = _line_below(a.main, a.motto)
    left: list[Paragraph] = []
    if a.national is not None and a.national.cell is not None:
        cells = [c for c in _row_cells(doc, a.national.cell) if c.grid_col < a.national.cell[2]]
        if cells:
            left = cells[0].paragraphs
    elif a.national is not None:
        left = [p for p in a.main if p.index < a.national.index and p.cell is None]
    lines: list[Paragraph] = []
    for p in left:
        if _NUMBER.match(p.text) or _is_rule(p) or (lines and not p.text):
            break
        if p.text:
            lines.append(p)
    if not lines:
        return
    a.issuer_rule = _line_below(left, lines[-1])
    # A parent body is the upper line that is not bold, or that names a body by itself
    # ("UBND TỈNH BẮC KẠN") above the issuing body; "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ BẮC
    # KẠN" is one issuing body written on two lines.
    split = 0
    while split < len(lines) - 1 and not lines[split].any_bold():
        split += 1
    if split == 0 and len(lines) >= 2 and _PARENT_START.match(fold(lines[0].text)):
        split = 1
    a.parent, a.issuer = lines[:split], lines[split:]


def _signature(a: Anatomy, label: Paragraph | None) -> None:
    a.distribution_label = label
    if label is None:
        return
    if label.cell is not None:
        a.distribution = [p for p in _cell_paragraphs(a.doc, label.cell)
                          if p.index > label.index and p.text]
        others = [c for c in _row_cells(a.doc, label.cell) if c.grid_col != label.cell[2]]
        texts = [p for c in others for p in c.paragraphs if p.text]
    else:
        a.distribution = []
        for p in a.main:
            if p.index > label.index and p.text:
                if not p.text.startswith(("-", "–")):
                    break
                a.distribution.append(p)
        texts = [p for p in a.main if p.cell is None and p.index < label.index and p.text][-4:]
        texts = [p for p in texts if p.text == p.text.upper()]
    if not texts:
        return
    if texts[-1].text != texts[-1].text.upper() or len(texts) > 1:
        a.signer = texts[-1]
        a.authority = [p for p in texts[:-1] if p.text == p.text.upper()]
    else:
        a.authority = texts


def _body(a: Anatomy) -> None:
    skip = {p.index for p in (a.type_name, a.type_subject, a.recipients_label, a.subject)
            if p is not None} | {p.index for p in a.recipients}
    start = max([p.index for p in (a.place_date, a.number, a.type_subject, a.subject,
                                  a.recipients_label, *a.recipients) if p is not None], default=-1)
    end = a.distribution_label.index if a.distribution_label is not None else len(a.doc.paragraphs)
    if a.authority and a.distribution_label is None:
        end = a.authority[0].index
    a.body = [p for p in a.main if start < p.index < end and p.cell is None and p.text
              and p.index not in skip]


def _appendix(doc: Document, head: Paragraph, label: Paragraph | None) -> Appendix:
    after = [p for p in doc.paragraphs if p.index > head.index and p.text]
    title = after[0] if after and not after[0].text.startswith("(") else None
    rest = after[1:] if title is not None else after
    reference = rest[0] if rest and rest[0].text.startswith("(") else None
    first_text = next((p for p in doc.paragraphs if p.section == head.section and p.text), None)
    table = next((t for t in doc.tables if not t.nested and t.rows
                  and any(c.paragraphs and c.paragraphs[0].index > head.index
                          for c in t.rows[0].cells)), None)
    return Appendix(head, title, reference, table,
                    starts_section=head.section > 0 and first_text is head)
