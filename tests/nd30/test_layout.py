"""Nghị định 30/2020/NĐ-CP, Phụ lục I, checked on what we wrote (dispatch and letters)."""

import re
import zipfile

import pytest

from congvan.nd30.metrics import text_width
from docxread import NS, alignment, effective_size, find_paragraph, norm, part, q, run_props, sections, text

A4 = (11906, 16838)
MM = 1440 / 25.4


def _documents(built):
    return [built / "cong-van.docx", built / "don-vi" / "ubnd-phuong-duc-xuan.docx",
            built / "don-vi" / "phong-vh-tt.docx"]


@pytest.fixture(params=["cong-van.docx", "don-vi/ubnd-phuong-duc-xuan.docx",
                        "don-vi/phong-vh-tt.docx"])
def document(request, built):
    return built / request.param


def test_page_size_orientation_and_margins(built):
    dispatch = sections(part(built / "cong-van.docx"))
    assert len(dispatch) == 2
    letter = sections(part(built / "don-vi" / "ubnd-phuong-duc-xuan.docx"))
    assert len(letter) == 1
    for sect, landscape in [(dispatch[0], False), (dispatch[1], True), (letter[0], False)]:
        size = sect.find("w:pgSz", NS)
        w, h = int(size.get(q("w:w"))), int(size.get(q("w:h")))
        assert (h, w) == A4 if landscape else (w, h) == A4
        assert (size.get(q("w:orient")) == "landscape") == landscape
        mar = sect.find("w:pgMar", NS)
        mm = {k: round(int(mar.get(q(f"w:{k}"))) / MM) for k in ("top", "bottom", "left", "right")}
        assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25
        assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20


def test_times_new_roman_everywhere(document):
    with zipfile.ZipFile(document) as z:
        for name in z.namelist():
            if name.endswith(".xml") and name.startswith("word/"):
                xml = z.read(name).decode("utf-8")
                fonts = set()
                for element in re.findall(r"<w:rFonts [^>]*>", xml):
                    fonts |= set(re.findall(r'w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"', element))
                assert fonts <= {"Times New Roman"}, (name, fonts)
                assert "asciiTheme" not in xml and "majorHAnsi" not in xml, name
    styles = part(document, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(q("w:ascii")) == fonts.get(q("w:hAnsi")) == "Times New Roman"


def _header_table(root):
    return root.find("w:body/w:tbl", NS)


def test_header_block_is_a_borderless_two_column_table(document):
    table = _header_table(part(document))
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 2
    for side in table.find("w:tblPr/w:tblBorders", NS):
        assert side.get(q("w:val")) in ("nil", "none")
    widths = [int(c.get(q("w:w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert sum(widths) <= (210 - 35 - 20) * MM + 1
    assert 0.38 <= widths[0] / sum(widths) <= 0.46


@pytest.mark.parametrize("wanted, size, bold, italic, align", [
    ("ỦY BAN NHÂN DÂN", (12, 13), True, False, "center"),
    ("THÀNH PHỐ BẮC KẠN", (12, 13), True, False, "center"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (12, 13), True, False, "center"),
    ("Độc lập - Tự do - Hạnh phúc", (13, 14), True, False, "center"),
    ("Số: /UBND-VHTT", (13, 13), False, False, "center"),
    ("TP. Bắc Kạn, ngày tháng 9 năm 2023", (13, 14), False, True, "center"),
    ("Nơi nhận:", (12, 12), True, True, None),
    ("TM. ỦY BAN NHÂN DÂN", (13, 14), True, False, "center"),
    ("CHỦ TỊCH", (13, 14), True, False, "center"),
    ("Hoàng Hà Bắc", (13, 14), True, False, "center"),
])
def test_header_and_signature_formats(document, wanted, size, bold, italic, align):
    p = find_paragraph(part(document), wanted)
    got_size, got_bold, got_italic = run_props(p)
    assert size[0] <= got_size <= size[1], wanted
    assert (got_bold, got_italic) == (bold, italic), wanted
    if align:
        assert alignment(p) == align, wanted
    else:
        assert alignment(p) in (None, "left", "start"), wanted


def test_subject_is_centred_under_number_without_colon(built):
    root = part(built / "cong-van.docx")
    p = next(p for p in root.iter(q("w:p")) if norm(text(p)).startswith("V/v"))
    assert not norm(text(p)).startswith("V/v:")
    size, bold, italic = run_props(p)
    assert 12 <= size <= 13 and not bold and not italic
    assert alignment(p) == "center"
    before = p.find("w:pPr/w:spacing", NS).get(q("w:before"))
    assert int(before) >= 120  # 6 pt after the Số line
    header = _header_table(root)
    number_cell = find_paragraph(header, "Số: /UBND-VHTT").getparent()
    subject_cell = p.getparent()
    assert number_cell.getparent().index(number_cell) == subject_cell.getparent().index(subject_cell) == 0


def _line_length(p):
    """Printed length (pt) of a CVKe line: its cell's text width less the indents."""
    cell = next(p.iterancestors(q("w:tc")))
    width = int(cell.find("w:tcPr/w:tcW", NS).get(q("w:w")))
    tbl = next(cell.iterancestors(q("w:tbl")))
    margin = tbl.find("w:tblPr/w:tblCellMar/w:left", NS)
    margin = int(margin.get(q("w:w"))) if margin is not None else 108
    ind = p.find("w:pPr/w:ind", NS)
    return (width - 2 * margin - int(ind.get(q("w:left"))) - int(ind.get(q("w:right")))) / 20


def test_solid_lines_under_issuer_and_motto(document):
    root = part(document)
    lines = [p for p in root.iter(q("w:p"))
             if p.find("w:pPr/w:pStyle", NS) is not None
             and p.find("w:pPr/w:pStyle", NS).get(q("w:val")) == "CVKe"]
    assert len(lines) == 2
    styles = part(document, "word/styles.xml")
    style = next(s for s in styles.findall("w:style", NS) if s.get(q("w:styleId")) == "CVKe")
    assert style.find("w:pPr/w:pBdr/w:top", NS).get(q("w:val")) == "single"
    issuer = text_width("THÀNH PHỐ BẮC KẠN", 13, True)
    assert issuer / 3 <= _line_length(lines[0]) <= issuer / 2
    motto = text_width("Độc lập - Tự do - Hạnh phúc", 13, True)
    assert abs(_line_length(lines[1]) - motto) <= 0.05 * motto
    # each line directly under its text
    assert norm(text(lines[0].getprevious())) == "THÀNH PHỐ BẮC KẠN"
    assert norm(text(lines[1].getprevious())) == "Độc lập - Tự do - Hạnh phúc"


def test_kinh_gui_list_and_body(built):
    root = part(built / "cong-van.docx")
    label = find_paragraph(root, "Kính gửi:")
    first = find_paragraph(root, "- Các phòng, ban, ngành thành phố;")
    last = find_paragraph(root, "- Ủy ban nhân dân xã, phường.")
    indent = lambda p: int(p.find("w:pPr/w:ind", NS).get(q("w:left")))
    assert indent(first) == indent(last) > indent(label)
    assert effective_size(label, part(built / "cong-van.docx", "word/styles.xml")) in (13, 14)
    body = find_paragraph(root, "Với nội dung trên, các cơ quan, đơn vị triển khai thực hiện./.")
    for p in [body, find_paragraph(root, "2. Phòng Văn hoá và Thông tin thành phố")]:
        styles = part(built / "cong-van.docx", "word/styles.xml")
        assert effective_size(p, styles) in (13, 14)
        ppr = p.find("w:pPr", NS)
        style = ppr.find("w:pStyle", NS)
        style_ppr = next(s for s in styles.findall("w:style", NS)
                         if s.get(q("w:styleId")) == style.get(q("w:val"))).find("w:pPr", NS)
        assert (alignment(p) or style_ppr.find("w:jc", NS).get(q("w:val"))) == "both"
        first_line = int(style_ppr.find("w:ind", NS).get(q("w:firstLine")))
        assert first_line in (567, 720)  # 1 cm or 1.27 cm
        after = int(style_ppr.find("w:spacing", NS).get(q("w:after")))
        assert after >= 120  # at least 6 pt between paragraphs


def test_distribution_entries(document):
    root = part(document)
    label = find_paragraph(root, "Nơi nhận:")
    cell = label.getparent()
    entries = [p for p in cell.findall("w:p", NS) if norm(text(p)).startswith("- ")]
    assert entries and norm(text(entries[0])) == "- Như trên;"
    assert norm(text(entries[-1])) == "- Lưu: VT, VHTT."
    for p in entries:
        assert run_props(p)[0] == 11
    for p in entries[:-1]:
        assert norm(text(p)).endswith(";")


def test_page_numbers_from_page_two_and_restart_in_appendix(built):
    root = part(built / "cong-van.docx")
    with zipfile.ZipFile(built / "cong-van.docx") as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
        targets.update({a: b for b, a in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
        headers = {}
        for sect in sections(root):
            assert sect.find("w:titlePg", NS) is not None
            refs = {h.get(q("w:type")): h.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                    for h in sect.findall("w:headerReference", NS)}
            default = z.read("word/" + targets[refs["default"]]).decode("utf-8")
            first = z.read("word/" + targets[refs["first"]]).decode("utf-8")
            assert "PAGE" in default and "PAGE" not in first
            headers.setdefault("default", []).append(refs["default"])
    first_section, appendix = sections(root)
    assert appendix.find("w:pgNumType", NS).get(q("w:start")) == "1"
    assert len(set(headers["default"])) == 2  # the appendix has its own header


def test_appendix_heading_formats(built):
    root = part(built / "cong-van.docx")
    heading = find_paragraph(root, "PHỤ LỤC")
    assert run_props(heading) == (14, True, False) and alignment(heading) == "center"
    ref = next(p for p in root.iter(q("w:p")) if norm(text(p)).startswith("(Ban hành kèm theo"))
    size, bold, italic = run_props(ref)
    assert 13 <= size <= 14 and italic and alignment(ref) == "center"
    # the appendix starts on a new page: the first section ends just before it
    body = root.find("w:body", NS)
    children = list(body)
    index = children.index(heading)
    assert any(c.find("w:pPr/w:sectPr", NS) is not None for c in children[:index])


def test_one_line_header_texts_fit_their_column(document):
    """The quốc hiệu, the tiêu ngữ and the place-and-date line each stand on one line, even
    with the official place name the decree asks for and the longest date."""
    root = part(document)
    header = _header_table(root)
    right = int(header.findall("w:tblGrid/w:gridCol", NS)[1].get(q("w:w")))
    margin = header.find("w:tblPr/w:tblCellMar/w:left", NS)
    room = (right - 2 * int(margin.get(q("w:w")))) / 20  # points
    date = next(p for p in header.iter(q("w:p")) if ", ngày" in text(p))
    size = run_props(date)[0]
    longest = "Thành phố Bắc Kạn, ngày 28 tháng 12 năm 2023"
    assert text_width(longest, size) <= room
    assert text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True) <= room
    assert text_width("Độc lập - Tự do - Hạnh phúc", 13, True) <= room
