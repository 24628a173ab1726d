"""The docxtpl templates: they match tools/make_templates.py, follow the ND 30
layout, keep every Jinja tag in one run, and render safely."""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import jinja2
import jinja2.sandbox
import pytest
from docx.enum.section import WD_ORIENT
from docxtpl import DocxTemplate

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
CONG_VAN = TEMPLATES / "cong-van.docx"
THU_DON_VI = TEMPLATES / "thu-don-vi.docx"
TRICKY = 'Phòng VH&TT <a> "q" {{ 7*6 }}'
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "make_templates", REPO / "tools" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_templates", module)
    spec.loader.exec_module(module)
    return module


make_templates = _load_tool()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _mm(length) -> float:
    return length / 36000


# --- (a), (b): generated == committed, and deterministic ---------------------------
def test_committed_templates_match_the_script(tmp_path):
    written = make_templates.make_all(tmp_path)
    assert sorted(p.name for p in written) == ["cong-van.docx", "thu-don-vi.docx", "van-ban.docx"]
    for path in written:
        committed = TEMPLATES / path.name
        assert committed.exists(), f"{committed} missing: run python tools/make_templates.py"
        new, old = _parts(path), _parts(committed)
        assert sorted(new) == sorted(old), path.name
        stale = [name for name in new if new[name] != old[name]]
        assert not stale, f"{path.name}: parts differ {stale}; rerun tools/make_templates.py"


def test_generation_is_byte_for_byte_deterministic(tmp_path):
    first = make_templates.make_all(tmp_path / "one")
    second = make_templates.make_all(tmp_path / "two")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    with zipfile.ZipFile(first[0]) as archive:
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist())


# --- (c): layout --------------------------------------------------------------------
def _check_a4(section, landscape: bool):
    long_, short = (section.page_width, section.page_height) if landscape else \
        (section.page_height, section.page_width)
    assert (long_.twips, short.twips) == (16838, 11906)
    assert section.orientation == (WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT)
    margins = (section.top_margin, section.bottom_margin, section.left_margin,
               section.right_margin)
    assert [round(_mm(m)) for m in margins] == [25, 20, 35, 20]
    assert section.different_first_page_header_footer  # titlePg: no number on page 1
    field = "".join(section.header._element.itertext())
    assert "PAGE" in field
    assert "{" not in field and "{" not in "".join(section.first_page_header._element.itertext())


@pytest.mark.parametrize("path", [CONG_VAN, THU_DON_VI], ids=lambda p: p.name)
def test_page_setup_fonts_and_styles(path):
    document = docx.Document(path)
    sections = document.sections
    assert len(sections) == (2 if path == CONG_VAN else 1)
    _check_a4(sections[0], landscape=False)
    styles = document.styles.element
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(f"{W}{attr}") == "Times New Roman"
    assert not [k for k in fonts.attrib if k.endswith("Theme")]
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "vi-VN"
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14
    theme_fonts = [el for el in styles.iter(f"{W}rFonts")
                   if any(k.endswith("Theme") for k in el.attrib)]
    assert not theme_fonts, "a style uses a theme font instead of Times New Roman"
    line = document.styles["CV Đường kẻ"]
    assert line.style_id == "CVKe"
    top = line.element.find(f"{W}pPr/{W}pBdr/{W}top")
    assert (top.get(f"{W}val"), top.get(f"{W}sz")) == ("single", "6")
    header_table = document.tables[0]
    borders = header_table._tbl.tblPr.find(f"{W}tblBorders")
    assert {b.get(f"{W}val") for b in borders} <= {"nil", "none"} and len(borders) == 6
    assert header_table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    widths = [int(c.get(f"{W}w")) for c in header_table._tbl.tblGrid.gridCol_lst]
    # About Mẫu 1.5's 42 % / 58 %, widened on the right so that the place-and-date line with
    # the official place name stays on one line (test_nd30 measures it).
    assert sum(widths) == 8788 and 0.38 < widths[0] / sum(widths) < 0.44
    # The quốc hiệu at 12 pt bold Times New Roman is 88.3 mm (5007 twips): it must
    # fit the right column, less its cell margins, on one line.
    margins = header_table._tbl.tblPr.find(f"{W}tblCellMar")
    padding = sum(int(margins.find(f"{W}{side}").get(f"{W}w")) for side in ("left", "right"))
    assert widths[1] - padding >= 5007 + 50
    kes = [p for p in header_table._tbl.iter(f"{W}p")
           if p.find(f"{W}pPr/{W}pStyle") is not None
           and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "CVKe"]
    assert len(kes) == 2 and all(p.find(f"{W}pPr/{W}ind") is not None for p in kes)


def test_appendix_section_and_table():
    document = docx.Document(CONG_VAN)
    appendix = document.sections[1]
    _check_a4(appendix, landscape=True)
    sectPr = appendix._sectPr
    assert sectPr.find(f"{W}pgNumType").get(f"{W}start") == "1"
    assert not appendix.header.is_linked_to_previous
    table = document.tables[-1]
    grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.gridCol_lst]
    assert len(grid) == 5 and sum(grid) == 16838 - 1984 - 1134
    header_row = table.rows[0]._tr
    assert header_row.find(f"{W}trPr/{W}tblHeader") is not None
    assert [c.text for c in table.rows[0].cells] == [
        "STT", "Chỉ số chính/Chỉ số thành phần", "Đơn vị chủ trì thực hiện",
        "Đơn vị phối hợp", "Nhiệm vụ"]
    section_row = table.rows[2]._tr
    spans = [tc.find(f"{W}tcPr/{W}gridSpan") for tc in section_row.findall(f"{W}tc")]
    assert len(spans) == 2 and spans[1].get(f"{W}val") == "4"
    indicator_row = table.rows[5]._tr
    assert indicator_row.find(f"{W}trPr/{W}cantSplit") is None  # long tasks may break
    borders = table._tbl.tblPr.find(f"{W}tblBorders")
    assert {b.get(f"{W}val") for b in borders} == {"single"}


# --- (d): tags are never split across runs ---------------------------------------------
def _texts(path: Path):
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                for text in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml):
                    yield name, text


@pytest.mark.parametrize("path", [CONG_VAN, THU_DON_VI], ids=lambda p: p.name)
def test_every_tag_sits_in_one_text_node(path):
    tags = 0
    for name, text in _texts(path):
        stripped = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text)
        assert not re.search(r"[{}%]", stripped.replace("%%", "")), (name, text)
        tags += len(re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text))
    assert tags > 20


# --- (e): the template's variables -----------------------------------------------------
@pytest.mark.parametrize("path, expected", [(CONG_VAN, {"doc", "appendix"}),
                                            (THU_DON_VI, {"doc", "letter"})],
                         ids=["cong-van", "thu-don-vi"])
def test_undeclared_variables(path, expected):
    assert DocxTemplate(path).get_undeclared_template_variables() == expected


# --- (f): rendering ----------------------------------------------------------------------
def _doc_context() -> dict:
    return {
        "issuer_parent": "UBND TỈNH BẮC KẠN",
        "issuer_lines": ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ BẮC KẠN"],
        "number_line": "Số:      /UBND-VHTT",
        "place_date": "TP. Bắc Kạn, ngày    tháng 9 năm 2023",
        "subject": "V/v triển khai thực hiện Kế hoạch số 563/KH-UBND ngày 20/8/2023 "
                   "của UBND tỉnh Bắc Kạn",
        "recipient_single": "",
        "recipient_lines": ["- Các phòng, ban, ngành thành phố;",
                            "- Ủy ban nhân dân xã, phường."],
        "body": [_plain_block(b) for b in (
            {"text": "Thực hiện Kế hoạch số 563/KH-UBND ngày 20/8/2023 của Ủy ban nhân "
                     "dân tỉnh Bắc Kạn, Ủy ban nhân dân thành phố chỉ đạo như sau:",
             "heading": False},
            {"text": "1. " + TRICKY, "heading": True},
            {"text": "Triển khai thực hiện các nhiệm vụ được chỉ rõ trong Phụ lục./.",
             "heading": False},
        )],
        "distribution": [{"label": "Gửi bản điện tử:",
                          "lines": ["- Như trên;", "- Lưu: VT, VHTT."]}],
        "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH",
                   "name": "Hoàng Hà Bắc", "lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]},
        "core": {"title": "Công văn", "author": "UBND", "subject": "V/v"},
    }


def _plain_block(block: dict) -> dict:
    """A body paragraph as the templates loop over it: its text as one span (bold for a point)."""
    return {**block, "spans": [{"text": block["text"], "bold": block["heading"],
                                "italic": False}]}


def _appendix_context() -> dict:
    row = {"name": "Tỷ lệ công chức", "lead": "Phòng VH&TT", "support": TRICKY}
    return {
        "heading": "PHỤ LỤC",
        "title": "Phân công nhiệm vụ khắc phục tồn tại, hạn chế",
        "reference": "(Ban hành kèm theo Công văn số      /UBND-VHTT ngày    tháng 9 "
                     "năm 2023 của UBND thành phố Bắc Kạn)",
        "sections": [
            {"number": "I", "title": "NHẬN THỨC SỐ", "blocks": [
                {"rows": [dict(row, number="1")], "paragraphs": ["Nhiệm vụ một."]}]},
            {"number": "II", "title": "NHÂN LỰC SỐ", "blocks": [
                {"rows": [dict(row, number="1"), dict(row, number="2")],
                 "paragraphs": ["1. Đoạn thứ nhất.", "2. Đoạn thứ hai."]}]},
        ],
    }


def _letter_context() -> dict:
    row = {"stt": "1", "indicator": "Tỷ lệ hồ sơ", "paragraphs": [TRICKY, "Đoạn hai."],
           "support": "Phòng Nội vụ", "lead": "Phòng VH&TT", "deadline": "Tháng 9/2023"}
    return {
        "unit_name": "Ủy ban nhân dân phường Đức Xuân",
        "intro": "Thực hiện Công văn số …/UBND-VHTT, đề nghị thực hiện các nhiệm vụ sau:",
        "lead_heading": "1. Nhiệm vụ chủ trì thực hiện",
        "titles": {"name": "Chỉ số", "task": "Nhiệm vụ"},
        "lead_rows": [row],
        "lead_blocks": [{"rows": [row], "paragraphs": row["paragraphs"]}],
        "support_heading": "2. Nhiệm vụ phối hợp thực hiện",
        "support_rows": [dict(row, stt="1"), dict(row, stt="2", paragraphs=[""])],
        "support_blocks": [{"rows": [dict(row, stt="1")], "paragraphs": row["paragraphs"]},
                           {"rows": [dict(row, stt="2")], "paragraphs": [""]}],
        "closing": "Đề nghị đơn vị triển khai thực hiện./.",
    }


def _render(path: Path, context: dict, out: Path) -> Path:
    template = DocxTemplate(path)
    env = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined,
                                              autoescape=True)
    template.render(context, env, autoescape=True)
    template.save(out)
    return out


def _all_text(document) -> str:
    return "\n".join(t.text or "" for t in document.element.body.iter(f"{W}t"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("rendered")
    cong_van = _render(CONG_VAN, {"doc": _doc_context(), "appendix": _appendix_context()},
                       out / "cong-van.docx")
    letter_doc = dict(_doc_context(), recipient_single="Ủy ban nhân dân phường Đức Xuân.",
                      recipient_lines=[])
    thu = _render(THU_DON_VI, {"doc": letter_doc, "letter": _letter_context()},
                  out / "thu-don-vi.docx")
    return {"cong-van": cong_van, "thu-don-vi": thu}


def test_rendered_dispatch(rendered):
    document = docx.Document(rendered["cong-van"])
    text = _all_text(document)
    assert TRICKY in text and "42" not in text
    assert "- Ủy ban nhân dân xã, phường." in text and "{%" not in text
    assert "Gửi bản điện tử:" in text and "TM. ỦY BAN NHÂN DÂN" in text
    table = document.tables[-1]
    rows = table._tbl.findall(f"{W}tr")
    assert len(rows) == 1 + 2 + 3  # header, two section rows, three indicator rows
    merged = [tc.find(f"{W}tcPr/{W}vMerge") for tc in (r.findall(f"{W}tc")[-1] for r in rows[-2:])]
    assert [m.get(f"{W}val") for m in merged] == ["restart", "continue"]
    task_text = [table.cell(4, 4).text, table.cell(5, 4).text]
    assert "1. Đoạn thứ nhất." in task_text[0] and "2. Đoạn thứ hai." in task_text[0]
    spans = rows[1].findall(f"{W}tc")[1].find(f"{W}tcPr/{W}gridSpan")
    assert spans.get(f"{W}val") == "4"


def test_rendered_letter(rendered):
    document = docx.Document(rendered["thu-don-vi"])
    text = _all_text(document)
    assert TRICKY in text and "42" not in text and "{%" not in text
    assert "Kính gửi: Ủy ban nhân dân phường Đức Xuân." in text
    assert len(document.tables) == 4  # header, lead, support, signature
    assert len(document.tables[2].rows) == 3
    assert "Đoạn hai." in document.tables[1].cell(1, 2).text


@pytest.mark.slow
def test_rendered_documents_convert_to_pdf(rendered, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: PDF conversion not checked")
    profile = tmp_path / "lo-profile"
    for path in rendered.values():
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
            capture_output=True, timeout=120, check=False)
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, result.stderr.decode(errors="replace")
        assert pdf.read_bytes().startswith(b"%PDF")
