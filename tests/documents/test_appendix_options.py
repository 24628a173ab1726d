"""Appendix options rendered: several appendices (each its own section, orientation and
numbering), a list form, a portrait table, a free per-row column, data printed literally."""

import copy

import yaml

import congvan
from docxread import NS, norm, part, q, sections, stream, text
from helpers import FIXTURES

MINIMAL = yaml.safe_load((FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8"))


def _build(tmp_path, data):
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    congvan.build(congvan.load(path), out)
    return out


def _report_with_two_appendices():
    data = copy.deepcopy(MINIMAL)
    data["document"].update(type="bao-cao", symbol="UBND-VHTT",
                            subject="Kết quả thực hiện nhiệm vụ thử")
    table = data.pop("appendix")
    table.update(orientation="portrait", columns=[
        {"show": "number", "title": "TT", "width": 1},
        {"show": "name", "title": "Nội dung", "width": 4},
        {"show": "field", "key": "ket-qua", "title": "Kết quả đạt được", "width": 3},
        {"show": "note", "width": 2}])
    table["sections"][0]["indicators"][0].update(
        fields={"ket-qua": "Đạt *100%* & <vượt> {{ kế hoạch }}"}, note="Ghi chú")
    listed = {"heading": "Phụ lục", "title": "Danh sách việc", "form": "list",
              "rows": [{"name": "Việc một", "task": "Mô tả *việc* một."},
                       {"name": "Việc hai", "lead": "noi-vu"}]}
    data["appendices"] = [table, listed]
    return data


def test_two_appendices_each_in_its_own_section(tmp_path):
    out = _build(tmp_path, _report_with_two_appendices())
    root = part(out / "bao-cao.docx")
    main, first, second = sections(root)
    for sect in (main, first, second):
        size = sect.find("w:pgSz", NS)
        assert int(size.get(q("w:w"))) < int(size.get(q("w:h")))  # all portrait here
    assert first.find("w:pgNumType", NS).get(q("w:start")) == "1"
    assert second.find("w:pgNumType", NS).get(q("w:start")) == "1"
    lines = stream(root)
    assert "Số: /BC-UBND-VHTT" in lines and "BÁO CÁO" in lines
    assert "Kính gửi: Phòng Văn hóa và Thông tin." in lines  # a báo cáo may have one
    assert lines.count("(Kèm theo Báo cáo số /BC-UBND-VHTT ngày 05 tháng 9 năm 2023 của "
                       "UBND thành phố Bắc Kạn)") == 2
    assert "PHỤ LỤC I" in lines and "Phụ lục II" in lines


def test_a_field_column_and_literal_data(tmp_path):
    out = _build(tmp_path, _report_with_two_appendices())
    root = part(out / "bao-cao.docx")
    table = next(t for t in root.iter(q("w:tbl")) if t.find("w:tblPr/w:tblCaption", NS) is not None)
    rows = table.findall("w:tr", NS)
    assert [norm(text(tc)) for tc in rows[0].findall("w:tc", NS)] == [
        "TT", "Nội dung", "Kết quả đạt được", "Ghi chú"]
    cell = rows[-1].findall("w:tc", NS)[2]
    assert norm(text(cell)) == "Đạt 100% & <vượt> {{ kế hoạch }}"
    italic = [r for r in cell.iter(q("w:r")) if r.find("w:rPr/w:i", NS) is not None]
    assert [norm(text(r)) for r in italic] == ["100%"]
    widths = [int(c.get(q("w:w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert widths[1] == 4 * widths[0] or abs(widths[1] - 4 * widths[0]) <= 4
    assert rows[1].findall("w:tc", NS)[0].find("w:tcPr/w:gridSpan", NS) is None
    assert norm(text(rows[1])) == "INHẬN THỨC SỐ"  # group row: numeral, then the title


def test_list_form_has_no_table(tmp_path):
    out = _build(tmp_path, _report_with_two_appendices())
    root = part(out / "bao-cao.docx")
    assert len([t for t in root.iter(q("w:tbl"))
                if t.find("w:tblPr/w:tblCaption", NS) is not None]) == 1
    lines = stream(root)
    start = lines.index("Danh sách việc")
    assert lines[start + 2:start + 5] == ["1. Việc một", "Mô tả việc một.", "2. Việc hai"]
