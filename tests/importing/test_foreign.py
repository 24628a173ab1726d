"""Importing documents this project did not write (tests/foreign_documents.py): other
column titles and order, an extra column, a title row above the header, a two-row
header, merged cells down and across, several paragraphs in a cell, a table split
across pages. Each import loads, builds, and its table prints what the document said."""

import pytest

import congvan
from congvan.importing import import_docx, write_import
from congvan.nd30.reading import read_docx
from foreign_documents import UP, Group, Split, table_in_text, task_document, word_numbered


def _imported(tmp_path, header, rows, **kwargs):
    path = task_document(tmp_path / "cu.docx", header, rows, **kwargs)
    imported = write_import(path, tmp_path / "du-lieu.yaml")
    data = congvan.load(tmp_path / "du-lieu.yaml")
    return path, imported, data


def _appendix(imported):
    return imported.data["appendix"]


def _rows(app):
    return app.get("rows") or [r for s in app["sections"] for r in s["indicators"]]


def _where(imported):
    return [n.where for n in imported.notes]


def _data_rows(path):
    """Cell texts of the rows of the last tables, from the first numbered row on."""
    doc = read_docx(path)
    rows = [[" ".join(p.text for p in c.paragraphs if p.text) for c in r.cells]
            for t in doc.tables if t.rows and len(t.grid) > 2 for r in t.rows]
    return rows


def test_other_titles_and_order_and_an_extra_column(tmp_path):
    header = ["Số TT", "Cơ quan chủ trì thực hiện", "Nội dung công việc", "Phối hợp",
              "Thời hạn hoàn thành", "Kinh phí (triệu đồng)"]
    rows = [["1", "Phòng Văn hóa và Thông tin", "Tuyên truyền chuyển đổi số",
             "Phòng Nội vụ; Phòng Tư pháp", "Quý IV/2023", "50"],
            ["2", "Phòng Nội vụ", "Bồi dưỡng công chức", "", "tháng 12/2023", "20"]]
    path, imported, data = _imported(tmp_path, header, rows)
    app = _appendix(imported)
    assert [c["show"] for c in app["columns"]] == ["number", "lead", "name", "support",
                                                   "deadline", "field"]
    assert app["columns"][5] == {"show": "field", "title": "Kinh phí (triệu đồng)",
                                 "width": app["columns"][5]["width"], "key": "kinh-phi-trieu-dong"}
    first, second = _rows(app)
    assert first["name"] == "Tuyên truyền chuyển đổi số"
    assert first["fields"] == {"kinh-phi-trieu-dong": "50"}
    units = {u["id"]: u for u in imported.data["units"]}
    assert [units[i]["name"] for i in first["support"]] == ["Phòng Nội vụ", "Phòng Tư pháp"]
    assert second["lead"] == first["support"][:1]  # one unit, named twice
    assert "support" not in second
    rows_data = list(data.rows())
    assert rows_data[0].deadline.due.isoformat() == "2023-12-31"
    out = tmp_path / "b"
    congvan.build(data, out)
    built = [r for r in _data_rows(out / "ke-hoach.docx") if r[0] in ("1", "2")]
    assert built == rows


def test_a_title_row_above_the_header_and_a_column_number_row(tmp_path):
    header = ["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp"]
    rows = [["1", "Rà soát thủ tục", "Văn phòng", "Phòng Tư pháp"]]
    _, imported, _ = _imported(tmp_path, header, rows, title=None,
                               title_row="DANH MỤC NHIỆM VỤ NĂM 2023", column_numbers=True)
    app = _appendix(imported)
    assert app["title"] == "DANH MỤC NHIỆM VỤ NĂM 2023"  # no title above the table: the row's
    assert app["column_numbers"] is True
    assert [r["name"] for r in _rows(app)] == ["Rà soát thủ tục"]


def test_merged_cells_both_ways(tmp_path):
    header = ["STT", "Nội dung", ("Đơn vị thực hiện", ["Chủ trì", "Phối hợp"]), "Nhiệm vụ"]
    rows = [Group("I", "TUYÊN TRUYỀN"),
            ["1", "Tần suất phát sóng", "Phòng VH&TT", "Các xã, phường", "Xây dựng chuyên mục."],
            ["2", "Số tin bài", UP, "Phòng Nội vụ", UP],
            Group("", "HẠ TẦNG SỐ"),
            ["1", "Điện thoại thông minh", "Trung tâm Y tế", "", "Phổ cập điện thoại."]]
    path, imported, data = _imported(tmp_path, header, rows)
    app = _appendix(imported)
    assert [c["show"] for c in app["columns"]] == ["number", "name", "lead", "support", "task"]
    assert [c["title"] for c in app["columns"]][2:4] == ["Chủ trì", "Phối hợp"]
    assert [s["title"] for s in app["sections"]] == ["TUYÊN TRUYỀN", "HẠ TẦNG SỐ"]
    first, second = app["sections"][0]["indicators"]
    assert second["shares_task"] is True and "task" not in second
    assert second["lead"] == first["lead"]  # the merged cell names the unit for both rows
    assert app["columns"][2]["merge"] is True
    assert "Phụ lục: số các nhóm (I, ) không theo I, II… hay A, B…; được đánh lại I, II…." \
        in [f"{n.where}: {n.message}" for n in imported.notes]
    group = next(u for u in imported.data["units"] if u["name"] == "Các xã, phường")
    assert group["kind"] == "group"
    assert any("Các xã, phường" in n.where and "members" in n.message for n in imported.notes)
    ind = [i for i in data.rows()]
    assert ind[1].shares_task and ind[1].task == ind[0].task == ("Xây dựng chuyên mục.",)


def test_several_paragraphs_in_a_cell(tmp_path):
    header = ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Nhiệm vụ"]
    rows = [["1", "Tuyên truyền", ["Phòng VH&TT", "Phòng Nội vụ"], "",
             ["Xây dựng chuyên mục.", "Phát sóng hằng tuần."]]]
    _, imported, data = _imported(tmp_path, header, rows)
    row = _rows(_appendix(imported))[0]
    assert row["task"] == ["Xây dựng chuyên mục.", "Phát sóng hằng tuần."]
    assert len(row["lead"]) == 2
    assert next(data.rows()).lead_text == "Phòng VH&TT; Phòng Nội vụ"


def test_a_table_split_across_pages(tmp_path):
    header = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"]
    rows = [["1", "Rà soát dữ liệu", "Công an", "Quý I/2024"],
            Split(header=True),
            ["2", "Làm sạch dữ liệu", "Công an", "Quý II/2024"],
            Split(header=False),
            ["", "dân cư", "", ""],
            ["3", "Cấp căn cước", "Công an", "2024"]]
    _, imported, data = _imported(tmp_path, header, rows)
    names = [r["name"] for r in _rows(_appendix(imported))]
    assert names == ["Rà soát dữ liệu", "Làm sạch dữ liệu dân cư", "Cấp căn cước"]
    assert "Phụ lục, bảng 3, dòng 1" in _where(imported)
    assert [i.number for i in data.rows()] == ["1", "2", "3"]


def test_what_cannot_be_read_is_a_warning_naming_the_row(tmp_path):
    header = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"]
    rows = [["1", "Rà soát", "Công an", "Quý I/2024"],
            ["x", "Làm sạch", "Công an", "khi có chỉ đạo"],
            ["5", "Cấp căn cước", "Công an", "2024"]]
    _, imported, data = _imported(tmp_path, header, rows)
    notes = [(n.where, n.message) for n in imported.notes]
    assert any(w == "Phụ lục, bảng 1, dòng 3" and "không phải một số" in m for w, m in notes)
    assert ("Phụ lục, bảng 1, dòng 4", "số thứ tự «5» sẽ được đánh lại là «3».") in notes
    assert any(w == "Phụ lục, bảng 1, dòng 3" and "cột tự đặt" in m for w, m in notes)
    assert [c.show for c in data.appendix.columns][3] == "field"
    assert [r.field("thoi-gian") for r in data.rows()] == ["Quý I/2024", "khi có chỉ đạo", "2024"]


@pytest.mark.parametrize("kind", ["Kế hoạch", "Thông báo", "Báo cáo", "Quyết định"])
def test_each_kind_is_read_from_the_document(tmp_path, kind):
    header = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì"]
    path = task_document(tmp_path / "cu.docx", header, [["1", "Rà soát", "Công an"]], kind=kind)
    if kind == "Quyết định":  # the page-1 helper writes no articles: the import asks for them
        imported = import_docx(path)
        assert "Quyết định" in _where(imported)
        return
    imported = import_docx(path)
    key = {"Kế hoạch": "ke-hoach", "Thông báo": "thong-bao", "Báo cáo": "bao-cao"}[kind]
    assert imported.data["document"]["type"] == key
    assert imported.data["document"]["symbol"] == "UBND"
    assert imported.data["document"]["issuer"] == {
        "parent": "UBND TỈNH BẮC KẠN", "lines": ["SỞ NỘI VỤ"], "short_name": "Sở Nội vụ"}


def test_a_symbol_of_another_type_is_a_warning(tmp_path):
    header = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì"]
    path, imported, data = _imported(tmp_path, header, [["1", "Rà soát", "Công an"]],
                                     kind="Thông báo", symbol="TTr-UBND")
    assert imported.data["document"]["symbol"] == "UBND"
    assert data.document.symbol == "TB-UBND"
    assert any("«TTR»" in n.message for n in imported.notes)


def test_a_table_in_the_text_becomes_an_appendix_with_a_warning(tmp_path):
    path = table_in_text(tmp_path / "cu.docx", ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì"],
                         [["1", "Rà soát", "Công an"], ["2", "Cấp căn cước", "Công an"]])
    imported = write_import(path, tmp_path / "d.yaml")
    assert [r["name"] for r in _rows(_appendix(imported))] == ["Rà soát", "Cấp căn cước"]
    assert "Bảng trong nội dung" in _where(imported)
    assert [i.lead for i in congvan.load(tmp_path / "d.yaml").rows()] == [("cong-an",)] * 2


def test_numbers_drawn_by_word(tmp_path):
    path = word_numbered(tmp_path / "cu.docx", ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì"],
                         [["Rà soát", "Công an"], ["Cấp căn cước", "Công an"]],
                         [("List Number", "MỤC ĐÍCH"), ("List Number", "TỔ CHỨC THỰC HIỆN"),
                          ("List Bullet", "Công an chủ trì")])
    imported = write_import(path, tmp_path / "d.yaml")
    body = imported.data["document"]["body"]
    assert body[-2:] == [{"point": "MỤC ĐÍCH"}, {"point": "TỔ CHỨC THỰC HIỆN",
                                                  "points": [{"point": "Công an chủ trì"}]}]
    assert [r["name"] for r in _rows(_appendix(imported))] == ["Rà soát", "Cấp căn cước"]
    assert not [n for n in imported.notes if "bảng" in n.where]  # the STT cells are numbers
    assert [i.number for i in congvan.load(tmp_path / "d.yaml").rows()] == ["1", "2"]
