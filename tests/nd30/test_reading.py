"""Reading a .docx for the check: paragraphs resolve their formatting only when first
asked (congvan/nd30/paragraphs.py), cells and section breaks are found in one walk. None
of that may change what is read: on our own documents, on documents made the way people
make them (tests/wrong_documents.py, tests/foreign_documents.py), and on a hand-written
file full of what Word and other programs write (text boxes with their Fallback copies,
nested tables, content controls, grid before and after a row, repeated properties,
missing parts), the reading with every paragraph's formatting forced equals the eager
reading of tests/reading_reference.py, and the check finds the same on both."""

import dataclasses
import zipfile

import pytest

from congvan.nd30.anatomy import dissect
from congvan.nd30.conformance import _RULES, check_docx
from congvan.nd30.document import Paragraph
from congvan.nd30.reading import read_docx
from foreign_documents import UP, Group, Split, table_in_text, task_document, word_numbered
from helpers import convert_with_libreoffice, soffice
from reading_reference import read_eagerly
from wrong_documents import KINDS, document

_FIELDS = [f.name for f in dataclasses.fields(Paragraph)]


def _para(p):
    return tuple(getattr(p, name) for name in _FIELDS)


def snapshot(doc) -> dict:
    """Everything a reading gives, every paragraph's formatting included."""
    return {
        "paragraphs": [_para(p) for p in doc.paragraphs],
        "tables": [(t.index, t.grid, t.section, t.nested, t.cell_margin,
                    [(r.header, r.grid_before, r.grid_after,
                      [(c.grid_col, c.span, c.vmerge, c.width, [p.index for p in c.paragraphs])
                       for c in r.cells]) for r in t.rows]) for t in doc.tables],
        "sections": [dataclasses.asdict(s) for s in doc.sections],
        "parts": {name: ([_para(p) for p in part.paragraphs],
                         None if part.page_field is None else part.page_field.index)
                  for name, part in doc.parts.items()},
    }


def _resolved(p) -> bool:
    """Whether ``p``'s formatting is set (read from its slot, not resolved by reading it)."""
    try:
        Paragraph.runs.__get__(p)
    except AttributeError:
        return False
    return True


def assert_reads_as_before(path):
    eager = read_eagerly(path)
    lazy = read_docx(path)
    assert not any(_resolved(p) for p in lazy.paragraphs)
    # Faces first, while nothing is resolved: the shortcut for paragraphs without run
    # properties must give what the resolved runs give.
    assert [p.faces() for p in lazy.paragraphs] == [Paragraph.faces(p) for p in eager.paragraphs]
    assert snapshot(lazy) == snapshot(eager)
    anatomy = dissect(eager)
    assert check_docx(path).findings == [f for rule in _RULES for f in rule(anatomy)]


MISTAKES = [{}, {"font": "Arial"}, {"broken_merge": True, "appendix": True},
            {"page_number_first": True}, {"issuer_line": None}, {"line_break_header": True},
            {"parent_bold": True, "distribution_size": 14}, {"type_block": False}]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: "-".join(m) or "right")
def test_documents_typed_in_word(tmp_path, kind, mistake):
    assert_reads_as_before(document(tmp_path / "x.docx", kind, **mistake))


HEADER = ["STT", "Nội dung", "Đơn vị chủ trì", "Thời hạn"]


@pytest.mark.parametrize("make", [
    lambda p: task_document(p, HEADER, [["1", "Một", "Sở Nội vụ", "Quý IV"],
                                        ["", UP, "Sở Tài chính", UP],
                                        Group("I", "Nhóm hai"), Split(header=False),
                                        ["2", ["Hai", "đoạn"], "Sở Y tế", "2024"]],
                            title_row="Bảng", column_numbers=True),
    lambda p: table_in_text(p, HEADER, [["1", "Một", "Sở Nội vụ", "Quý IV"]]),
    lambda p: word_numbered(p, HEADER, [["Một", "Sở Nội vụ", "Quý IV"]],
                            [("List Number", "Điểm một"), ("List Bullet", "Gạch đầu dòng")]),
], ids=["merged", "in-text", "word-numbered"])
def test_documents_of_other_layouts(tmp_path, make):
    assert_reads_as_before(make(tmp_path / "x.docx"))


def test_built_documents(built, built_kinds):
    files = sorted(built.rglob("*.docx"))[:4] + [
        f for folder in built_kinds.values() for f in sorted(folder.rglob("*.docx"))[:2]]
    assert len(files) >= 6
    for path in files:
        assert_reads_as_before(path)


@pytest.mark.slow
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) chưa được cài")
def test_documents_saved_by_libreoffice(built, built_kinds, tmp_path):
    files = [built / "cong-van.docx", built_kinds["ke-hoach"] / "ke-hoach.docx"]
    for path in convert_with_libreoffice(files, tmp_path / "lo", "docx:MS Word 2007 XML", tmp_path):
        assert_reads_as_before(path)


def test_a_file_full_of_what_word_writes(tmp_path):
    path = odd_document(tmp_path / "odd.docx")
    assert_reads_as_before(path)
    doc = read_docx(path)
    texts = [p.text for p in doc.paragraphs]
    # The text box's paragraph once (its Fallback copy left out), and not in its holder.
    assert texts.count("Hộp chữ") == 1 and "Trước hộp sau hộp" in texts
    assert "Bản dự phòng" not in texts and "Bản chính" in texts
    assert texts[0] == "Đề mục đậm một hai"  # NFC, spaces collapsed, tab and break as spaces
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["Trong điều khiển"].cell == (0, 1, 1)  # sdt inside a cell
    assert by_text["Bảng lồng"].cell == (1, 0, 0)  # nested table: its own cell
    assert by_text["Hộp trong ô"].cell == (0, 1, 2)
    assert by_text["Ô bị bọc"].cell is None  # a cell wrapped in a content control is not read
    assert by_text["Điều khiển ngoài bảng"].cell is None
    assert [len(t.rows[0].cells) for t in doc.tables] == [2, 1]
    assert [(c.span, c.width) for c in doc.tables[0].rows[0].cells] == [(2, 4000), (1, None)]
    first = doc.tables[0].rows[0]
    assert (first.grid_before, first.header) == (1, True)
    second = doc.tables[0].rows[1]
    assert [(c.span, c.vmerge, c.width) for c in second.cells] == [
        (1, "restart", 12), (1, None, None), (1, "continue", None)]
    assert second.grid_after == 1 and doc.tables[0].cell_margin == 50 and doc.tables[1].nested
    assert [p.section for p in doc.paragraphs if p.text.startswith("Mục")] == [0, 1, 1]  # a break ends its own paragraph's section
    assert len(doc.sections) == 3 and doc.sections[2].landscape
    assert by_text["Đề mục đậm một hai"].list_style == "roman"
    assert {r.font for r in by_text["Đề mục đậm một hai"].text_runs()} == {"Cambria"}
    assert by_text["Đề mục đậm một hai"].faces() == {("Cambria", None), ("Cambria", "FF0000")}
    assert [p.has_drawing for p in doc.paragraphs if p.text == ""][:1] == [True]
    header = doc.parts["word/header1.xml"]
    assert header.page_field is not None and header.page_field.text == "Trang 2"
    assert [p.text for p in header.paragraphs].count("Hộp đầu trang") == 1


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NS = (f'{W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _box(text, choice_text=None):
    """A run holding a text box written twice: mc:Choice and its mc:Fallback copy."""
    inner = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return (f"<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>{inner}</w:drawing>"
            f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape>"
            "</w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def _p(text, props=""):
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


_BODY = f"""<w:document {NS}><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading"/></w:pPr><w:r><w:t xml:space="preserve">  \u0110e\u0302\u0300 mu\u0323c  </w:t></w:r>
<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>đậm</w:t><w:tab/><w:t>một</w:t><w:br/></w:r>
<w:hyperlink r:id="rId9"><w:r><!-- a comment --><w:t>hai</w:t></w:r></w:hyperlink>
<w:del><w:r><w:delText>xóa</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>
<w:p><w:r><w:t>Trước hộp </w:t></w:r>{_box("Hộp chữ")}<w:r><w:t>sau hộp</w:t></w:r></w:p>
<mc:AlternateContent><mc:Choice Requires="w14">{_p("Bản chính")}</mc:Choice>
<mc:Fallback>{_p("Bản dự phòng")}</mc:Fallback></mc:AlternateContent>
<w:p><w:pPr><w:pBdr><w:bottom w:val="single"/></w:pBdr></w:pPr><w:r><w:pict><v:line/></w:pict></w:r></w:p>
{_p("Mục một", '<w:pStyle w:val="List"/><w:ind w:hanging="360" w:start="720"/><w:jc w:val="start"/>')}
<w:tbl><w:tblPr><w:tblCellMar><w:start w:w="50"/></w:tblCellMar></w:tblPr>
<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="2000"/><w:gridCol w:w="x"/></w:tblGrid>
<w:tr><w:trPr><w:gridBefore w:val="1"/><w:tblHeader/></w:trPr><w:trPr><w:gridAfter w:val="5"/></w:trPr>
<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:tcW w:w="4000"/><w:tcW w:w="1"/></w:tcPr><w:tcPr><w:vMerge/></w:tcPr>
{_p("Ô đầu")}</w:tc><w:sdt><w:sdtContent><w:tc>{_p("Ô bị bọc")}</w:tc></w:sdtContent></w:sdt>
<w:tc><w:tcPr><w:gridSpan/><w:tcW w:type="auto"/><w:gridSpan w:val="3"/><w:tcW w:w="9"/></w:tcPr>
{_p("Ô hai")}</w:tc></w:tr>
<w:tr><w:trPr><w:gridAfter w:val="1.5"/></w:trPr>
<w:tc><w:tcPr><w:tcW w:w="12.7"/><w:vMerge w:val="restart"/><w:vMerge w:val="continue"/></w:tcPr>{_p("Ô ba")}</w:tc>
<w:tc><w:sdt><w:sdtContent>{_p("Trong điều khiển")}</w:sdtContent></w:sdt>
<w:tbl><w:tblGrid><w:gridCol w:w="900"/></w:tblGrid><w:tr><w:tc>{_p("Bảng lồng")}</w:tc></w:tr></w:tbl>
<w:p/></w:tc>
<w:tc><w:tcPr><w:vMerge w:val=""/></w:tcPr><w:p>{_box("Hộp trong ô")}</w:p></w:tc></w:tr></w:tbl>
<w:sdt><w:sdtContent>{_p("Điều khiển ngoài bảng")}</w:sdtContent></w:sdt>
<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:pgSz w:w="11906" w:h="16838"/>
</w:sectPr></w:pPr></w:p>
<w:p><w:pPr><w:pPrChange><w:pPr><w:sectPr/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Mục hai</w:t></w:r></w:p>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:pPr><w:sectPr><w:headerReference w:type="first" r:id="rId2"/>
</w:sectPr></w:pPr><w:r><w:rPr><w:color w:val="00FF00"/><w:rFonts w:asciiTheme="minorHAnsi"/></w:rPr>
<w:t>Mục ba</w:t></w:r></w:p>
<w:sectPr><w:pgSz w:w="16838" w:h="11906"/><w:titlePg/><w:pgNumType w:start="1"/></w:sectPr>
</w:body></w:document>"""

_STYLES = f"""<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/>
<w:sz w:val="26"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276"/>
</w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
<w:style w:type="paragraph" w:styleId="Heading"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/>
</w:numPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi"/><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="List"><w:basedOn w:val="List"/><w:pPr><w:numPr><w:ilvl w:val="1"/>
<w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b w:val="0"/><w:color w:val="FF0000"/></w:rPr></w:style>
</w:styles>"""

_NUMBERING = f"""<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/>
</w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1">
<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/></w:lvl>
</w:lvlOverride></w:num></w:numbering>"""

_THEME = """<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>
<a:fontScheme><a:majorFont><a:latin typeface="Cambria"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/>
</a:minorFont></a:fontScheme></a:themeElements></a:theme>"""

_RELS = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="header1.xml"/><Relationship Id="rId2" Target="/word/missing.xml"/></Relationships>"""

_HEADER = f"""<w:hdr {NS}><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:fldSimple w:instr=" PAGE \\* MERGEFORMAT">
<w:r><w:rPr><w:i/><w:sz w:val="24"/></w:rPr><w:t>Trang 2</w:t></w:r></w:fldSimple></w:p>
<w:p>{_box("Hộp đầu trang")}</w:p></w:hdr>"""


def odd_document(path):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in (("word/document.xml", _BODY), ("word/styles.xml", _STYLES),
                           ("word/numbering.xml", _NUMBERING), ("word/theme/theme1.xml", _THEME),
                           ("word/_rels/document.xml.rels", _RELS), ("word/header1.xml", _HEADER)):
            z.writestr(name, text)
    return path


def test_a_file_without_styles_or_relationships(tmp_path):
    path = tmp_path / "bare.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", _BODY)
    assert_reads_as_before(path)
