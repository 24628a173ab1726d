"""The building blocks of the project's .docx templates (python-docx): page set-up, styles,
paragraphs whose Jinja tags are each one run, tables, and the blocks every template shares
(header, Kính gửi, body of spans, signature and Nơi nhận). ``tools/make_templates.py``
assembles the templates from them. The decree's numbers come from ``congvan/nd30/layout.py``.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
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
