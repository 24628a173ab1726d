"""Nghị định 30/2020/NĐ-CP, Phụ lục I, checked on a folder the sample was built into.

Each check takes the built folder (or one document of it) and raises AssertionError. They
run on the normal build (tests/nd30/test_layout.py) and on builds from templates that went
through python-docx or LibreOffice (tests/test_templates.py): :func:`check_built_folder`
runs them all.
"""

import re
import zipfile

from lxml import etree

from congvan.nd30.metrics import text_width
from docxread import NS, alignment, effective_size, find_paragraph, norm, part, q, run_props, sections, text

A4 = (11906, 16838)
MM = 1440 / 25.4
DISPATCH = "cong-van.docx"
LETTERS = ("don-vi/ubnd-phuong-duc-xuan.docx", "don-vi/phong-vh-tt.docx")
DOCUMENTS = (DISPATCH, *LETTERS)
"""The documents of the sample each per-document check reads: the dispatch and two letters."""
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LINE_STYLE_NAME = "CV Đường kẻ"
"""The solid lines' paragraph style, known by the name people see (office suites may give
it another id)."""

ELEMENTS = [
    # text, size range (pt), bold, italic, alignment (None: left)
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
]
"""The header and signature elements every document carries, as the decree sets them."""


def check_page_setup(built):
    """A4; portrait, the dispatch's appendix landscape; margins within the decree's ranges."""
    dispatch = sections(part(built / DISPATCH))
    assert len(dispatch) == 2
    letter = sections(part(built / LETTERS[0]))
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


TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_FONT_ATTRIBUTES = ("ascii", "hAnsi", "cs", "eastAsia")


def _styles_in_use(package, styles):
    """Ids of the styles the text uses: referenced from a text part, the defaults, and the
    styles those are based on or linked to. (An office suite adds styles of its own that
    no text uses, e.g. LibreOffice's "Heading" in Liberation Sans: they print nothing.)"""
    wanted = {s.get(q("w:styleId")) for s in styles.findall("w:style", NS)
              if s.get(q("w:default")) in ("1", "true")}
    for name in package.namelist():
        if TEXT_PARTS.match(name):
            root = etree.fromstring(package.read(name))
            for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
                wanted |= {e.get(q("w:val")) for e in root.iter(q(tag))}
    by_id = {s.get(q("w:styleId")): s for s in styles.findall("w:style", NS)}
    found, todo = set(), list(wanted)
    while todo:
        style = by_id.get(todo.pop())
        if style is None or style.get(q("w:styleId")) in found:
            continue
        found.add(style.get(q("w:styleId")))
        todo += [e.get(q("w:val")) for e in (style.find("w:basedOn", NS), style.find("w:link", NS))
                 if e is not None]
    return [by_id[i] for i in sorted(found)]


def fonts_in_use(document):
    """Every font a run of the text can print in: named in the text parts, in the styles
    they use and in the document defaults; a theme font as "theme:<name>"."""
    fonts = set()

    def add(element):
        for r_fonts in element.iter(q("w:rFonts")):
            for attr, value in r_fonts.attrib.items():
                name = etree.QName(attr).localname
                if name in _FONT_ATTRIBUTES:
                    fonts.add(value)
                elif name.lower().endswith("theme"):
                    fonts.add(f"theme:{value}")

    with zipfile.ZipFile(document) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        for name in package.namelist():
            if TEXT_PARTS.match(name):
                add(etree.fromstring(package.read(name)))
        for style in _styles_in_use(package, styles):
            add(style)
    defaults = styles.find("w:docDefaults", NS)
    if defaults is not None:
        add(defaults)
    return fonts


def check_times_new_roman(document):
    """The text prints in Times New Roman only (no theme font), the defaults included."""
    assert fonts_in_use(document) == {"Times New Roman"}, fonts_in_use(document)
    styles = part(document, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(q("w:ascii")) == fonts.get(q("w:hAnsi")) == "Times New Roman"


def side(element, name):
    """A left/right attribute or child of ``element``, also under the names start/end that
    LibreOffice writes (``w:ind w:start``, ``w:tblCellMar/w:start``)."""
    other = {"left": "start", "right": "end"}[name]
    for key in (name, other):
        if element.get(q(f"w:{key}")) is not None:
            return int(element.get(q(f"w:{key}")))
        child = element.find(f"w:{key}", NS)
        if child is not None:
            return int(child.get(q("w:w")))
    return None


_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def table_borders(table, styles):
    """The borders a table prints, side → value: its own tblBorders over its style's (or the
    default table style's, and the styles they are based on), each cell's own over both."""
    by_id = {s.get(q("w:styleId")): s for s in styles.findall("w:style", NS)}
    ref = table.find("w:tblPr/w:tblStyle", NS)
    style = by_id.get(ref.get(q("w:val"))) if ref is not None else next(
        (s for s in by_id.values() if s.get(q("w:type")) == "table"
         and s.get(q("w:default")) in ("1", "true")), None)
    chain = []
    while style is not None and style not in chain:
        chain.append(style)
        based = style.find("w:basedOn", NS)
        style = by_id.get(based.get(q("w:val"))) if based is not None else None
    borders = {}
    for source in [*reversed(chain), table]:
        own = source.find("w:tblPr/w:tblBorders", NS)
        for element in own if own is not None else ():
            borders[etree.QName(element).localname] = element.get(q("w:val"))
    for cell in table.iter(q("w:tc")):
        own = cell.find("w:tcPr/w:tcBorders", NS)
        for element in own if own is not None else ():
            borders[f"cell {etree.QName(element).localname}"] = element.get(q("w:val"))
    return borders


def _header_table(root):
    return root.find("w:body/w:tbl", NS)


def check_header_table(document):
    """The header block is a borderless two-column table, the left column about 40 %."""
    table = _header_table(part(document))
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 2
    borders = table_borders(table, part(document, "word/styles.xml"))
    assert set(borders.values()) <= {"nil", "none"}, borders
    widths = [int(c.get(q("w:w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert sum(widths) <= (210 - 35 - 20) * MM + 1
    assert 0.38 <= widths[0] / sum(widths) <= 0.46


def check_element(document, wanted, size, bold, italic, align):
    """One element of the header or signature block: size, weight, slant, alignment."""
    p = find_paragraph(part(document), wanted)
    got_size, got_bold, got_italic = run_props(p)
    assert size[0] <= got_size <= size[1], wanted
    assert (got_bold, got_italic) == (bold, italic), wanted
    if align:
        assert alignment(p) == align, wanted
    else:
        assert alignment(p) in (None, "left", "start"), wanted


def check_subject(built):
    """The trích yếu: centred under the Số line, 12-13 pt upright, no colon after V/v."""
    root = part(built / DISPATCH)
    p = next(p for p in root.iter(q("w:p")) if norm(text(p)).startswith("V/v"))
    assert not norm(text(p)).startswith("V/v:")
    size, bold, italic = run_props(p)
    assert 12 <= size <= 13 and not bold and not italic
    assert alignment(p) == "center"
    before = p.find("w:pPr/w:spacing", NS).get(q("w:before"))
    assert int(before) >= 120  # 6 pt after the Số line
    header = _header_table(root)
    column = lambda cell: cell.getparent().findall("w:tc", NS).index(cell)
    number_cell = find_paragraph(header, "Số: /UBND-VHTT").getparent()
    assert column(number_cell) == column(p.getparent()) == 0


def line_style_id(styles):
    """The id of the solid lines' paragraph style in a styles.xml root."""
    return next(s.get(q("w:styleId")) for s in styles.findall("w:style", NS)
                if s.find("w:name", NS) is not None
                and s.find("w:name", NS).get(q("w:val")) == LINE_STYLE_NAME)


def _line_length(p):
    """Printed length (pt) of a solid line: its cell's text width less the indents."""
    cell = next(p.iterancestors(q("w:tc")))
    width = int(cell.find("w:tcPr/w:tcW", NS).get(q("w:w")))
    tbl = next(cell.iterancestors(q("w:tbl")))
    margins = tbl.find("w:tblPr/w:tblCellMar", NS)
    margin = side(margins, "left") if margins is not None else None
    margin = 108 if margin is None else margin
    ind = p.find("w:pPr/w:ind", NS)
    return (width - 2 * margin - side(ind, "left") - side(ind, "right")) / 20


def check_solid_lines(document):
    """A line under the issuing body, 1/3 to 1/2 of its length, and one under the tiêu ngữ,
    as long as it."""
    root = part(document)
    styles = part(document, "word/styles.xml")
    style_id = line_style_id(styles)
    lines = [p for p in root.iter(q("w:p"))
             if p.find("w:pPr/w:pStyle", NS) is not None
             and p.find("w:pPr/w:pStyle", NS).get(q("w:val")) == style_id]
    assert len(lines) == 2
    style = next(s for s in styles.findall("w:style", NS) if s.get(q("w:styleId")) == style_id)
    assert style.find("w:pPr/w:pBdr/w:top", NS).get(q("w:val")) == "single"
    issuer = text_width("THÀNH PHỐ BẮC KẠN", 13, True)
    assert issuer / 3 <= _line_length(lines[0]) <= issuer / 2
    motto = text_width("Độc lập - Tự do - Hạnh phúc", 13, True)
    assert abs(_line_length(lines[1]) - motto) <= 0.05 * motto
    # each line directly under its text
    assert norm(text(lines[0].getprevious())) == "THÀNH PHỐ BẮC KẠN"
    assert norm(text(lines[1].getprevious())) == "Độc lập - Tự do - Hạnh phúc"


def check_kinh_gui_and_body(built):
    """Kính gửi with its list indented under it; body 13-14 pt, justified, first line
    1 cm or 1.27 cm in, at least 6 pt between paragraphs."""
    root = part(built / DISPATCH)
    styles = part(built / DISPATCH, "word/styles.xml")
    label = find_paragraph(root, "Kính gửi:")
    first = find_paragraph(root, "- Các phòng, ban, ngành thành phố;")
    last = find_paragraph(root, "- Ủy ban nhân dân xã, phường.")
    indent = lambda p: side(p.find("w:pPr/w:ind", NS), "left")
    assert indent(first) == indent(last) > indent(label)
    assert effective_size(label, styles) in (13, 14)
    body = find_paragraph(root, "Với nội dung trên, các cơ quan, đơn vị triển khai thực hiện./.")
    for p in [body, find_paragraph(root, "2. Phòng Văn hoá và Thông tin thành phố")]:
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


def check_distribution(document):
    """Nơi nhận: "- Như trên;" first, "- Lưu: …" last, 11 pt, each but the last ending ";"."""
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


def _headers(built, sect, z):
    """The default and first-page header XML of a section of the dispatch."""
    rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    targets.update({a: b for b, a in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    refs = {h.get(q("w:type")): h.get(f"{{{R}}}id") for h in sect.findall("w:headerReference", NS)}
    return {kind: (ref, z.read("word/" + targets[ref]).decode("utf-8")) for kind, ref in refs.items()}


def check_page_numbers_from_page_two(built):
    """Each section of the dispatch: no number on its first page, a number on the others."""
    with zipfile.ZipFile(built / DISPATCH) as z:
        for index, sect in enumerate(sections(part(built / DISPATCH))):
            assert sect.find("w:titlePg", NS) is not None, f"section {index + 1}: no w:titlePg"
            headers = _headers(built, sect, z)
            assert "PAGE" in headers["default"][1], f"section {index + 1}: no page number"
            assert "PAGE" not in headers["first"][1], f"section {index + 1}: number on page 1"


def check_appendix_page_numbers(built):
    """The appendix numbers its pages from 1 again, in a header of its own."""
    first_section, appendix = sections(part(built / DISPATCH))
    assert appendix.find("w:pgNumType", NS).get(q("w:start")) == "1"
    with zipfile.ZipFile(built / DISPATCH) as z:
        own = _headers(built, appendix, z)["default"]
        before = _headers(built, first_section, z).get("default")
    assert "PAGE" in own[1] and (before is None or before[0] != own[0])


def check_appendix_heading(built):
    """PHỤ LỤC 14 pt bold centred, the reference line italic, on a page of its own."""
    root = part(built / DISPATCH)
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


def check_one_line_texts_fit(document):
    """The quốc hiệu, the tiêu ngữ and the place-and-date line each stand on one line, even
    with the official place name the decree asks for and the longest date."""
    root = part(document)
    header = _header_table(root)
    right = int(header.findall("w:tblGrid/w:gridCol", NS)[1].get(q("w:w")))
    room = (right - 2 * side(header.find("w:tblPr/w:tblCellMar", NS), "left")) / 20  # points
    date = next(p for p in header.iter(q("w:p")) if ", ngày" in text(p))
    size = run_props(date)[0]
    longest = "Thành phố Bắc Kạn, ngày 28 tháng 12 năm 2023"
    assert text_width(longest, size) <= room
    assert text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True) <= room
    assert text_width("Độc lập - Tự do - Hạnh phúc", 13, True) <= room


FOLDER_CHECKS = (check_page_setup, check_subject, check_kinh_gui_and_body,
                 check_page_numbers_from_page_two, check_appendix_page_numbers, check_appendix_heading)
DOCUMENT_CHECKS = (check_times_new_roman, check_header_table, check_solid_lines,
                   check_distribution, check_one_line_texts_fit)


def check_built_folder(built, skip=()):
    """Every check above, on every document it applies to; ``skip``: folder checks a
    test runs (and names) on its own."""
    for check in FOLDER_CHECKS:
        if check not in skip:
            check(built)
    for name in DOCUMENTS:
        for check in DOCUMENT_CHECKS:
            check(built / name)
        for element in ELEMENTS:
            check_element(built / name, *element)
