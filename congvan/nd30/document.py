"""What the conformance check reads from a .docx: paragraphs with their effective
formatting, tables with their grid and merges, sections, page headers."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Cell", "Document", "HeaderPart", "Paragraph", "Row", "Run", "Section", "Table",
           "normalise"]


@dataclass(frozen=True)
class Run:
    """A run with text, and the formatting it shows after every style is applied."""

    text: str
    size: float | None
    bold: bool
    italic: bool
    font: str | None
    color: str | None


@dataclass(slots=True)
class Paragraph:
    index: int
    text: str
    """NFC, white space collapsed, stripped."""
    runs: list[Run]
    jc: str | None
    first_line: int
    """First-line indent in twips (negative for a hanging indent)."""
    ind_left: int
    ind_right: int
    space_before: int
    space_after: int
    line: int
    """Line spacing: 240ths of a line when ``line_rule`` is ``auto``, else twips."""
    line_rule: str
    border_top: bool
    border_bottom: bool
    has_drawing: bool
    section: int
    cell: tuple[int, int, int] | None = None
    """(table index, row, grid column) when the paragraph sits in a table cell."""
    list_style: str | None = None
    """The number Word draws before the text (automatic numbering, not typed): ``roman``,
    ``arabic``, ``letter`` or ``dash`` (a bullet); None when there is none."""

    def text_runs(self) -> list[Run]:
        return [r for r in self.runs if r.text.strip()]

    def sizes(self) -> set[float | None]:
        return {r.size for r in self.text_runs()}

    def any_bold(self) -> bool:
        return any(r.bold for r in self.text_runs())

    def all_bold(self) -> bool:
        runs = self.text_runs()
        return bool(runs) and all(r.bold for r in runs)

    def any_italic(self) -> bool:
        return any(r.italic for r in self.text_runs())

    def all_italic(self) -> bool:
        runs = self.text_runs()
        return bool(runs) and all(r.italic for r in runs)

    def faces(self) -> set[tuple[str | None, str | None]]:
        """(font, colour) of the runs that show text."""
        return {(r.font, r.color) for r in self.text_runs()}


@dataclass(slots=True)
class Cell:
    grid_col: int
    span: int
    vmerge: str | None
    """``restart``, ``continue`` or None."""
    width: int | None
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    header: bool
    grid_before: int
    grid_after: int


@dataclass
class Table:
    index: int
    grid: list[int]
    rows: list[Row]
    section: int
    nested: bool
    cell_margin: int
    """Left and right padding of its cells (twips; Word's default is 108)."""


@dataclass
class Section:
    index: int
    width: int
    height: int
    margins: dict[str, int]
    title_page: bool
    page_start: int | None
    headers: dict[str, str]
    """Header type (default, first, even) -> part name, after inheritance from earlier sections."""
    footers: dict[str, str]

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass
class HeaderPart:
    paragraphs: list[Paragraph]
    page_field: Paragraph | None
    """The paragraph holding a PAGE field, if any."""


@dataclass
class Document:
    path: Path
    paragraphs: list[Paragraph]
    tables: list[Table]
    sections: list[Section]
    parts: dict[str, HeaderPart]
    """Header and footer parts by name."""

    def section_paragraphs(self, index: int) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.section == index]


def normalise(text: str) -> str:
    """NFC, every run of white space one space, stripped. (``str.split`` splits at what
    ``\\s`` matches in a str pattern, and is several times faster than ``re.sub``.)"""
    return " ".join(unicodedata.normalize("NFC", text).split())
