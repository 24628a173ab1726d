"""Letters of a document with a type name: they open with the document's type, number and
date, carry their own ký hiệu, cite tasks by the document's numbers, and show a shared
task once, merged; the number column fits the longest number on one line."""

import congvan
from congvan.nd30.metrics import text_width
from docxread import NS, norm, part, q, stream, text
from helpers import FIXTURES


def _task_tables(root):
    return [t for t in root.iter(q("w:tbl"))
            if norm(text(t.findall("w:tr", NS)[0].findall("w:tc", NS)[0])) == "STT"]


def test_plan_letter_opens_with_the_plan_and_has_its_own_symbol(built_kinds):
    root = part(built_kinds["ke-hoach"] / "don-vi" / "cong-an-thanh-pho.docx")
    lines = stream(root)
    intro = next(line for line in lines if line.startswith("Thực hiện"))
    assert intro.startswith("Thực hiện Kế hoạch số /KH-UBND ngày tháng 01 năm 2026 của UBND "
                            "thành phố Bắc Kạn về triển khai Đề án")
    assert "Số: /UBND-CA" in lines  # the letter's own ký hiệu, never the plan's
    assert not any("/KH-UBND" in line for line in lines if line.startswith("Số:"))
    assert "V/v thực hiện nhiệm vụ được giao tại Kế hoạch số /KH-UBND" in lines
    assert "- Lưu: VT, CA." in lines


def test_plan_letter_cites_the_plans_numbers_and_prints_deadlines_as_written(built_kinds):
    root = part(built_kinds["ke-hoach"] / "don-vi" / "cong-an-thanh-pho.docx")
    lead, support = _task_tables(root)
    rows = lead.findall("w:tr", NS)[1:]
    cells = [[norm(text(tc)) for tc in r.findall("w:tc", NS)] for r in rows]
    assert [c[0] for c in cells] == ["1", "2"]
    assert cells[0][2] == "Dữ liệu dân cư được làm sạch"  # the row's product, no task text
    assert [c[-1] for c in cells] == ["Xong trong Quý II/2026", "Nhiệm vụ thường xuyên"]
    assert [norm(text(r.findall("w:tc", NS)[0])) for r in support.findall("w:tr", NS)[1:]] == \
        ["3", "5", "6", "7"]


def test_continuous_numbers_and_a_shared_task_shown_once(tmp_path):
    data = congvan.load(FIXTURES / "plan-shared-task.yaml")
    assert [ind.ref for ind in data.rows()] == ["1", "2", "3", "4"]
    congvan.build(data, tmp_path)
    root = part(tmp_path / "don-vi" / "phong-vh-tt.docx")
    assert any(line.startswith("Thực hiện Kế hoạch số 07/KH-UBND ngày 02 tháng 3 năm 2026")
               for line in stream(root))
    lead = _task_tables(root)[0]
    rows = lead.findall("w:tr", NS)[1:]
    assert [norm(text(r.findall("w:tc", NS)[0])) for r in rows] == ["1", "3", "4"]
    shared = [r.findall("w:tc", NS)[2] for r in rows[1:]]
    merges = [tc.find("w:tcPr/w:vMerge", NS) for tc in shared]
    assert merges[0].get(q("w:val")) == "restart" and merges[1].get(q("w:val")) in (None, "continue")
    assert norm(text(shared[0])) == "Làm chung việc ba và bốn." and norm(text(shared[1])) == ""
    # the plan's own appendix merges the declared lead column and the task column
    plan = part(tmp_path / "ke-hoach.docx")
    table = next(t for t in plan.iter(q("w:tbl")) if t.find("w:tblPr/w:tblCaption", NS) is not None)
    last_two = table.findall("w:tr", NS)[-2:]
    for column in (2, 3):
        first, second = (r.findall("w:tc", NS)[column] for r in last_two)
        assert first.find("w:tcPr/w:vMerge", NS).get(q("w:val")) == "restart"
        assert second.find("w:tcPr/w:vMerge", NS) is not None
        assert norm(text(second)) == ""
    assert norm(text(last_two[1].findall("w:tc", NS)[1])) == "Việc bốn"  # name not merged


def test_number_column_fits_the_longest_number(built):
    root = part(built / "don-vi" / "phong-vh-tt.docx")
    for table in _task_tables(root):
        rows = table.findall("w:tr", NS)
        width = int(table.findall("w:tblGrid/w:gridCol", NS)[0].get(q("w:w")))
        margin = int(table.find("w:tblPr/w:tblCellMar/w:left", NS).get(q("w:w")))
        longest = max((norm(text(r.findall("w:tc", NS)[0])) for r in rows[1:]), key=len)
        assert "." in longest  # a cited number such as VII.3.1
        assert text_width(longest, 12, True) * 20 <= width - 2 * margin
    assert text_width("VIII.10.10", 12, True) * 20 <= width - 2 * margin


def test_dti_letters_keep_the_dispatch_reference(built):
    lines = stream(part(built / "don-vi" / "ubnd-phuong-duc-xuan.docx"))
    assert any(line.startswith("Thực hiện Công văn số /UBND-VHTT") for line in lines)
    assert "Số: /UBND-VHTT" in lines
