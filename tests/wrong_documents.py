"""Documents of every type made with python-docx the way a person makes them in Word:
right by default, wrong in exactly the ways asked for (one keyword per mistake).

``document(path, "Kế hoạch", parent_bold=True)`` writes a Kế hoạch whose parent body
line is bold and which is right in every other respect, so a test can assert that the
check names that one problem.
"""

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from congvan.nd30.layout import DOCUMENT_TYPES
from congvan.nd30.metrics import text_width

KINDS = ["Công văn", "Kế hoạch", "Quyết định", "Thông báo", "Báo cáo"]
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _para(container, text="", size=14, bold=False, italic=False, align=None):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
        run.italic = italic
    if align:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
                       "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    return p


def _rule(cell, text, size, bold, share):
    """An empty paragraph with a top border, ``share`` of the text's width, centred."""
    p = cell.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(k), v)
    bdr.append(top)
    ppr.append(bdr)
    area = cell.width.twips - 2 * 108
    side = max(0, round((area - min(area, text_width(text, size, bold) * 20) * share) / 2))
    p.paragraph_format.left_indent = Pt(side / 20)
    p.paragraph_format.right_indent = Pt(side / 20)
    return p


def _fresh_cell(cell):
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def _page_number(section):
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, None),
                       ("end", None)):
        run = p.add_run()
        run.font.size = Pt(14)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = "2"


def document(path, kind="Công văn", *, margins_mm=None, parent_bold=False, symbol=None,
             number="05", date="ngày 05 tháng 9 năm 2023", subject=None, type_block=True,
             recipients=None, distribution_size=11, page_number_first=False, appendix=False,
             broken_merge=False, font="Times New Roman", body_align="both", indent_cm=1.27,
             line_spacing=None, body_size=14, issuer_line=0.4, motto_line=1.0,
             recipient_lines=None, distribution=("- Như trên;", "- Lưu: VT, VHTT."),
             signer="Nguyễn Văn An", appendix_headings=("PHỤ LỤC",), line_break_header=False):
    """Write a document of ``kind`` to ``path``; each keyword introduces one mistake."""
    abbr = DOCUMENT_TYPES.get(kind)
    symbol = symbol or (f"{abbr}-UBND" if abbr else "UBND-VHTT")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    margins = {"top": 25, "bottom": 20, "left": 35, "right": 20, **(margins_mm or {})}
    sec.top_margin, sec.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    sec.left_margin, sec.right_margin = Mm(margins["left"]), Mm(margins["right"])
    sec.different_first_page_header_footer = not page_number_first
    _page_number(sec)

    header = doc.add_table(rows=2, cols=2)
    header.columns[0].width = header.cell(0, 0).width = header.cell(1, 0).width = Mm(62)
    header.columns[1].width = header.cell(0, 1).width = header.cell(1, 1).width = Mm(93)
    left, right = _fresh_cell(header.cell(0, 0)), _fresh_cell(header.cell(0, 1))
    _para(left, "UBND TỈNH BẮC KẠN", 13, bold=parent_bold, align="center")
    _para(left, "SỞ NỘI VỤ", 13, bold=True, align="center")
    if issuer_line:
        _rule(left, "SỞ NỘI VỤ", 13, True, issuer_line)
    national = _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, align="center")
    if line_break_header:  # one paragraph, the tiêu ngữ after a line break (Shift+Enter)
        national.runs[0].add_break()
        motto = national.add_run(MOTTO)
        motto.font.size, motto.bold = Pt(13), True
    else:
        _para(right, MOTTO, 13, bold=True, align="center")
    _rule(right, MOTTO, 13, True, motto_line)
    _fresh_cell(header.cell(1, 0))
    _fresh_cell(header.cell(1, 1))
    _para(header.cell(1, 0), f"Số: {number}/{symbol}", 13, align="center")
    _para(header.cell(1, 1), f"Bắc Kạn, {date}", 14, italic=True, align="center")
    if kind == "Công văn":
        _para(header.cell(1, 0), subject or "V/v triển khai chuyển đổi số năm 2023", 12,
              align="center")
    elif type_block:
        _para(doc, kind.upper(), 14, bold=True, align="center")
        title = "Thực hiện chuyển đổi số năm 2023"
        _para(doc, title, 14, bold=True, align="center")
        rule = _para(doc, align="center")
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(60)
        ppr = rule._p.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        bdr.append(bottom)
        ppr.append(bdr)
    if recipient_lines:
        _para(doc, "Kính gửi:", 14)
        for line in recipient_lines:
            _para(doc, line, 14).paragraph_format.left_indent = Cm(3)
    elif recipients or (recipients is None and kind in ("Công văn", "Báo cáo")):
        _para(doc, "Kính gửi: Ủy ban nhân dân tỉnh Bắc Kạn.", 14)
    body = ("Thực hiện Kế hoạch số 563/KH-UBND ngày 20/8/2023 của Ủy ban nhân dân tỉnh Bắc Kạn "
            "về nâng cao chỉ số chuyển đổi số năm 2023, các cơ quan, đơn vị triển khai thực hiện "
            "đúng tiến độ và báo cáo kết quả.")
    for text in (body, body + "/."):
        p = _para(doc, text, body_size, align=body_align)
        p.paragraph_format.first_line_indent = Cm(indent_cm)
        p.paragraph_format.space_after = Pt(6)
        if line_spacing is not None:
            p.paragraph_format.line_spacing = line_spacing

    sign = doc.add_table(rows=1, cols=2)
    left, right = _fresh_cell(sign.cell(0, 0)), _fresh_cell(sign.cell(0, 1))
    _para(left, "Nơi nhận:", 12, bold=True, italic=True, align="left")
    for line in distribution:
        _para(left, line, distribution_size, align="left")
    _para(right, "KT. GIÁM ĐỐC", 14, bold=True, align="center")
    _para(right, "PHÓ GIÁM ĐỐC", 14, bold=True, align="center")
    _para(right, align="center")
    _para(right, signer, 14, bold=True, align="center")
    if appendix or broken_merge:
        for heading in appendix_headings:
            _appendix(doc, kind, number, symbol, date, broken_merge, heading)
    doc.save(path)
    return path


def _appendix(doc, kind, number, symbol, date, broken_merge, heading):
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    start = OxmlElement("w:pgNumType")
    start.set(qn("w:start"), "1")
    sec._sectPr.append(start)
    _para(doc, heading, 14, bold=True, align="center")
    _para(doc, "Danh mục nhiệm vụ năm 2023", 14, bold=True, align="center")
    _para(doc, f"(Kèm theo {kind} số {number}/{symbol} {date} của Sở Thông tin và Truyền thông)",
          14, italic=True, align="center")
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for col, text in enumerate(["STT", "Nhiệm vụ", "Đơn vị"]):
        table.cell(0, col).text = text
    trpr = table.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    for row in (1, 2):
        table.cell(row, 0).text = str(row)
        table.cell(row, 2).text = "Phòng VH&TT"
    table.cell(1, 1).text = "Tuyên truyền chuyển đổi số"

    def merge(cell, value):
        vm = OxmlElement("w:vMerge")
        if value:
            vm.set(qn("w:val"), value)
        cell._tc.get_or_add_tcPr().append(vm)

    if broken_merge:
        merge(table.cell(1, 1), "continue")  # no start above it: the header cell is not merged
    else:
        merge(table.cell(1, 1), "restart")
    merge(table.cell(2, 1), None)
