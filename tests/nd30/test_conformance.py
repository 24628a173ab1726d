"""The Nghị định 30 check names each deliberate mistake, for every document type, and
finds nothing in a right document of that type."""

import pytest

from congvan.nd30.conformance import check_docx
from wrong_documents import KINDS, document


def findings(tmp_path, kind, **mistake):
    return check_docx(document(tmp_path / "x.docx", kind, **mistake)).findings


def named(found, rule, element, *words):
    """The findings of ``rule`` about ``element`` whose text mentions every word."""
    return [f for f in found if f.rule == rule and element in f.element
            and all(w in f"{f.found} {f.expected} {f.text}" for w in words)]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("appendix", [False, True])
def test_a_right_document_has_no_finding(tmp_path, kind, appendix):
    result = check_docx(document(tmp_path / "x.docx", kind, appendix=appendix))
    assert result.kind == kind
    assert result.appendices == int(appendix)
    assert result.findings == []


# (mistake, rule, element, words that must appear in the finding)
EVERY_TYPE = [
    ({"margins_mm": {"left": 25}}, "PL I I.3", "Lề trái", "25,0 mm", "30–35 mm"),
    ({"margins_mm": {"top": 30, "right": 10}}, "PL I I.3", "Lề trên", "30,0 mm"),
    ({"parent_bold": True}, "PL I II.2", "Tên cơ quan chủ quản", "chữ in đậm", "không in đậm"),
    ({"date": "ngày 5 tháng 09 năm 2023"}, "PL I II.4", "Ngày", "ngày 05"),
    ({"date": "ngày 5 tháng 09 năm 2023"}, "PL I II.4", "Tháng", "tháng 9"),
    ({"date": "ngày 15 tháng 2 năm 2023"}, "PL I II.4", "Tháng", "tháng 02"),
    ({"number": "5"}, "PL I II.3", "Số văn bản", "05"),
    ({"distribution_size": 14}, "PL I II.9.b", "Nơi nhận", "cỡ chữ 14", "cỡ 11"),
    ({"broken_merge": True}, "PL I III.1", "Bảng", "không có ô bắt đầu"),
    ({"page_number_first": True}, "PL I I.7", "Số trang", "trang đầu có số trang"),
    ({"font": "Arial"}, "PL I I.4", "Phông chữ", "Arial", "Times New Roman"),
    ({"issuer_line": None}, "PL I II.2", "Đường kẻ dưới tên cơ quan", "không có đường kẻ"),
    ({"issuer_line": 0.8}, "PL I II.2", "Đường kẻ dưới tên cơ quan", "dài 80% dòng chữ", "1/3–1/2"),
    ({"motto_line": 0.6}, "PL I II.1", "Đường kẻ dưới tiêu ngữ", "dài 60% dòng chữ"),
    ({"distribution": ("- Như trên", "- Lưu: VT, VHTT.")}, "PL I II.9.b", "Nơi nhận",
     "mỗi dòng kết thúc bằng dấu chấm phẩy"),
    ({"signer": "TS. Nguyễn Văn An"}, "PL I II.7", "Họ tên người ký", "TS."),
    ({"appendix_headings": ("PHỤ LỤC", "PHỤ LỤC"), "appendix": True}, "PL I III.1", "Tiêu đề phụ lục",
     "2 phụ lục", "PHỤ LỤC I"),
    ({"body_align": "left"}, "PL I II.6", "Nội dung", "căn trái", "căn đều hai lề"),
    ({"indent_cm": 2}, "PL I II.6", "Nội dung", "thụt đầu dòng 2,00 cm", "1 cm hoặc 1,27 cm"),
    ({"line_spacing": 2.0}, "PL I II.6", "Nội dung", "giãn dòng 2,00 dòng"),
    ({"body_size": 12}, "PL I II.6", "Nội dung", "cỡ chữ 12", "cỡ 13–14"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("mistake,rule,element,words",
                         [pytest.param(c[0], c[1], c[2], c[3:], id=f"{c[2]}-{list(c[0].values())[0]}")
                          for c in EVERY_TYPE])
def test_every_type_names_the_mistake(tmp_path, kind, mistake, rule, element, words):
    found = findings(tmp_path, kind, **mistake)
    assert named(found, rule, element, *words), [f.format() for f in found]


def test_only_the_mistake_is_reported(tmp_path):
    found = findings(tmp_path, "Công văn", distribution_size=14)
    assert {f.rule for f in found} == {"PL I II.9.b"}
    assert len(found) == 2  # the two entries; the label stays right


def test_v_v_with_a_colon(tmp_path):
    found = findings(tmp_path, "Công văn", subject="V/v: triển khai chuyển đổi số")
    assert named(found, "PL I II.5", "Trích yếu (V/v)", "«V/v:» có dấu hai chấm", "không có dấu hai chấm")


def test_several_recipients_one_per_line(tmp_path):
    right = ["- Sở Nội vụ;", "- Sở Tài chính."]
    assert findings(tmp_path, "Công văn", recipient_lines=right) == []
    found = findings(tmp_path, "Công văn", recipient_lines=["- Sở Nội vụ,", "- Sở Tài chính;"])
    assert named(found, "PL I II.9.a", "Kính gửi", "- Sở Nội vụ,", "dấu chấm phẩy")
    assert named(found, "PL I II.9.a", "Kính gửi", "- Sở Tài chính;", "dấu chấm")


def test_a_cong_van_sends_its_first_copy_to_those_it_addresses(tmp_path):
    found = findings(tmp_path, "Công văn", distribution=("- UBND tỉnh;", "- Lưu: VT, VHTT."))
    assert named(found, "PL I II.9.b", "Nơi nhận", "Như trên")


def test_quoc_hieu_and_tieu_ngu_in_one_paragraph(tmp_path):
    assert findings(tmp_path, "Quyết định", line_break_header=True) == []


def test_numbered_appendices_pass(tmp_path):
    result = check_docx(document(tmp_path / "x.docx", "Kế hoạch", appendix=True,
                                 appendix_headings=("PHỤ LỤC I", "Phụ lục II")))
    assert result.appendices == 2 and result.findings == []


def test_a_cong_van_whose_symbol_carries_a_type(tmp_path):
    found = findings(tmp_path, "Công văn", symbol="KH-UBND")
    assert named(found, "PL I II.3", "Ký hiệu", "KH", "Kế hoạch", "không có tên loại")


@pytest.mark.parametrize("kind", KINDS[1:])
def test_a_typed_document_without_its_title_block(tmp_path, kind):
    result = check_docx(document(tmp_path / "x.docx", kind, type_block=False))
    assert result.kind == kind  # known from the ký hiệu
    assert named(result.findings, "PL I II.5.b", "Tên loại", kind.upper())


@pytest.mark.parametrize("kind", KINDS[1:])
def test_a_typed_document_whose_symbol_names_another_type(tmp_path, kind):
    found = findings(tmp_path, kind, symbol="UBND-VHTT")
    assert named(found, "PL I II.3", "Ký hiệu", "UBND")


@pytest.mark.parametrize("kind", ["Kế hoạch", "Quyết định", "Thông báo"])
def test_types_without_recipients(tmp_path, kind):
    found = findings(tmp_path, kind, recipients=True)
    assert named(found, "PL I II.9", "Kính gửi", "không có Kính gửi")


def test_mutated_files_never_raise_anything_but_unreadable(tmp_path):
    """Random damage to the XML of a right file: findings or UnreadableDocument, never a
    traceback (attributes emptied or absurd, elements dropped or renamed)."""
    import io
    import random
    import zipfile

    from lxml import etree

    from congvan.nd30.reading import UnreadableDocument

    source = document(tmp_path / "x.docx", "Quyết định", appendix=True).read_bytes()
    parts = {n: zipfile.ZipFile(io.BytesIO(source)).read(n)
             for n in zipfile.ZipFile(io.BytesIO(source)).namelist()}
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rng = random.Random(30)
    for _ in range(60):
        name = rng.choice(["word/document.xml", "word/document.xml", "word/styles.xml"])
        root = etree.fromstring(parts[name])
        elements = list(root.iter())
        for _ in range(rng.randint(1, 8)):
            e = rng.choice(elements)
            roll = rng.random()
            if roll < 0.4 and e.getparent() is not None:
                e.getparent().remove(e)
            elif roll < 0.7:
                for key in list(e.attrib):
                    e.set(key, rng.choice(["", "x", "-1", "1e400", "nan", "auto", "0"]))
            else:
                e.tag = w + rng.choice(["vMerge", "gridSpan", "sectPr", "tbl", "tr", "tc", "p",
                                        "sz", "pgSz", "headerReference", "basedOn"])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for n, data in parts.items():
                out.writestr(n, etree.tostring(root) if n == name else data)
        try:
            check_docx("x.docx", buffer.getvalue()).format()
        except UnreadableDocument:
            pass


def test_appendix_reference_names_the_type(tmp_path):
    path = document(tmp_path / "x.docx", "Kế hoạch", appendix=True)
    from docx import Document

    doc = Document(path)
    ref = next(p for p in doc.paragraphs if p.text.startswith("(Kèm theo"))
    ref.runs[0].text = ref.runs[0].text.replace("Kế hoạch", "Công văn")
    doc.save(path)
    assert named(check_docx(path).findings, "PL I III.1.c", "Dòng kèm theo", "Công văn", "Kế hoạch")


def test_no_text_under_seven_characters_folds_to_an_appendix_heading():
    """The appendix-heading search skips texts under seven characters without folding them
    (anatomy.dissect): "phu luc" needs six letters and a space, and no character folds to
    more than one of them, so a shorter text can never be a heading."""
    from congvan.vn.text import fold

    several = [hex(c) for c in range(0x30000) if not 0xD800 <= c <= 0xDFFF
               and sum(ch == " " or "a" <= ch <= "z" for ch in fold(f"a{chr(c)}b")) > 3]
    assert several == []
    assert [fold(t) for t in ("PHỤ LỤC", "Phụ  lục II")] == ["phu luc", "phu luc ii"]
