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

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from congvan.nd30 import layout  # noqa: E402  (the decree's numbers, one place)

REPO = Path(__file__).resolve().parents[1]
FIXED_TIME = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# --- geometry, all in twips: the decree's numbers come from the package ---------------
A4_SHORT, A4_LONG = layout.A4_SHORT, layout.A4_LONG
MARGIN = layout.MARGINS
TEXT_W, LANDSCAPE_TEXT_W = layout.TEXT_WIDTH, layout.LANDSCAPE_TEXT_WIDTH
FONT = layout.FONT
CELL_MAR = 57  # 1 mm left/right padding in every table
HEADER_COLS = layout.HEADER_COLUMNS
SIGN_COLS = layout.SIGNATURE_COLUMNS
APPENDIX_COLS = (850, 3402, 1984, 2268, 5216)  # 15/60/35/40/92 mm = 242 mm
# The letter's STT column fits "VIII.10.10" (52.7 pt at 12 pt bold) and its cell margins on
# one line: a task cited by the document's own numbers never wraps (VII.3.1 did at 14 mm).
LEAD_COLS = (1191, 1701, 3345, 1417, 1134)  # STT, Chỉ số, Nhiệm vụ, Phối hợp, Thời hạn
SUPPORT_COLS = (1191, 1701, 1417, 3345, 1134)  # STT, Chỉ số, Chủ trì, Nhiệm vụ, Thời hạn
APPENDIX_CAPTION = "Phụ lục"
"""tblCaption (Word: Table Properties › Alt Text › Title) of a declared-column appendix
table: the builder sets its column widths, alignment and merges after rendering."""
assert sum(LEAD_COLS) == sum(SUPPORT_COLS) == TEXT_W
assert sum(APPENDIX_COLS) == LANDSCAPE_TEXT_W


def size(element: str) -> float:
    """The chosen size of one element of the decree (congvan/nd30/layout.py)."""
    return layout.ELEMENTS[element].size.chosen


# Kính gửi: the label starts 3.5 cm in; the recipient dashes start under the colon,
# i.e. after the printed width of "Kính gửi" (17.6 mm at 14 pt Times New Roman).
KG_LEFT = 1984
KG_WORDS = 1000  # width of "Kính gửi"
KG_LABEL = 1147  # width of "Kính gửi: " (hanging indent for one wrapped recipient)

# Initial CVKe indents (the renderer recomputes them): 40 % of "THÀNH PHỐ BẮC KẠN"
# (50 mm at 13 pt bold) centred in the left column, 100 % of the tiêu ngữ (56 mm).
ISSUER_LINE_IND = 1161
MOTTO_LINE_IND = 959

BODY_STYLE, TABLE_STYLE, LINE_STYLE = "CV Nội dung", "CV Bảng", "CV Đường kẻ"

_RPR_FONT = (f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" '
             f'w:eastAsia="{FONT}"/>')
# CVKe: the solid line of the header block is the TOP border of an empty 2 pt
# paragraph placed right after the text it underlines. 3 pt before keeps the line off
# the descenders and dots below (ạ, ậ) of that text; its w:ind sets its length.
STYLES_XML = f"""
<w:style {nsdecls('w')} w:type="paragraph" w:customStyle="1" w:styleId="CVKe">
  <w:name w:val="{LINE_STYLE}"/><w:basedOn w:val="Normal"/><w:qFormat/>
  <w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>
    <w:spacing w:before="60" w:after="0" w:line="240" w:lineRule="auto"/>
    <w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>
  <w:rPr>{_RPR_FONT}<w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>
</w:style>
<w:style {nsdecls('w')} w:type="paragraph" w:customStyle="1" w:styleId="CVNoiDung">
  <w:name w:val="{BODY_STYLE}"/><w:basedOn w:val="Normal"/><w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="120" w:line="276" w:lineRule="auto"/>
    <w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr>
  <w:rPr>{_RPR_FONT}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>
</w:style>
<w:style {nsdecls('w')} w:type="paragraph" w:customStyle="1" w:styleId="CVBang">
  <w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="Normal"/><w:qFormat/>
  <w:pPr><w:spacing w:before="60" w:after="60" w:line="240" w:lineRule="auto"/>
    <w:ind w:left="0" w:right="0" w:firstLine="0"/></w:pPr>
  <w:rPr>{_RPR_FONT}<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
</w:style>"""


# --- low-level helpers -------------------------------------------------------------
def _el(tag: str, **attrs: str):
    """A w: element with w: attributes (python-docx has no API for these bits)."""
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _p(box, text: str = "", *, size: float | None = None, bold=False, italic=False,
       align=None, style: str | None = None, before: float | None = None,
       after: float | None = None, left: int | None = None, right: int | None = None,
       hanging: int | None = None, keep_next=False):
    """Append a paragraph holding `text` as ONE run (so a Jinja tag never splits)."""
    p = box.add_paragraph(style=style)
    pf = p.paragraph_format
    if align is not None:
        p.alignment = align
    for name, points in (("space_before", before), ("space_after", after)):
        if points is not None:
            setattr(pf, name, Pt(points))
    for name, twips in (("left_indent", left), ("right_indent", right),
                        ("first_line_indent", hanging and -hanging)):
        if twips is not None:
            setattr(pf, name, Twips(twips))
    if keep_next:
        pf.keep_with_next = True
    if text:
        run = p.add_run(text)
        if size is not None:
            run.font.size = Pt(size)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
    return p


def _clear(cell):
    """Drop the cell's initial empty paragraph; callers then add at least one."""
    for p in cell.paragraphs:
        cell._tc.remove(p._p)
    return cell


def _table(doc, widths, nrows: int, *, borders: bool, top: int = 0):
    """A fixed-layout table of exact column widths, borderless or single-ruled;
    `top` is a cell top margin in twips."""
    table = doc.add_table(rows=nrows, cols=len(widths))
    tblPr = table._tbl.tblPr
    for child in list(tblPr):
        tblPr.remove(child)
    tblPr.append(_el("w:tblW", w=sum(widths), type="dxa"))
    rules = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        attrs = {"val": "single", "sz": 4, "space": 0, "color": "000000"} if borders \
            else {"val": "nil"}
        rules.append(_el(f"w:{side}", **attrs))
    tblPr.append(rules)
    tblPr.append(_el("w:tblLayout", type="fixed"))
    margins = _el("w:tblCellMar")
    for side, width in (("top", top), ("left", CELL_MAR), ("bottom", 0), ("right", CELL_MAR)):
        margins.append(_el(f"w:{side}", w=width, type="dxa"))
    tblPr.append(margins)
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        col.set(qn("w:w"), str(width))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Twips(width)
    return table


def _row_flags(row, *, header=False, cant_split=False):
    trPr = row._tr.get_or_add_trPr()
    if cant_split:
        trPr.append(_el("w:cantSplit"))
    if header:
        trPr.append(_el("w:tblHeader"))


def _control_row(table, index: int, tag: str):
    """A docxtpl `{%tr %}` row: the first cell holds only the tag."""
    _p(_clear(table.rows[index].cells[0]), tag, style=TABLE_STYLE)


def _header_row(table, titles):
    row = table.rows[0]
    _row_flags(row, header=True, cant_split=True)  # repeats on every page
    for cell, title in zip(row.cells, titles):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _p(_clear(cell), title, bold=True, align=ALIGN.CENTER, style=TABLE_STYLE)


def _task_cell(cell, first: str, rest: list[str]):
    """Task text: first paragraph (may carry `{% vm %}`), then control paragraphs."""
    _p(_clear(cell), first, align=ALIGN.JUSTIFY, style=TABLE_STYLE)
    for tag in rest:
        _p(cell, tag, align=ALIGN.JUSTIFY, style=TABLE_STYLE)


# --- document set-up -----------------------------------------------------------------
def _setup_styles(doc) -> None:
    """Times New Roman 14 black vi-VN everywhere; keep only the styles we use.

    The default python-docx styles use theme fonts (Calibri/Cambria), which would win
    over an explicit w:ascii, so they are removed rather than patched.
    """
    styles = doc.styles.element
    keep = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in keep:
            styles.remove(style)
    run_defaults = (f'{_RPR_FONT}<w:color w:val="000000"/><w:sz w:val="28"/>'
                    f'<w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN"/>')
    spacing = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    styles.replace(styles.find(qn("w:docDefaults")), parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{run_defaults}</w:rPr>"
        f"</w:rPrDefault><w:pPrDefault><w:pPr>{spacing}</w:pPr></w:pPrDefault>"
        "</w:docDefaults>"))
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    styles.replace(normal, parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:default="1" w:styleId="Normal">'
        f'<w:name w:val="Normal"/><w:qFormat/><w:pPr>{spacing}</w:pPr>'
        f"<w:rPr>{run_defaults}</w:rPr></w:style>"))
    for xml in STYLES_XML.split("</w:style>")[:-1]:
        styles.append(parse_xml(xml + "</w:style>"))


def _drop_unused_parts(doc) -> None:
    """Remove parts of python-docx's default package that do not belong in a template
    (a misleading thumbnail, theme-font stylesWithEffects, customXml, numbering)."""
    unwanted = ("/thumbnail", "/stylesWithEffects", "/customXml", "/numbering")
    for rels in (doc.part.package.rels, doc.part.rels):
        for rId, rel in list(rels.items()):
            if rel.reltype.endswith(unwanted):
                rels.pop(rId)


def _page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long_ = Twips(A4_SHORT), Twips(A4_LONG)
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    section.top_margin, section.bottom_margin = Twips(MARGIN["top"]), Twips(MARGIN["bottom"])
    section.left_margin, section.right_margin = Twips(MARGIN["left"]), Twips(MARGIN["right"])
    section.header_distance = Twips(680)  # 12 mm: the number sits inside the top margin


def _page_numbers(section, *, restart: bool) -> None:
    """Centred PAGE field from page 2 on: titlePg + an empty first-page header."""
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].style = None
    p = section.header.paragraphs[0]
    p.style = None
    p.alignment = ALIGN.CENTER
    for inner in ('<w:fldChar w:fldCharType="begin"/>',
                  '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                  '<w:fldChar w:fldCharType="separate"/>', "<w:t>2</w:t>",
                  '<w:fldChar w:fldCharType="end"/>'):
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:i w:val="0"/>'
                              f'<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>{inner}</w:r>'))
    if restart:  # pgNumType goes before w:cols in sectPr
        section._sectPr.find(qn("w:cols")).addprevious(_el("w:pgNumType", start=1))


def _new_document():
    doc = Document()
    doc._body.clear_content()
    _drop_unused_parts(doc)
    _setup_styles(doc)
    core = doc.core_properties
    core.title = core.subject = core.author = core.comments = core.keywords = ""
    core.category = core.last_modified_by = ""
    core.language = "vi-VN"
    core.revision = 1
    core.created = core.modified = FIXED_TIME
    section = doc.sections[0]
    _page(section, landscape=False)
    _page_numbers(section, restart=False)
    return doc


# --- blocks shared by both templates -----------------------------------------------
def _header_block(doc) -> None:
    """Row 1: issuing body | quốc hiệu + tiêu ngữ; row 2: Số | place and date, so the
    two stay level whatever the issuer's line count; row 3: trích yếu under Số (a row
    of its own so that reading order is Số, date, V/v, as on paper)."""
    table = _table(doc, HEADER_COLS, 3, borders=False)
    left, right = (_clear(c) for c in table.rows[0].cells)
    centre = {"align": ALIGN.CENTER}
    _p(left, "{%p if doc.issuer_parent %}", **centre)
    _p(left, "{{ doc.issuer_parent }}", size=size("parent"), **centre)
    _p(left, "{%p endif %}", **centre)
    _p(left, "{%p for line in doc.issuer_lines %}", **centre)
    _p(left, "{{ line }}", size=size("issuer"), bold=True, **centre)
    _p(left, "{%p endfor %}", **centre)
    _p(left, style=LINE_STYLE, left=ISSUER_LINE_IND, right=ISSUER_LINE_IND)
    _p(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=size("national_title"), bold=True, **centre)
    _p(right, "Độc lập - Tự do - Hạnh phúc", size=size("motto"), bold=True, **centre)
    _p(right, style=LINE_STYLE, left=MOTTO_LINE_IND, right=MOTTO_LINE_IND)
    left, right = (_clear(c) for c in table.rows[1].cells)
    _p(left, "{{ doc.number_line }}", size=size("number"), before=6, **centre)
    _p(right, "{{ doc.place_date }}", size=size("place_date"), italic=True, before=6, **centre)
    left, right = (_clear(c) for c in table.rows[2].cells)
    _p(left, "{{ doc.subject }}", size=size("subject"), before=6, **centre)
    _p(right)


def _recipients(doc) -> None:
    """Kính gửi: one recipient on the label's line, several one per line with their
    dashes under the colon."""
    _p(doc, "{%p if doc.recipient_lines %}")
    _p(doc, "Kính gửi:", size=14, before=6, left=KG_LEFT)
    _p(doc, "{%p for line in doc.recipient_lines %}")
    _p(doc, "{{ line }}", size=14, left=KG_LEFT + KG_WORDS)
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p else %}")
    _p(doc, "Kính gửi: {{ doc.recipient_single }}", size=14, before=6,
       left=KG_LEFT + KG_LABEL, hanging=KG_LABEL)
    _p(doc, "{%p endif %}")


def _spans(box, items: str, **kwargs):
    """A paragraph of runs, one per span of `items` (a list of {text, bold, italic}): each
    variant is a run formatted in the template, chosen by `{%r if %}`; every tag its own run."""
    p = _p(box, "{%r for s in " + items + " %}", **kwargs)
    for tag, bold, italic in (("{%r if s.bold and s.italic %}", True, True),
                              ("{%r elif s.bold %}", True, False),
                              ("{%r elif s.italic %}", False, True),
                              ("{%r else %}", False, False)):
        p.add_run(tag)
        run = p.add_run("{{ s.text }}")
        run.bold, run.italic = bold or None, italic or None
    p.add_run("{%r endif %}")
    p.add_run("{%r endfor %}")
    return p


def _body(doc, items: str = "doc.body", var: str = "block") -> None:
    """Paragraphs with inline bold/italic (numbered points are bold spans)."""
    _p(doc, "{%p for " + var + " in " + items + " %}", style=BODY_STYLE)
    _spans(doc, var + ".spans", style=BODY_STYLE)
    _p(doc, "{%p endfor %}", style=BODY_STYLE)


def _signature_block(doc) -> None:
    # 12 pt above the block as a cell top margin, so "Nơi nhận:" and the first line
    # on the right stay level whether or not there is an authority line.
    table = _table(doc, SIGN_COLS, 1, borders=False, top=240)
    left, right = (_clear(c) for c in table.rows[0].cells)
    _p(left, "Nơi nhận:", size=size("distribution_label"), bold=True, italic=True, align=ALIGN.LEFT)
    _p(left, "{%p for group in doc.distribution %}", size=11)
    _p(left, "{%p if group.label %}", size=11)
    _p(left, "{{ group.label }}", size=11, italic=True, align=ALIGN.LEFT)
    _p(left, "{%p endif %}", size=11)
    _p(left, "{%p for line in group.lines %}", size=11)
    _p(left, "{{ line }}", size=11, align=ALIGN.LEFT)
    _p(left, "{%p endfor %}", size=11)
    _p(left, "{%p endfor %}", size=11)
    centre = {"align": ALIGN.CENTER, "size": 14}
    _p(right, "{%p for line in doc.signer.lines %}", **centre)  # TM. … / KT. … / title
    _p(right, "{{ line }}", bold=True, **centre)
    _p(right, "{%p endfor %}", **centre)
    for _ in range(5):  # room for the signature and the seal
        _p(right, **centre)
    _p(right, "{{ doc.signer.name }}", bold=True, **centre)


def _tiny_paragraph(p):
    """Shrink a structural empty paragraph (after a table, the section break) to 1 pt
    so that it never pushes an extra page."""
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    pPr = p._p.get_or_add_pPr()
    rPr = parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>')
    sectPr = pPr.find(qn("w:sectPr"))  # the paragraph mark's rPr must precede it
    sectPr.addprevious(rPr) if sectPr is not None else pPr.append(rPr)
    return p


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
