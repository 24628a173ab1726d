"""Edits made in Word to the files congvan writes come back into the data file exactly,
its comments and everything else kept (python-docx and LibreOffice saving the edits)."""

import shutil
import zipfile

import pytest
import yaml

from congvan.builder.pipeline import build
from congvan.data.loader import load
from congvan.edits import EditConflict, import_into
from congvan.edits.reading import UnreadableFile, read_document
from docx_editing import (anchored_row, delete_row, insert_row_after, open_docx, set_cell,
                          through_libreoffice)
from helpers import PLAN_SAMPLE, SAMPLE, soffice

NEW_TASK = "Ủy ban nhân dân các xã, phường xây dựng chuyên mục “Chuyển đổi số” & <phát> hằng tuần."


@pytest.fixture
def project(tmp_path):
    data = tmp_path / "du-lieu.yaml"
    shutil.copy(SAMPLE, data)
    build(load(data), tmp_path / "out")
    return data, tmp_path / "out"


def _indicators(path):
    return yaml.safe_load(path.read_text("utf-8"))["appendix"]["sections"]


def _edit_dispatch(path):
    """Reword I.1's task, move II.1 to Phòng Nội vụ, add a row after IV.3, delete V.3."""
    document = open_docx(path)
    set_cell(anchored_row(document, "t_I_1").cells[4], NEW_TASK)
    set_cell(anchored_row(document, "t_II_1").cells[2], "Phòng Nội vụ")
    insert_row_after(anchored_row(document, "t_IV_3"),
                     {0: "4", 1: "Tỷ lệ cán bộ được cấp chữ ký số",
                      2: "Phòng Nội vụ", 3: "Phòng VH&TT; UBND các xã, phường",
                      4: "Phòng Nội vụ rà soát, đề nghị cấp chữ ký số cho cán bộ."})
    delete_row(anchored_row(document, "t_V_3"))
    document.save(str(path))


def _check_dispatch_edits(data_file, original: str):
    text = data_file.read_text("utf-8")
    sections = _indicators(data_file)
    assert sections[0]["indicators"][0]["task"] == NEW_TASK
    assert sections[1]["indicators"][0]["lead"] == ["noi-vu"]
    added = sections[3]["indicators"][3]
    assert added == {"name": "Tỷ lệ cán bộ được cấp chữ ký số", "lead": ["noi-vu"],
                     "support": ["vhtt", "xa-phuong"],
                     "task": "Phòng Nội vụ rà soát, đề nghị cấp chữ ký số cho cán bộ."}
    names = [i["name"] for i in sections[4]["indicators"]]
    assert "Số lượng các phương án ứng cứu xử lý sự cố tấn công mạng" not in names
    assert len(sections[4]["indicators"]) == 3
    # comments, the header and the units are exactly as they were
    assert text.split("appendix:")[0] == original.split("appendix:")[0]
    assert "# Các phòng chuyên môn của thành phố" in text
    assert "support_text: Các phòng, ban, ngành, UBND các xã, phường" in text
    # the result is valid data, and the document built from it shows the edits
    data = load(data_file)
    assert [i.ref for i in data.rows()][:8] == ["I.1", "II.1", "III.1", "IV.1", "IV.2", "IV.3",
                                                "IV.4", "IV.5"]


def test_anchors_pair_every_task_and_paragraph(project):
    data_file, out = project
    data = load(data_file)
    with zipfile.ZipFile(out / "cong-van.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        custom = archive.read("docProps/custom.xml").decode("utf-8")
    for ind in data.rows():
        assert f'w:name="t_{ind.ref.replace(".", "_")}"' in xml
    assert 'w:name="p_1"' in xml and "\ue000" not in xml
    assert "congvan-du-lieu" in custom and ">van-ban<" in custom
    with zipfile.ZipFile(out / "don-vi" / "phong-noi-vu.docx") as archive:
        letter = archive.read("word/document.xml").decode("utf-8")
        assert "don-vi:noi-vu" in archive.read("docProps/custom.xml").decode("utf-8")
    assert 'w:name="t_IV_1"' in letter and "\ue000" not in letter


def test_word_edits_come_back_exactly(project):
    data_file, out = project
    original = data_file.read_text("utf-8")
    _edit_dispatch(out / "cong-van.docx")
    report = import_into(out / "cong-van.docx", data_file)
    assert report.format().splitlines()[:4] == [
        "I.1: sửa nội dung nhiệm vụ",
        "II.1: chuyển chủ trì Phòng VH&TT → Phòng Nội vụ",
        "thêm dòng sau IV.3: “Tỷ lệ cán bộ được cấp chữ ký số”",
        "xóa dòng V.3: “Số lượng các phương án ứng cứu xử lý sự cố tấn công mạng”",
    ]
    assert len(report.changes) == 4
    _check_dispatch_edits(data_file, original)
    assert (data_file.parent / "du-lieu.yaml.bak").read_text("utf-8") == original


@pytest.mark.slow
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) chưa được cài")
def test_edits_saved_by_libreoffice_come_back(project, tmp_path):
    data_file, out = project
    original = data_file.read_text("utf-8")
    _edit_dispatch(out / "cong-van.docx")
    saved = through_libreoffice(out / "cong-van.docx", tmp_path)
    assert set(read_document(saved).paragraphs) == {f"p_{n}" for n in range(1, 7)}
    report = import_into(saved, data_file)
    assert len(report.changes) == 4, report.format()
    _check_dispatch_edits(data_file, original)


def test_deadline_and_unit_in_a_plan(tmp_path):
    data_file = tmp_path / "ke-hoach.yaml"
    shutil.copy(PLAN_SAMPLE, data_file)
    out = tmp_path / "out"
    build(load(data_file), out)
    path = next(out.glob("*.docx"))
    document = open_docx(path)
    row = anchored_row(document, "t_3")
    set_cell(row.cells[4], "Xong trong tháng 9/2026")
    set_cell(row.cells[3], "Phòng Nội vụ")
    document.save(str(path))
    report = import_into(path, data_file)
    assert report.format().splitlines()[:2] == [
        "3: đổi đơn vị phối hợp Công an thành phố → Phòng Nội vụ",
        "3: đổi thời hạn “6/2026” → “Xong trong tháng 9/2026”",
    ] or "đổi thời hạn “6/2026” → “Xong trong tháng 9/2026”" in report.format()
    row3 = yaml.safe_load(data_file.read_text("utf-8"))["appendix"]["rows"][2]
    assert row3["deadline"] == "Xong trong tháng 9/2026"
    assert row3["support"] == "noi-vu"  # written as it was: one id, no list
    assert "# Kế hoạch của UBND thành phố Bắc Kạn" in data_file.read_text("utf-8")


def test_a_letter_edit_comes_back(project):
    data_file, out = project
    path = out / "don-vi" / "phong-noi-vu.docx"
    document = open_docx(path)
    # Phòng Nội vụ coordinates IV.1: the second table (STT, chỉ số, chủ trì, nhiệm vụ, hạn)
    set_cell(anchored_row(document, "t_IV_1").cells[3],
             "Tham mưu ban hành Quyết định phân công cán bộ chuyên trách.")
    document.save(str(path))
    report = import_into(path, data_file)
    assert [c.format() for c in report.changes] == ["IV.1: sửa nội dung nhiệm vụ"]
    assert _indicators(data_file)[3]["indicators"][0]["task"] == \
        "Tham mưu ban hành Quyết định phân công cán bộ chuyên trách."


def test_a_body_paragraph_comes_back(project):
    data_file, out = project
    document = open_docx(out / "cong-van.docx")
    last = [p for p in document.paragraphs if "Với nội dung trên" in p.text][0]
    last.runs[0].text = "Đề nghị các cơ quan, đơn vị khẩn trương triển khai thực hiện./."
    for run in last.runs[1:]:
        run.text = ""
    document.save(str(out / "cong-van.docx"))
    report = import_into(out / "cong-van.docx", data_file)
    assert [c.format() for c in report.changes] == ["đoạn 6: sửa nội dung"]
    body = yaml.safe_load(data_file.read_text("utf-8"))["document"]["body"]
    assert body[-1] == "Đề nghị các cơ quan, đơn vị khẩn trương triển khai thực hiện."


def test_dry_run_writes_nothing(project):
    data_file, out = project
    before = data_file.read_bytes()
    _edit_dispatch(out / "cong-van.docx")
    report = import_into(out / "cong-van.docx", data_file, dry_run=True)
    assert len(report.changes) == 4 and "--dry-run" in report.format()
    assert data_file.read_bytes() == before
    assert not (data_file.parent / "du-lieu.yaml.bak").exists()


def test_unchanged_document_changes_nothing(project):
    data_file, out = project
    before = data_file.read_bytes()
    report = import_into(out / "cong-van.docx", data_file)
    assert report.changes == () and "Không có thay đổi" in report.format()
    assert data_file.read_bytes() == before


def test_data_changed_since_the_build_is_refused(project):
    data_file, out = project
    _edit_dispatch(out / "cong-van.docx")
    changed = data_file.read_text("utf-8").replace("CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    data_file.write_text(changed, "utf-8")
    with pytest.raises(EditConflict, match="đã thay đổi kể từ khi tạo cong-van.docx"):
        import_into(out / "cong-van.docx", data_file)
    assert data_file.read_text("utf-8") == changed


def test_a_unit_that_does_not_exist_is_refused_naming_the_cell(project):
    data_file, out = project
    before = data_file.read_bytes()
    document = open_docx(out / "cong-van.docx")
    set_cell(anchored_row(document, "t_II_1").cells[2], "Phòng Không Có")
    document.save(str(out / "cong-van.docx"))
    with pytest.raises(EditConflict, match=r"bảng \d+, dòng \d+, cột 3: “Phòng Không Có”"):
        import_into(out / "cong-van.docx", data_file)
    assert data_file.read_bytes() == before


def test_files_congvan_did_not_write_are_refused(project, tmp_path):
    data_file, _ = project
    other = tmp_path / "khac.docx"
    document = open_docx(SAMPLE.parent.parent / "templates" / "cong-van.docx")
    document.save(str(other))
    with pytest.raises(EditConflict, match="không mang dấu neo"):
        import_into(other, data_file)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UnreadableFile):
        import_into(broken, data_file)
    locked = tmp_path / "mat-khau.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UnreadableFile, match="mật khẩu"):
        import_into(locked, data_file)


def _group_row(document, title):
    table = anchored_row(document, "t_I_1").table
    return next(r for r in table.rows if r.cells[-1].text == title and r.cells[0].text.isupper())


def test_group_titles_headers_and_rows_under_a_group(project):
    data_file, out = project
    document = open_docx(out / "cong-van.docx")
    table = anchored_row(document, "t_I_1").table
    set_cell(table.rows[0].cells[1], "Chỉ số")  # a header: the template's, not data
    group = _group_row(document, "THỂ CHẾ SỐ")
    set_cell(group.cells[1], "THỂ CHẾ SỐ VÀ CHÍNH SÁCH")
    insert_row_after(anchored_row(document, "t_II_1"),
                     {1: "Ban hành quy chế", 2: "Phòng Tư pháp",
                      4: "Phòng Tư pháp tham mưu ban hành quy chế."}, above=True)
    document.save(str(out / "cong-van.docx"))
    report = import_into(out / "cong-van.docx", data_file)
    assert [c.format() for c in report.changes] == [
        "Nhóm II: sửa tên nhóm “THỂ CHẾ SỐ” → “THỂ CHẾ SỐ VÀ CHÍNH SÁCH”",
        "thêm dòng trước II.1: “Ban hành quy chế”",
    ]
    section = _indicators(data_file)[1]
    assert section["title"] == "THỂ CHẾ SỐ VÀ CHÍNH SÁCH"
    assert section["indicators"][0]["name"] == "Ban hành quy chế"
    assert section["indicators"][1]["name"].startswith("Tổ chức hội nghị")


def test_a_moved_row_is_refused(project):
    data_file, out = project
    before = data_file.read_bytes()
    document = open_docx(out / "cong-van.docx")
    row = anchored_row(document, "t_IV_4")
    anchored_row(document, "t_IV_3")._tr.addprevious(row._tr)
    document.save(str(out / "cong-van.docx"))
    with pytest.raises(EditConflict, match="dòng IV.4 đã được chuyển sang chỗ khác"):
        import_into(out / "cong-van.docx", data_file)
    assert data_file.read_bytes() == before
