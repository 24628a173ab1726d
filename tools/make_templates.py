"""Build the docxtpl templates of the project with python-docx.

    python tools/make_templates.py [OUTDIR]      # default: <repo>/templates

Writes ``cong-van.docx`` (công văn + its classic landscape appendix), ``van-ban.docx``
(every other layout: a document with a type name and its title block, Quyết định parts,
appendices with declared columns or as lists) and ``thu-don-vi.docx`` (per-unit task letter). The layout follows Nghị định 30/2020/NĐ-CP, Phụ lục I
; the tags follow ``docs/templates.md``.
A bootstrap for new templates: the templates in ``templates/`` are the source of
truth and are edited in Word or LibreOffice; nothing requires them to equal this
script's output. The decree's numbers come from ``congvan/nd30/layout.py``.

Every Jinja tag is written as ONE run with one ``w:t``: docxtpl's regexes
(``{%p``, ``{%tr``, ``{% vm %}``) only work when a tag is not split across runs.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml.ns import qn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docx_parts import (APPENDIX_COLS, BODY_STYLE, ISSUER_LINE_IND, LEAD_COLS,  # noqa: E402
                        LINE_STYLE, REPO, SUPPORT_COLS, TABLE_STYLE, TEXT_W, ZIP_TIME, _body,
                        _clear, _control_row, _el, _header_block, _header_row, _new_document, _p,
                        _page, _page_numbers, _recipients, _row_flags, _signature_block, _spans,
                        _table, _task_cell, _tiny_paragraph, size)

APPENDIX_CAPTION = "Phụ lục"
"""tblCaption (Word: Table Properties › Alt Text › Title) of a declared-column appendix
table: the builder sets its column widths, alignment and merges after rendering."""


# --- the two templates ---------------------------------------------------------------
def _appendix(doc) -> None:
    """Landscape section with its own numbering and the 5-column assignment table."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _tiny_paragraph(doc.paragraphs[-1])  # the paragraph carrying section 1's sectPr
    _page(section, landscape=True)
    _page_numbers(section, restart=True)
    centre = {"align": ALIGN.CENTER, "size": 14}
    _p(doc, "{{ appendix.heading }}", bold=True, **centre)
    _p(doc, "{{ appendix.title }}", bold=True, **centre)
    _p(doc, "{{ appendix.reference }}", italic=True, after=12, **centre)

    table = _table(doc, APPENDIX_COLS, 9, borders=True)
    _header_row(table, ("STT", "Chỉ số chính/Chỉ số thành phần",
                        "Đơn vị chủ trì thực hiện", "Đơn vị phối hợp", "Nhiệm vụ"))
    _control_row(table, 1, "{%tr for section in appendix.sections %}")
    section_row = table.rows[2]
    _row_flags(section_row, cant_split=True)
    number_cell, title_cell = section_row.cells[0], section_row.cells[1].merge(section_row.cells[4])
    _p(_clear(number_cell), "{{ section.number }}", bold=True, align=ALIGN.CENTER,
       style=TABLE_STYLE, keep_next=True)
    _p(_clear(title_cell), "{{ section.title }}", bold=True, align=ALIGN.LEFT,
       style=TABLE_STYLE, keep_next=True)
    _control_row(table, 3, "{%tr for block in section.blocks %}")
    _control_row(table, 4, "{%tr for row in block.rows %}")
    cells = table.rows[5].cells
    for cell, tag, align in zip(cells, ("{{ row.number }}", "{{ row.name }}",
                                        "{{ row.lead }}", "{{ row.support }}"),
                                (ALIGN.CENTER, ALIGN.LEFT, ALIGN.CENTER, ALIGN.CENTER)):
        _p(_clear(cell), tag, align=align, style=TABLE_STYLE)
    # The task cell's tcPr holds only tcW: docxtpl appends w:vMerge at the END of
    # tcPr, which is schema-valid only if nothing that must follow it is present.
    _task_cell(cells[4], "{% vm %}{{ block.paragraphs[0] }}",
               ["{%p if loop.first %}", "{%p for para in block.paragraphs[1:] %}",
                "{{ para }}", "{%p endfor %}", "{%p endif %}"])
    for index in (6, 7, 8):
        _control_row(table, index, "{%tr endfor %}")
    _tiny_paragraph(_p(doc))  # a body must not end with a table


def _letter_tasks(doc, rows: str, heading: str, widths, columns) -> None:
    """`{%p if letter.<rows>_rows %}`, the heading, a task table, `{%p endif %}`.
    `columns` pairs each header title with its cell tag (None: the task text, shown once
    for the rows of a block that share it, merged as in the appendix)."""
    _p(doc, "{%p if letter." + rows + "_rows %}", style=BODY_STYLE)
    _p(doc, "{{ letter." + heading + " }}", bold=True, before=6, style=BODY_STYLE,
       keep_next=True)
    table = _table(doc, widths, 6, borders=True)
    _header_row(table, [title for title, _ in columns])
    _control_row(table, 1, "{%tr for block in letter." + rows + "_blocks %}")
    _control_row(table, 2, "{%tr for row in block.rows %}")
    for cell, (_, tag) in zip(table.rows[3].cells, columns):
        if tag is None:
            _task_cell(cell, "{% vm %}{{ block.paragraphs[0] }}",
                       ["{%p if loop.first %}", "{%p for para in block.paragraphs[1:] %}",
                        "{{ para }}", "{%p endfor %}", "{%p endif %}"])
        else:
            align = ALIGN.LEFT if tag == "{{ row.indicator }}" else ALIGN.CENTER
            _p(_clear(cell), tag, align=align, style=TABLE_STYLE)
    _control_row(table, 4, "{%tr endfor %}")
    _control_row(table, 5, "{%tr endfor %}")
    _p(doc, "{%p endif %}", style=BODY_STYLE)


def build_cong_van():
    doc = _new_document()
    _header_block(doc)
    _recipients(doc)
    _body(doc)
    _signature_block(doc)
    _appendix(doc)
    return doc


def build_thu_don_vi():
    doc = _new_document()
    _header_block(doc)
    _recipients(doc)
    _p(doc, "{{ letter.intro }}", style=BODY_STYLE)
    _letter_tasks(doc, "lead", "lead_heading", LEAD_COLS, [
        ("STT", "{{ row.stt }}"), ("{{ letter.titles.name }}", "{{ row.indicator }}"),
        ("{{ letter.titles.task }}", None),
        ("Đơn vị phối hợp", "{{ row.support }}"), ("Thời hạn", "{{ row.deadline }}")])
    _letter_tasks(doc, "support", "support_heading", SUPPORT_COLS, [
        ("STT", "{{ row.stt }}"), ("{{ letter.titles.name }}", "{{ row.indicator }}"),
        ("Đơn vị chủ trì", "{{ row.lead }}"), ("{{ letter.titles.task }}", None),
        ("Thời hạn", "{{ row.deadline }}")])
    _p(doc, "{{ letter.closing }}", before=6, style=BODY_STYLE)
    _signature_block(doc)
    _tiny_paragraph(_p(doc))  # a body must not end with a table
    return doc


# --- the general template: documents with a type name, declared-column appendices ----
def _title_block(doc) -> None:
    """Tên loại and trích yếu, centred and bold, a short rule under them (PL I II.5.b). A
    one-cell borderless table, so that the rule is sized like the header's lines."""
    _p(doc, "{%p if doc.type_name %}")
    cell = _clear(_table(doc, (TEXT_W,), 1, borders=False).rows[0].cells[0])
    centre = {"align": ALIGN.CENTER, "bold": True}
    _p(cell, "{{ doc.type_name }}", size=size("type_name"), before=12, **centre)
    _p(cell, "{{ doc.type_subject }}", size=size("type_subject"), **centre)
    _p(cell, style=LINE_STYLE, left=ISSUER_LINE_IND * 2, right=ISSUER_LINE_IND * 2)
    _p(doc, "{%p endif %}")


def _decision(doc) -> None:
    """Quyết định: thẩm quyền, căn cứ (italic spans), QUYẾT ĐỊNH:, articles (Điều N. bold)."""
    centre = {"align": ALIGN.CENTER, "bold": True, "size": 14}
    _p(doc, "{%p if doc.decides %}")
    _p(doc, "{{ doc.authority }}", before=12, after=6, **centre)
    _body(doc, "doc.bases", "basis")
    _p(doc, "{{ doc.decides }}", before=6, after=6, keep_next=True, **centre)
    _body(doc, "doc.articles", "article")
    _p(doc, "{%p endif %}")


def _declared_table(doc) -> None:
    """Header row and column-number row from loops over the declared columns (both repeat
    on every page), then group rows and data rows; widths, alignment and vertical merges
    are set by the builder (congvan/builder/layout_pass.py)."""
    table = _table(doc, (850, 850, 850), 11, borders=True)
    caption = table._tbl.tblPr.find(qn("w:tblLayout"))
    caption.addnext(_el("w:tblCaption", val=APPENDIX_CAPTION))
    header = table.rows[0]
    _row_flags(header, header=True, cant_split=True)
    for cell, tag in zip(header.cells, ("{%tc for title in app.header %}", "{{ title }}",
                                        "{%tc endfor %}")):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _p(_clear(cell), tag, bold=True, align=ALIGN.CENTER, style=TABLE_STYLE)
    _control_row(table, 1, "{%tr if app.numbers %}")
    _row_flags(table.rows[2], header=True, cant_split=True)
    for cell, tag in zip(table.rows[2].cells, ("{%tc for n in app.numbers %}", "{{ n }}",
                                               "{%tc endfor %}")):
        _p(_clear(cell), tag, italic=True, align=ALIGN.CENTER, style=TABLE_STYLE)
    _control_row(table, 3, "{%tr endif %}")
    _control_row(table, 4, "{%tr for row in app.rows %}")
    _control_row(table, 5, "{%tr if row.group %}")
    group = table.rows[6]
    _row_flags(group, cant_split=True)
    _p(_clear(group.cells[0]), "{{ row.number }}", bold=True, align=ALIGN.CENTER,
       style=TABLE_STYLE, keep_next=True)
    title = group.cells[1].merge(group.cells[2])
    _p(_clear(title), "{% colspan row.span %}{{ row.title }}", bold=True, align=ALIGN.LEFT,
       style=TABLE_STYLE, keep_next=True)
    _control_row(table, 7, "{%tr else %}")
    cells = table.rows[8].cells
    _p(_clear(cells[0]), "{%tc for cell in row.cells %}", style=TABLE_STYLE)
    content = _clear(cells[1])
    _p(content, "{%p for para in cell.paragraphs %}", style=TABLE_STYLE)
    _spans(content, "para", style=TABLE_STYLE)
    _p(content, "{%p endfor %}", style=TABLE_STYLE)
    _p(_clear(cells[2]), "{%tc endfor %}", style=TABLE_STYLE)
    _control_row(table, 9, "{%tr endif %}")
    _control_row(table, 10, "{%tr endfor %}")
    _tiny_paragraph(_p(doc))  # a section must not end with a table


def _appendices(doc) -> None:
    """Each appendix in a section of its own (new page, own numbering; the builder sets
    each section's orientation), as a table or as a numbered list."""
    _p(doc, "{%p for app in appendices %}")
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _tiny_paragraph(doc.paragraphs[-1])  # carries the sectPr ending the section before
    _page(section, landscape=True)
    _page_numbers(section, restart=True)
    centre = {"align": ALIGN.CENTER, "size": 14}
    _p(doc, "{{ app.heading }}", bold=True, **centre)
    _p(doc, "{{ app.title }}", bold=True, **centre)
    _p(doc, "{{ app.reference }}", italic=True, after=12, **centre)
    _p(doc, "{%p if app.table %}")
    _declared_table(doc)
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if app.list %}")
    _body(doc, "app.entries", "entry")
    _p(doc, "{%p endif %}")
    _p(doc, "{%p endfor %}")


def build_van_ban():
    doc = _new_document()
    _header_block(doc)
    _title_block(doc)
    _p(doc, "{%p if doc.recipient_lines or doc.recipient_single %}")
    _recipients(doc)
    _p(doc, "{%p endif %}")
    _body(doc)
    _decision(doc)
    _signature_block(doc)
    _tiny_paragraph(_p(doc))  # a body must not end with a table
    _appendices(doc)
    return doc


# --- deterministic output -------------------------------------------------------------
def _deterministic_bytes(doc) -> bytes:
    """Save, then rewrite the zip with sorted entries and a fixed timestamp."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name))
    return out.getvalue()


TEMPLATES = {"cong-van.docx": build_cong_van, "van-ban.docx": build_van_ban,
             "thu-don-vi.docx": build_thu_don_vi}


def make_all(outdir: Path) -> list[Path]:
    """Write every template into `outdir`; return their paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in TEMPLATES.items():
        path = outdir / name
        path.write_bytes(_deterministic_bytes(build()))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "templates"
    for written_path in make_all(target):
        print(written_path)
