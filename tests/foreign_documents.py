"""Documents with a task table made with python-docx in layouts this project does not
write: other column titles and order, extra columns, a title row above the header, a
two-row header, group rows, cells merged down and across, several paragraphs in a cell,
a table split across pages. The page 1 part is :func:`wrong_documents.document` (right
in every respect); this module adds the appendix.

Rows are lists of cells: a string, a list of strings (paragraphs), :data:`UP` (the cell
continues a vertical merge from the row above), or a :class:`Group` for a whole row.
"""

from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from wrong_documents import _para, document

UP = object()
"""A cell merged with the one above it (vMerge continue)."""


@dataclass
class Group:
    """A group row: ``number`` in the first cell (or none) and ``title`` spanning the rest
    (the whole row when ``number`` is empty)."""

    number: str
    title: str


@dataclass
class Split:
    """Between two rows: the table ends (page break) and continues in a new table,
    with the header repeated when ``header`` is true."""

    header: bool = True


def _fill(cell, value, bold=False):
    paragraphs = value if isinstance(value, list) else [value]
    cell.paragraphs[0].text = ""
    for i, text in enumerate(paragraphs):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = p.add_run(text)
        run.font.size = Pt(12)
        run.bold = bold


def _vmerge(cell, value=None):
    vm = OxmlElement("w:vMerge")
    if value:
        vm.set(qn("w:val"), value)
    cell._tc.get_or_add_tcPr().append(vm)
    return cell._tc.get_or_add_tcPr()


def _header(table, header, repeat):
    """One header row, or two when a title is ``(upper, [lower, …])``."""
    two = any(isinstance(h, tuple) for h in header)
    cols = sum(len(h[1]) if isinstance(h, tuple) else 1 for h in header)
    top = table.add_row().cells
    bottom = table.add_row().cells if two else None
    col = 0
    for h in header:
        if isinstance(h, tuple):
            upper, lower = h
            merged = top[col].merge(top[col + len(lower) - 1])
            _fill(merged, upper, bold=True)
            for i, text in enumerate(lower):
                _fill(bottom[col + i], text, bold=True)
            col += len(lower)
        else:
            _fill(top[col], h, bold=True)
            if two:
                _vmerge(top[col], "restart")
                _vmerge(bottom[col])
            col += 1
    rows = table.rows[-2:] if two else table.rows[-1:]
    if repeat:
        for row in rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return cols


def _new_table(doc, header, title_row, column_numbers, repeat=True):
    table = doc.add_table(rows=0, cols=sum(len(h[1]) if isinstance(h, tuple) else 1
                                           for h in header))
    table.style = "Table Grid"
    if title_row:
        cells = table.add_row().cells
        _fill(cells[0].merge(cells[-1]), title_row, bold=True)
    cols = _header(table, header, repeat)
    if column_numbers:
        for i, cell in enumerate(table.add_row().cells):
            _fill(cell, f"({i + 1})")
    return table, cols


def task_document(path, header, rows, *, kind="Kế hoạch", heading="PHỤ LỤC",
                  title="Danh mục nhiệm vụ chuyển đổi số năm 2023", title_row=None,
                  column_numbers=False, **page):
    """A ``kind`` document whose appendix is a table with ``header`` and ``rows``; ``page``:
    keywords of :func:`wrong_documents.document` for page 1."""
    document(path, kind, **page)
    doc = Document(path)
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    _para(doc, heading, 14, bold=True, align="center")
    if title:
        _para(doc, title, 14, bold=True, align="center")
    _para(doc, f"(Kèm theo {kind} số 05/KH-UBND ngày 05 tháng 9 năm 2023 của Sở Nội vụ)",
          14, italic=True, align="center")
    table, cols = _new_table(doc, header, title_row, column_numbers)
    above: list = [None] * cols
    for row in rows:
        if isinstance(row, Split):
            p = doc.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
            if row.header:
                table, _ = _new_table(doc, header, None, column_numbers)
            else:
                table = doc.add_table(rows=0, cols=cols)
                table.style = "Table Grid"
            above = [None] * cols
            continue
        cells = table.add_row().cells
        if isinstance(row, Group):
            if row.number:
                _fill(cells[0], row.number, bold=True)
                _fill(cells[1].merge(cells[-1]), row.title, bold=True)
            else:
                _fill(cells[0].merge(cells[-1]), row.title, bold=True)
            above = [None] * cols
            continue
        for i, value in enumerate(row):
            if value is UP:
                if above[i].find(qn("w:vMerge")) is None:
                    vm = OxmlElement("w:vMerge")
                    vm.set(qn("w:val"), "restart")
                    above[i].append(vm)
                _vmerge(cells[i])
            else:
                _fill(cells[i], value)
                above[i] = cells[i]._tc.get_or_add_tcPr()
    doc.save(path)
    return path


def table_in_text(path, header, rows, kind="Kế hoạch"):
    """A ``kind`` document with its task table typed inside the text, above the signature,
    and no PHỤ LỤC heading."""
    document(path, kind)
    doc = Document(path)
    table = doc.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    for values in [header, *rows]:
        for cell, value in zip(table.add_row().cells, values):
            _fill(cell, value)
    doc.tables[1]._tbl.addprevious(table._tbl)  # before the signature table
    doc.save(path)
    return path


def word_numbered(path, header, rows, points):
    """A Kế hoạch whose points and STT cells are numbered by Word (list styles, no number
    typed): ``points`` are (style, text) pairs placed before the signature; the STT column
    of ``rows`` (first cell) is left empty and numbered with ``List Number``."""
    task_document(path, header, [["", *r] for r in rows])
    doc = Document(path)
    signature = doc.tables[1]._tbl
    for style, text in points:
        signature.addprevious(doc.add_paragraph(text, style=style)._p)
    table = doc.tables[-1]
    for row in table.rows[1:]:
        row.cells[0].paragraphs[0].style = doc.styles["List Number"]
    doc.save(path)
    return path
