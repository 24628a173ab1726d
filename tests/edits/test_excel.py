"""export --xlsx writes a task sheet people can work in; its edits (made here with
openpyxl) come back into the data file exactly, checked, with its comments kept."""

import datetime as dt
import shutil

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from congvan.cli import cli
from congvan.data.loader import load
from congvan.edits import EditConflict, export_xlsx, import_into
from congvan.edits.reading import UnreadableFile
from helpers import SAMPLE


@pytest.fixture
def exported(tmp_path):
    data = tmp_path / "du-lieu.yaml"
    shutil.copy(SAMPLE, data)
    book = tmp_path / "giao-viec.xlsx"
    assert export_xlsx(data, book) == len(list(load(data).rows()))
    return data, book


def _row_of(sheet, code):
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)


def test_the_sheet_is_ready_to_work_in(exported):
    _, path = exported
    book = load_workbook(path)
    sheet = book["Nhiệm vụ"]
    assert [c.value for c in sheet[1]] == ["Mã", "Nhóm", "Tên nhiệm vụ", "Chủ trì", "Phối hợp",
                                          "Nội dung nhiệm vụ", "Thời hạn", "Hạn (ngày)", "Ghi chú"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width == 60
    first = _row_of(sheet, "I.1")
    assert sheet.cell(first, 2).value == "NHẬN THỨC SỐ"
    assert sheet.cell(first, 4).value == "UBND các xã, phường"
    assert sheet.cell(first, 6).alignment.wrap_text
    assert sheet.cell(first, 7).value == "Trước ngày 28/8/2023"
    assert sheet.cell(first, 8).value == dt.datetime(2023, 8, 28)
    assert sheet.cell(first, 8).number_format == "DD/MM/YYYY"
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 1 and validations[0].type == "list"
    assert validations[0].formula1 == "='Đơn vị'!$A$2:$A$22"  # 21 units
    assert {str(r).split(":")[0][0] for r in validations[0].sqref.ranges} == {"D", "E"}
    units = book["Đơn vị"]
    assert units["A2"].value == "Văn phòng HĐND-UBND" and units["C2"].value == "vp"
    assert book["congvan"].sheet_state == "hidden"


def test_edits_in_excel_come_back_exactly(exported):
    data_file, path = exported
    original = data_file.read_text("utf-8")
    book = load_workbook(path)
    sheet = book["Nhiệm vụ"]
    sheet.cell(_row_of(sheet, "I.1"), 6).value = "Nội dung sửa trong Excel."
    sheet.cell(_row_of(sheet, "II.1"), 4).value = "Phòng Nội vụ; phòng tư pháp"
    sheet.cell(_row_of(sheet, "III.1"), 7).value = "Trước ngày 30/11/2023"
    sheet.delete_rows(_row_of(sheet, "V.3"))
    sheet.append([None, "THỂ CHẾ SỐ", "Rà soát văn bản về chuyển đổi số", "Phòng Tư pháp",
                  "Phòng VH&TT", "Phòng Tư pháp rà soát, báo cáo.", None, None, None])
    book.save(path)
    report = import_into(path, data_file)
    assert report.format().splitlines()[:5] == [
        "I.1: sửa nội dung nhiệm vụ",
        "II.1: chuyển chủ trì Phòng VH&TT → Phòng Nội vụ; phòng tư pháp",
        "III.1: đặt thời hạn “Trước ngày 30/11/2023”",
        "thêm dòng sau II.1: “Rà soát văn bản về chuyển đổi số”",
        "xóa dòng V.3: “Số lượng các phương án ứng cứu xử lý sự cố tấn công mạng”",
    ]
    sections = yaml.safe_load(data_file.read_text("utf-8"))["appendix"]["sections"]
    assert sections[0]["indicators"][0]["task"] == "Nội dung sửa trong Excel."
    assert sections[1]["indicators"][0]["lead"] == ["noi-vu", "tu-phap"]
    assert sections[1]["indicators"][1] == {
        "name": "Rà soát văn bản về chuyển đổi số", "lead": ["tu-phap"], "support": ["vhtt"],
        "task": "Phòng Tư pháp rà soát, báo cáo."}
    assert sections[2]["indicators"][0]["deadline"] == "Trước ngày 30/11/2023"
    assert len(sections[4]["indicators"]) == 3
    text = data_file.read_text("utf-8")
    assert text.split("appendix:")[0] == original.split("appendix:")[0]
    assert load(data_file).rows()


def test_a_date_typed_in_the_date_column_sets_the_deadline(exported):
    data_file, path = exported
    book = load_workbook(path)
    sheet = book["Nhiệm vụ"]
    sheet.cell(_row_of(sheet, "I.1"), 8).value = dt.datetime(2023, 10, 15)
    book.save(path)
    report = import_into(path, data_file)
    assert [c.format() for c in report.changes] == [
        "I.1: đổi thời hạn “Trước ngày 28/8/2023” → “Trước ngày 15/10/2023”"]


def test_values_excel_let_through_are_refused_naming_the_cell(exported):
    data_file, path = exported
    before = data_file.read_bytes()
    book = load_workbook(path)
    sheet = book["Nhiệm vụ"]
    row = _row_of(sheet, "II.1")
    sheet.cell(row, 4).value = "Phòng Không Có"
    book.save(path)
    with pytest.raises(EditConflict, match=rf"trang “Nhiệm vụ”, dòng {row}, cột “Chủ trì” "
                                           rf"\(D{row}\): “Phòng Không Có”"):
        import_into(path, data_file)
    sheet.cell(row, 4).value = "Phòng VH&TT"
    sheet.append([None, "NHÓM LẠ", "Việc mới", "Phòng VH&TT", None, "Làm gì đó.", None, None])
    book.save(path)
    with pytest.raises(EditConflict, match=r"dòng 26, cột “Nhóm” \(B26\): nhóm “NHÓM LẠ”"):
        import_into(path, data_file)
    assert data_file.read_bytes() == before


def test_bad_workbooks_write_nothing(exported, tmp_path):
    data_file, path = exported
    before = data_file.read_bytes()
    book = load_workbook(path)
    book["Nhiệm vụ"]["D1"] = "Người làm"
    book.save(tmp_path / "thieu-cot.xlsx")
    with pytest.raises(EditConflict, match="thiếu cột “Chủ trì”"):
        import_into(tmp_path / "thieu-cot.xlsx", data_file)
    (tmp_path / "hong.xlsx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(UnreadableFile, match="không phải tệp Excel"):
        import_into(tmp_path / "hong.xlsx", data_file)
    (tmp_path / "khoa.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    with pytest.raises(UnreadableFile, match="mật khẩu"):
        import_into(tmp_path / "khoa.xlsx", data_file)
    assert data_file.read_bytes() == before


def test_data_changed_since_the_export_is_refused(exported):
    data_file, path = exported
    data_file.write_text(data_file.read_text("utf-8").replace(
        "Tỷ lệ hồ sơ xử lý trực tuyến", "Tỷ lệ hồ sơ được xử lý trực tuyến"), "utf-8")
    with pytest.raises(EditConflict, match="đã thay đổi kể từ khi xuất"):
        import_into(path, data_file)


def test_dry_run_writes_nothing(exported):
    data_file, path = exported
    before = data_file.read_bytes()
    book = load_workbook(path)
    book["Nhiệm vụ"].delete_rows(2)
    book.save(path)
    report = import_into(path, data_file, dry_run=True)
    assert [c.kind for c in report.changes] == ["remove"]
    assert data_file.read_bytes() == before


def test_export_command(tmp_path):
    result = CliRunner().invoke(cli, ["export", str(SAMPLE), "--xlsx", str(tmp_path / "g.xlsx")])
    assert result.exit_code == 0, result.output
    assert result.output == f"Đã ghi 24 nhiệm vụ vào {tmp_path / 'g.xlsx'}.\n"
    assert load_workbook(tmp_path / "g.xlsx")["Nhiệm vụ"].max_row == 25
    # an existing workbook may hold edits not yet imported: replaced only with --force
    (tmp_path / "g.xlsx").write_bytes(b"edited")
    again = CliRunner().invoke(cli, ["export", str(SAMPLE), "--xlsx", str(tmp_path / "g.xlsx")])
    assert again.exit_code == 1 and "đã có" in again.output and "--force" in again.output
    assert (tmp_path / "g.xlsx").read_bytes() == b"edited"
    forced = CliRunner().invoke(cli, ["export", str(SAMPLE), "--xlsx", str(tmp_path / "g.xlsx"),
                                      "--force"])
    assert forced.exit_code == 0 and load_workbook(tmp_path / "g.xlsx")["Nhiệm vụ"].max_row == 25


def test_a_group_whose_rows_all_went_goes_too(exported):
    data_file, path = exported
    book = load_workbook(path)
    sheet = book["Nhiệm vụ"]
    sheet.delete_rows(_row_of(sheet, "I.1"))
    sheet.delete_rows(_row_of(sheet, "III.1"))
    book.save(path)
    report = import_into(path, data_file)
    assert [c.format()[:13] for c in report.changes] == ["xóa dòng I.1:", "xóa dòng III."]
    titles = [s["title"] for s in yaml.safe_load(data_file.read_text("utf-8"))["appendix"]["sections"]]
    assert titles[:2] == ["THỂ CHẾ SỐ", "NHÂN LỰC SỐ"]
