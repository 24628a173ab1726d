"""``diff_data``: tasks matched by name across versions, assignments after group
expansion, document fields, and exactly the unit letters a rebuild would change."""

import json

import pytest

import congvan
import congvan.data.units
from congvan.diff import (ADD, CHANGED, DELETED, MOVE, NEW, NO_DIFFERENCE, REMOVE, DataDiff,
                          diff_data, word_diff)

from helpers import FIXTURES, SAMPLE

DIFF = FIXTURES / "diff"


def pair(name: str) -> DataDiff:
    """The diff of ``tests/fixtures/diff/<name>-old.yaml`` → ``<name>-new.yaml``."""
    return diff_data(congvan.load(DIFF / f"{name}-old.yaml"),
                     congvan.load(DIFF / f"{name}-new.yaml"))


def letters(diff: DataDiff) -> dict[str, str]:
    return {letter.path: letter.status for letter in diff.letters}


def changes(diff: DataDiff) -> list[tuple[str, str, object, object]]:
    return [(c.ref, c.field, c.old, c.new) for c in diff.changed]


def test_identical_files_have_no_difference():
    diff = pair("identical")
    assert diff.is_empty
    assert diff.format() == NO_DIFFERENCE
    assert diff.to_dict() == {"added": [], "removed": [], "changed": [], "moved": [],
                              "document": [], "letters": []}


def test_task_added():
    diff = pair("task-added")
    assert [(t.ref, t.key, t.name) for t in diff.added] == [
        ("II.2", "THỂ CHẾ SỐ / Chỉ số bốn", "Chỉ số bốn")]
    assert not diff.removed and not diff.changed and not diff.moved and not diff.document
    assert letters(diff) == {"don-vi/phong-tu-phap.docx": CHANGED}
    assert "Nhiệm vụ thêm mới (1):\n  - II.2 THỂ CHẾ SỐ / Chỉ số bốn" in diff.format()


def test_task_removed():
    diff = pair("task-removed")
    assert [(t.ref, t.key) for t in diff.removed] == [("I.2", "NHẬN THỨC SỐ / Chỉ số hai")]
    assert not diff.added and not diff.changed and not diff.moved
    assert letters(diff) == {"don-vi/phong-noi-vu.docx": CHANGED}
    assert "Nhiệm vụ bị bỏ (1):" in diff.format()


def test_task_text_word_diff():
    diff = pair("task-text")
    [change] = diff.changed
    assert (change.ref, change.field) == ("I.1", "task")
    assert change.word_diff == ("[-Xây dựng-]{+Ban hành+} kế hoạch tuyên [-truyền-]{+truyền, phổ "
                                "biến+} chuyển đổi số trước ngày 15/9/2023.")
    assert change.new == ("Ban hành kế hoạch tuyên truyền, phổ biến chuyển đổi số trước ngày "
                          "15/9/2023.")
    assert f"nội dung nhiệm vụ: {change.word_diff}" in diff.format()
    assert letters(diff) == {"don-vi/phong-vh-tt.docx": CHANGED,
                             "don-vi/phong-noi-vu.docx": CHANGED}


def test_task_moved_between_offices():
    diff = pair("task-moved")
    [move] = diff.moved
    assert (move.action, move.role, move.lost, move.gained) == (MOVE, "lead", ("noi-vu",),
                                                                ("tu-phap",))
    assert move.text == "I.2: chủ trì chuyển từ Phòng Nội vụ sang Phòng Tư pháp"
    assert "Phân công thay đổi (1):\n  - I.2: chủ trì chuyển từ Phòng Nội vụ sang Phòng Tư pháp" \
        in diff.format()
    # The printed lead cell follows the move; it is not reported a second time.
    assert not diff.changed and not diff.added and not diff.removed
    assert letters(diff) == {"don-vi/phong-noi-vu.docx": CHANGED,
                             "don-vi/phong-tu-phap.docx": CHANGED}


def test_group_lead_replaced_by_one_member():
    diff = pair("group-lead-to-member")
    [move] = diff.moved
    assert (move.action, move.role, move.lost, move.gained) == (REMOVE, "lead",
                                                                ("vhtt", "tu-phap"), ())
    assert move.text == "II.1: bỏ chủ trì: Phòng VH&TT, Phòng Tư pháp"
    # Phòng Nội vụ keeps the task as lead and its letter prints nothing else that changed.
    assert letters(diff) == {"don-vi/phong-vh-tt.docx": CHANGED,
                             "don-vi/phong-tu-phap.docx": DELETED}


def test_deadline_changed():
    diff = pair("deadline")
    assert changes(diff) == [("I.2", "deadline", "Trong tháng 10/2023 (hạn 31/10/2023)",
                              "Trong tháng 11/2023 (hạn 30/11/2023)")]
    assert ("thời hạn: Trong tháng 10/2023 (hạn 31/10/2023) → Trong tháng 11/2023 "
            "(hạn 30/11/2023)") in diff.format()
    assert letters(diff) == {"don-vi/phong-noi-vu.docx": CHANGED}


def test_row_inserted_renumbers_later_rows():
    diff = pair("row-inserted")
    assert [t.ref for t in diff.added] == ["I.1"]
    assert not diff.removed
    assert changes(diff) == [("I.2", "ref", "I.1", "I.2"), ("I.3", "ref", "I.2", "I.3")]
    assert [c.old_ref for c in diff.changed] == ["I.1", "I.2"]
    assert "đánh số lại: I.1 → I.2" in diff.format()
    # The letters print the refs, so both renumbered rows' units change; II.1 is untouched.
    assert letters(diff) == {"don-vi/phong-vh-tt.docx": CHANGED,
                             "don-vi/phong-noi-vu.docx": CHANGED}


def test_duplicate_names_fall_back_to_ref(tmp_path):
    old_text = (DIFF / "row-inserted-old.yaml").read_text(encoding="utf-8").replace(
        "name: Chỉ số hai", "name: Chỉ số một")
    new_text = old_text.replace("      indicators:\n        - name: Chỉ số một\n",
                                "      indicators:\n        - name: Chỉ số một\n"
                                "          lead: [vhtt]\n"
                                "          task: Việc chen vào thường xuyên.\n"
                                "        - name: Chỉ số một\n", 1)
    (tmp_path / "old.yaml").write_text(old_text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new_text, encoding="utf-8")
    diff = diff_data(congvan.load(tmp_path / "old.yaml"), congvan.load(tmp_path / "new.yaml"))
    assert [t.key for t in diff.added] == ["NHẬN THỨC SỐ / Chỉ số một (I.1)"]
    assert not diff.removed
    assert changes(diff) == [("I.2", "ref", "I.1", "I.2"), ("I.3", "ref", "I.2", "I.3")]


def test_document_date_changes_every_letter():
    diff = pair("document-date")
    assert [(f.field, f.old, f.new) for f in diff.document] == [
        ("document.date", "2023-09-05", "2023-09-10")]
    assert letters(diff) == {"don-vi/phong-vh-tt.docx": CHANGED,
                             "don-vi/phong-noi-vu.docx": CHANGED,
                             "don-vi/phong-tu-phap.docx": CHANGED}
    assert "Nội dung công văn thay đổi (1):\n  - ngày ban hành (document.date): " \
        "2023-09-05 → 2023-09-10" in diff.format()


def test_reverse_diff_reports_new_letter():
    diff = diff_data(congvan.load(DIFF / "group-lead-to-member-new.yaml"),
                     congvan.load(DIFF / "group-lead-to-member-old.yaml"))
    assert [m.action for m in diff.moved] == [ADD]
    assert letters(diff)["don-vi/phong-tu-phap.docx"] == NEW


def test_format_orders_sections_and_omits_empty_ones():
    text = pair("row-inserted").format()
    assert text.index("Nhiệm vụ thêm mới") < text.index("Nhiệm vụ thay đổi") \
        < text.index("Thư đơn vị thay đổi")
    assert "Nhiệm vụ bị bỏ" not in text and "Phân công thay đổi" not in text


def test_to_dict_is_plain_json():
    data = pair("task-moved").to_dict()
    assert list(data) == ["added", "removed", "changed", "moved", "document", "letters"]
    assert data["moved"] == [{
        "ref": "I.2", "key": "NHẬN THỨC SỐ / Chỉ số hai", "role": "lead", "action": "move",
        "lost": ["noi-vu"], "gained": ["tu-phap"],
        "text": "I.2: chủ trì chuyển từ Phòng Nội vụ sang Phòng Tư pháp"}]
    assert data["letters"][0] == {"unit": "noi-vu", "name": "Phòng Nội vụ",
                                  "path": "don-vi/phong-noi-vu.docx", "status": "changed",
                                  "old_path": ""}
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    # the text report says the status in Vietnamese
    assert "  - don-vi/phong-noi-vu.docx — noi-vu, Phòng Nội vụ: thay đổi" in \
        pair("task-moved").format().splitlines()


@pytest.mark.parametrize("old, new, expected", [
    ("a b c", "a b c", "a b c"),
    ("a b c", "a x c", "a [-b-]{+x+} c"),
    ("a b c", "a c", "a [-b-] c"),
    ("a c", "a b c", "a {+b+} c"),
    ("a  b\nc", "a b c", "a b c"),
])
def test_word_diff(old, new, expected):
    assert word_diff(old.split(), new.split()) == expected


# --- the real sample ---------------------------------------------------------------------------

V3_LEAD = ("        - name: Số lượng các phương án ứng cứu xử lý sự cố tấn công mạng\n"
           "          lead: [vhtt]")


def modified_sample(tmp_path, old: str, new: str):
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "modified.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return congvan.load(path)


def test_sample_against_itself_is_empty(sample):
    assert diff_data(sample, congvan.load(SAMPLE)).is_empty


def test_sample_lead_moved(sample, tmp_path):
    new = modified_sample(tmp_path, V3_LEAD, V3_LEAD.replace("[vhtt]", "[noi-vu]"))
    diff = diff_data(sample, new)
    assert [m.text for m in diff.moved] == [
        "V.3: chủ trì chuyển từ Phòng VH&TT sang Phòng Nội vụ",
        # Both are in "Các phòng, ban, ngành", which coordinates V.3: the roles swap.
        "V.3: phối hợp chuyển từ Phòng Nội vụ sang Phòng VH&TT",
    ]
    assert not diff.added and not diff.removed and not diff.changed and not diff.document
    found = letters(diff)
    assert found["don-vi/phong-vh-tt.docx"] == CHANGED
    assert found["don-vi/phong-noi-vu.docx"] == CHANGED
    # Every coordinating unit's letter prints the new lead; doan-the has no part in V.3.
    assert "don-vi/cac-doan-the-to-chuc-chinh-tri-xa-hoi.docx" not in found
    assert set(found.values()) == {CHANGED}


def test_sample_shared_task_reported_once(sample, tmp_path):
    new = modified_sample(tmp_path, "chuyên trách, kiêm nhiệm về chuyển đổi số tại",
                          "chuyên trách về chuyển đổi số tại")
    diff = diff_data(sample, new)
    # IV.2 shares IV.1's task: the edit is reported on IV.1 only.
    assert [(c.ref, c.field) for c in diff.changed] == [("IV.1", "task")]
    assert "viên chức chuyên [-trách, kiêm nhiệm-]{+trách+} về" in diff.changed[0].word_diff
    assert set(letters(diff)) == {"don-vi/phong-vh-tt.docx", "don-vi/phong-noi-vu.docx"}


def test_sample_indicator_renamed_is_one_change(sample, tmp_path):
    new = modified_sample(tmp_path, "name: Số lượng các cuộc diễn tập được triển khai",
                          "name: Số cuộc diễn tập an toàn thông tin")
    diff = diff_data(sample, new)
    assert not diff.added and not diff.removed
    assert changes(diff) == [("V.4", "name", "Số lượng các cuộc diễn tập được triển khai",
                              "Số cuộc diễn tập an toàn thông tin")]


def test_sample_signer_changes_every_letter(sample, tmp_path):
    new = modified_sample(tmp_path, "name: Hoàng Hà Bắc", "name: Nguyễn Văn An")
    diff = diff_data(sample, new)
    assert [(f.field, f.old, f.new) for f in diff.document] == [
        ("document.signer.name", "Hoàng Hà Bắc", "Nguyễn Văn An")]
    assert {letter.unit for letter in diff.letters} == set(congvan.data.units.assignments(sample))
