"""Nghị định 30 on documents with a type name (PL I II.5.b): the Kế hoạch and Quyết định
samples as built, read back from the .docx."""

import shutil
import subprocess

import pytest
import yaml

from congvan.nd30.layout import LANDSCAPE_TEXT_WIDTH
from congvan.nd30.metrics import text_width
from docxread import NS, alignment, find_paragraph, norm, part, q, run_props, sections, stream, text
from helpers import DECISION_SAMPLE, PLAN_SAMPLE, ROOT, convert_with_libreoffice, soffice

A4 = (11906, 16838)


def _runs(p):
    """(text, bold, italic) of every run with text."""
    out = []
    for r in p.iter(q("w:r")):
        t = "".join(x.text or "" for x in r.findall("w:t", NS))
        if not t:
            continue
        on = lambda e: e is not None and e.get(q("w:val")) not in ("0", "false")
        out.append((t, on(r.find("w:rPr/w:b", NS)), on(r.find("w:rPr/w:i", NS))))
    return out


@pytest.fixture(scope="module")
def plan(built_kinds):
    return part(built_kinds["ke-hoach"] / "ke-hoach.docx")


@pytest.fixture(scope="module")
def decision(built_kinds):
    return part(built_kinds["quyet-dinh"] / "quyet-dinh.docx")


def test_every_data_file_builds(tmp_path):
    import congvan

    files = sorted((ROOT / "data").glob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        report = congvan.build(congvan.load(path), tmp_path / path.stem)
        assert report is not None
        assert any((tmp_path / path.stem).glob("*.docx")), path.name


def test_the_type_goes_into_the_number_line(plan, decision):
    assert "Số: /KH-UBND" in stream(plan)
    assert "Số: 15/QĐ-UBND" in stream(decision)


@pytest.mark.parametrize("which, name", [("plan", "KẾ HOẠCH"), ("decision", "QUYẾT ĐỊNH")])
def test_title_block_is_centred_bold_with_a_short_rule(request, which, name):
    root = request.getfixturevalue(which)
    title = find_paragraph(root, name)
    size, bold, italic = run_props(title)
    assert 13 <= size <= 14 and bold and not italic and alignment(title) == "center"
    subject = title.getnext()
    size, bold, italic = run_props(subject)
    assert 13 <= size <= 14 and bold and not italic and alignment(subject) == "center"
    assert not norm(text(subject)).startswith("V/v")
    line = subject.getnext()
    assert line.find("w:pPr/w:pStyle", NS).get(q("w:val")) == "CVKe"
    cell = next(line.iterancestors(q("w:tc")))
    width = int(cell.find("w:tcPr/w:tcW", NS).get(q("w:w")))
    ind = line.find("w:pPr/w:ind", NS)
    length = (width - 2 * 57 - int(ind.get(q("w:left"))) - int(ind.get(q("w:right")))) / 20
    printed = min(text_width(norm(text(subject)), 14, True), (width - 2 * 57) / 20)
    assert printed / 3 <= length <= printed / 2


@pytest.mark.parametrize("which", ["plan", "decision"])
def test_no_v_v_and_no_kinh_gui(request, which):
    lines = stream(request.getfixturevalue(which))
    assert not any(line.startswith("V/v") for line in lines)
    assert not any(line.startswith("Kính gửi") for line in lines)


def test_plan_headings_numbered_per_level(plan):
    lines = stream(plan)
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NHIỆM VỤ, GIẢI PHÁP",
                    "III. TỔ CHỨC THỰC HIỆN", "1. Công an thành phố"):
        p = find_paragraph(plan, heading)
        assert all(bold for _, bold, _ in _runs(p)), heading
    assert any(line.startswith("a) Tổng hợp kết quả") for line in lines)
    a = next(p for p in plan.iter(q("w:p")) if norm(text(p)).startswith("a) Tổng hợp"))
    assert not any(bold for _, bold, _ in _runs(a))
    # the first point under III restarts at 1 (not 3)
    assert lines.index("1. Công an thành phố") > lines.index("III. TỔ CHỨC THỰC HIỆN")


def test_inline_italic_and_bold(plan):
    first = next(p for p in plan.iter(q("w:p")) if norm(text(p)).startswith("Thực hiện Quyết định"))
    runs = _runs(first)
    assert ("(sau đây viết tắt là Đề án 06)", False, True) in [(norm(t), b, i) for t, b, i in runs]
    assert not any(i for t, b, i in runs if "Thủ tướng" in t)
    strong = next(p for p in plan.iter(q("w:p")) if "an toàn, an ninh dữ liệu" in text(p))
    assert ("an toàn, an ninh dữ liệu", True, False) in _runs(strong)


def test_signer_on_three_lines(plan):
    for line in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Minh"):
        p = find_paragraph(plan, line)
        size, bold, _ = run_props(p)
        assert 13 <= size <= 14 and bold and alignment(p) == "center"


def test_decision_parts(decision):
    authority = find_paragraph(decision, "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN")
    assert run_props(authority)[1] and alignment(authority) == "center"
    bases = [p for p in decision.iter(q("w:p")) if norm(text(p)).startswith("Căn cứ")]
    assert len(bases) == 3
    for p in bases:
        assert all(italic for _, _, italic in _runs(p)) and norm(text(p)).endswith(";")
    proposal = find_paragraph(decision, "Theo đề nghị của Trưởng phòng Nội vụ thành phố.")
    assert all(italic for _, _, italic in _runs(proposal))
    decides = find_paragraph(decision, "QUYẾT ĐỊNH:")
    assert run_props(decides)[1] and alignment(decides) == "center"
    lines = stream(decision)
    assert lines.index("QUYẾT ĐỊNH:") > lines.index("Theo đề nghị của Trưởng phòng Nội vụ thành phố.")
    for n in (1, 2, 3):
        p = next(p for p in decision.iter(q("w:p")) if norm(text(p)).startswith(f"Điều {n}."))
        runs = _runs(p)
        assert (runs[0][0], runs[0][1]) == (f"Điều {n}.", True)
        assert not any(bold for _, bold, _ in runs[1:])
    assert norm(text(p)).endswith("./.")
    assert "Phê duyệt kèm theo Quyết định này" in " ".join(lines)


def test_decision_distribution_starts_like_article_three(decision):
    label = find_paragraph(decision, "Nơi nhận:")
    entries = [norm(text(p)) for p in label.getparent().findall("w:p", NS)
               if norm(text(p)).startswith("- ")]
    assert entries[0] == "- Như Điều 3;" and entries[-1] == "- Lưu: VT, NV."


def _appendix_table(root):
    return next(t for t in root.iter(q("w:tbl"))
                if t.find("w:tblPr/w:tblCaption", NS) is not None)


def _cells(row):
    return [norm(text(tc)) for tc in row.findall("w:tc", NS)]


@pytest.mark.parametrize("which, sample", [("plan", PLAN_SAMPLE), ("decision", DECISION_SAMPLE)])
def test_appendix_header_shows_the_declared_columns(request, which, sample):
    raw = yaml.safe_load(sample.read_text(encoding="utf-8"))["appendix"]
    table = _appendix_table(request.getfixturevalue(which))
    rows = table.findall("w:tr", NS)
    assert _cells(rows[0]) == [c["title"] for c in raw["columns"]]
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    widths = [int(c.get(q("w:w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert sum(widths) == LANDSCAPE_TEXT_WIDTH
    declared = [c["width"] for c in raw["columns"]]
    for got, want in zip(widths, declared):
        assert abs(got / sum(widths) - want / sum(declared)) < 0.001


def test_column_number_row_repeats_with_the_header(plan):
    rows = _appendix_table(plan).findall("w:tr", NS)
    assert _cells(rows[1]) == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert rows[1].find("w:trPr/w:tblHeader", NS) is not None
    assert rows[2].find("w:trPr/w:tblHeader", NS) is None


@pytest.mark.parametrize("which, sample", [("plan", PLAN_SAMPLE), ("decision", DECISION_SAMPLE)])
def test_deadline_column_shows_each_deadline_as_written(request, which, sample):
    raw = yaml.safe_load(sample.read_text(encoding="utf-8"))["appendix"]
    column = [c["show"] for c in raw["columns"]].index("deadline")
    rows = raw.get("rows") or [r for s in raw["sections"] for r in s["indicators"]]
    wanted = [str(r["deadline"]) for r in rows]
    table = _appendix_table(request.getfixturevalue(which))
    data_rows = [r for r in table.findall("w:tr", NS)
                 if len(r.findall("w:tc", NS)) == len(raw["columns"])
                 and r.find("w:trPr/w:tblHeader", NS) is None]
    assert [_cells(r)[column] for r in data_rows] == wanted


def test_plan_appendix_is_flat_and_decision_groups_are_lettered(plan, decision):
    plan_rows = _appendix_table(plan).findall("w:tr", NS)
    assert [_cells(r)[0] for r in plan_rows[2:]] == [str(n) for n in range(1, 8)]
    decision_rows = _appendix_table(decision).findall("w:tr", NS)
    firsts = [_cells(r)[0] for r in decision_rows[1:]]
    assert firsts == ["A", "1", "2", "B", "3", "4", "C", "5"]  # numbers run on across groups


def test_reference_line_names_the_documents_own_type(plan, decision):
    assert ("(Kèm theo Kế hoạch số /KH-UBND ngày tháng 01 năm 2026 "
            "của UBND thành phố Bắc Kạn)") in stream(plan)
    assert ("(Kèm theo Quyết định số 15/QĐ-UBND ngày 08 tháng 01 năm 2026 "
            "của UBND thành phố Bắc Kạn)") in stream(decision)
    heading = find_paragraph(plan, "Phụ lục")  # the heading as the data writes it
    assert run_props(heading)[1] and alignment(heading) == "center"


@pytest.mark.parametrize("which", ["plan", "decision"])
def test_portrait_document_then_landscape_appendix_numbered_on_its_own(request, which):
    main, appendix = sections(request.getfixturevalue(which))
    for sect, landscape in ((main, False), (appendix, True)):
        size = sect.find("w:pgSz", NS)
        w, h = int(size.get(q("w:w"))), int(size.get(q("w:h")))
        assert ((h, w) if landscape else (w, h)) == A4
        assert (size.get(q("w:orient")) == "landscape") == landscape
    assert appendix.find("w:pgNumType", NS).get(q("w:start")) == "1"
    assert main.find("w:pgNumType", NS) is None


@pytest.mark.slow
def test_documents_of_each_type_open_in_libreoffice(built_kinds, tmp_path):
    office = soffice()
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    files = [built_kinds["ke-hoach"] / "ke-hoach.docx",
             built_kinds["ke-hoach"] / "don-vi" / "cong-an-thanh-pho.docx",
             built_kinds["quyet-dinh"] / "quyet-dinh.docx"]
    for path, pdf in zip(files, convert_with_libreoffice(files, tmp_path, "pdf", tmp_path)):
        assert pdf.stat().st_size > 1000, path.name
        if shutil.which("pdftotext"):
            out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in out.stdout


@pytest.mark.parametrize("which", ["plan", "decision"])
@pytest.mark.parametrize("wanted, size, bold, italic", [
    ("ỦY BAN NHÂN DÂN", (12, 13), True, False),
    ("THÀNH PHỐ BẮC KẠN", (12, 13), True, False),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (12, 13), True, False),
    ("Độc lập - Tự do - Hạnh phúc", (13, 14), True, False),
    ("Nơi nhận:", (12, 12), True, True),
])
def test_header_block_as_in_every_document(request, which, wanted, size, bold, italic):
    p = find_paragraph(request.getfixturevalue(which), wanted)
    got_size, got_bold, got_italic = run_props(p)
    assert size[0] <= got_size <= size[1] and (got_bold, got_italic) == (bold, italic)


@pytest.mark.parametrize("which", ["plan", "decision"])
def test_number_and_date_lines_and_three_solid_lines(request, which):
    root = request.getfixturevalue(which)
    number = next(p for p in root.iter(q("w:p")) if norm(text(p)).startswith("Số:"))
    assert run_props(number)[:2] == (13, False) and alignment(number) == "center"
    date = next(p for p in root.iter(q("w:p")) if ", ngày" in text(p))
    assert run_props(date)[2] and 13 <= run_props(date)[0] <= 14
    lines = [p for p in root.iter(q("w:p")) if p.find("w:pPr/w:pStyle", NS) is not None
             and p.find("w:pPr/w:pStyle", NS).get(q("w:val")) == "CVKe"]
    assert len(lines) == 3  # issuing body, tiêu ngữ, title block
    assert norm(text(lines[2].getprevious().getprevious())) in ("KẾ HOẠCH", "QUYẾT ĐỊNH")
