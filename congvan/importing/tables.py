"""An appendix's tables read as one list of rows under one header: the header row
found by its titles (rows above it, such as a title typed into the table, are left out),
a column-number row, header rows repeated on a later page, and a table that continues
in a second table after a page break (with or without its header again).

Each row is a :class:`Line`: its cells by the header's columns, each cell's paragraphs,
and whether the cell continues a vertical merge (vMerge) from the row above.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from congvan.importing.columns import TableColumn, header_columns, is_column_numbers
from congvan.importing.notes import Notes
from congvan.nd30.document import Cell, Table


@dataclass
class Slot:
    paragraphs: list = field(default_factory=list)
    """Paragraphs with text (nd30 Paragraph)."""
    continued: bool = False
    """The cell continues a vertical merge from the row above."""
    span: int = 1
    """How many of the header's columns the cell covers."""
    numbered: bool = False
    """Word draws a number in the cell (automatic numbering: an STT cell with no text)."""

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.paragraphs if p.text]

    @property
    def text(self) -> str:
        return " ".join(self.texts)


@dataclass
class Line:
    where: str
    """``bảng 2, dòng 5``: the row as a person finds it in the document (1-based)."""
    slots: list[Slot]
    """One per header column."""
    first_of_table: bool = False
    """The first data row of a table that continues the one before."""
    cells: int = 0
    """Distinct cells of the row that hold text."""


@dataclass
class ReadTable:
    columns: list[TableColumn]
    lines: list[Line]
    column_numbers: bool
    caption: str
    """Text of a title row typed into the table above its header, if any."""


def _texts_by_grid(row) -> dict[int, str]:
    return {c.grid_col: " ".join(p.text for p in c.paragraphs if p.text) for c in row.cells}


def _find_header(table: Table):
    """(first and last row of the header, grid column → title) of ``table``, or None."""
    for r, row in enumerate(table.rows[:8]):
        titles = _texts_by_grid(row)
        if header_columns(titles, table.grid) is None:
            continue
        last = r
        if r + 1 < len(table.rows):
            below = table.rows[r + 1]
            spans = [c for c in row.cells if c.span > 1]
            lower = _texts_by_grid(below)
            if spans and not is_column_numbers(list(lower.values())):
                # A two-row header: the titles under a spanning title name its columns.
                merged = {}
                for cell in row.cells:
                    covered = [g for g in lower if cell.grid_col <= g < cell.grid_col + cell.span]
                    if cell.span > 1 and any(lower[g] for g in covered):
                        merged.update({g: lower[g] for g in covered})
                    else:
                        merged[cell.grid_col] = titles[cell.grid_col]
                if header_columns(merged, table.grid) is not None:
                    titles, last = merged, r + 1
        return r, last, titles
    return None


def _slot_of(row, column: TableColumn, columns: list[TableColumn]) -> Slot:
    for cell in row.cells:
        if cell.grid_col <= column.grid < cell.grid_col + cell.span:
            if cell.grid_col != column.grid and _starts_before(cell, column, columns):
                return Slot(continued=False, span=0)  # covered by a cell spanning from the left
            covered = sum(1 for c in columns if cell.grid_col <= c.grid < cell.grid_col + cell.span)
            return Slot([p for p in cell.paragraphs if p.text], cell.vmerge == "continue",
                        max(1, covered), any(p.list_style for p in cell.paragraphs))
    return Slot()


def _starts_before(cell: Cell, column: TableColumn, columns) -> bool:
    return any(cell.grid_col <= c.grid < column.grid for c in columns)


def _row_texts(row) -> list[str]:
    return [" ".join(p.text for p in c.paragraphs if p.text) for c in row.cells]


def read_tables(tables: list[Table], where: str, notes: Notes) -> ReadTable | None:
    """The rows of ``tables`` (one appendix) under the first header found, or None when no
    table has a header row that reads as a task table's."""
    columns = None
    caption = ""
    lines: list[Line] = []
    column_numbers = False
    header_texts: list[list[str]] = []
    for t_index, table in enumerate(tables):
        found = _find_header(table)
        start = 0
        if found is not None:
            top, last, titles = found
            here = header_columns(titles, table.grid)
            if columns is None:
                columns = here
                for row in table.rows[:top]:  # a title typed into the table above its header
                    texts = [t for t in _row_texts(row) if t]
                    if len(texts) == 1:
                        caption = caption or texts[0]
                header_texts = [_row_texts(r) for r in table.rows[:last + 1]]
            elif [c.show for c in here] != [c.show for c in columns]:
                notes.add(f"{where}, bảng {t_index + 1}",
                          "bảng tiếp theo có các cột khác bảng đầu; đọc theo vị trí cột của bảng đầu.")
            start = last + 1
        elif columns is None:
            continue
        elif len(table.grid) != len(tables[0].grid):
            notes.add(f"{where}, bảng {t_index + 1}",
                      f"bảng có {len(table.grid)} cột, khác bảng đầu; đọc theo vị trí cột.")
        first = True
        for r in range(start, len(table.rows)):
            row = table.rows[r]
            texts = _row_texts(row)
            if not any(texts) and not any(p.list_style for c in row.cells for p in c.paragraphs):
                continue
            if is_column_numbers(texts):
                column_numbers = True
                continue
            if texts in header_texts:
                continue  # the header typed again at the top of a page
            slots = [_slot_of(row, c, columns) for c in columns]
            lines.append(Line(f"{where}, bảng {t_index + 1}, dòng {r + 1}", slots,
                              first and t_index > 0 and found is None,
                              sum(1 for t in texts if t)))
            first = False
    if columns is None:
        return None
    return ReadTable(columns, lines, column_numbers, caption)
