"""Units compared as people read them: NFC, case folded, spaces collapsed."""

from __future__ import annotations

import unicodedata

import pytest
import yaml

import congvan
from congvan.data.checks import reading
from congvan.exceptions import DataError
from helpers import SAMPLE


def _with(tmp_path, index: int, **fields):
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["units"][index].update(fields)
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _line(path, uid: str, field: str) -> int:
    """Line of ``field`` of the unit ``uid`` in a file written by yaml.safe_dump."""
    lines = path.read_text("utf-8").splitlines()
    start = lines.index(f"- id: {uid}")
    return next(n for n in range(start, len(lines)) if lines[n].lstrip().startswith(f"{field}:")) + 1


def _problems(path) -> list[str]:
    with pytest.raises(DataError) as caught:
        congvan.load(path)
    return [p.format() for p in caught.value.problems]


def test_reading():
    nfd = unicodedata.normalize("NFD", "Phòng Tư pháp")
    assert nfd != "Phòng Tư pháp"
    assert reading(nfd) == reading("PHÒNG  TƯ PHÁP") == "phòng tư pháp"
    assert reading("Phòng Văn hóa") != reading("Phòng Văn hoá")  # the marks differ: not the same


@pytest.mark.parametrize("fields, field, label, other", [
    ({"short": unicodedata.normalize("NFD", "Phòng Tư pháp")}, "short", "tên ngắn", "Phòng Tư pháp"),
    ({"short": "PHÒNG TƯ PHÁP"}, "short", "tên ngắn", "Phòng Tư pháp"),
    ({"name": unicodedata.normalize("NFD", "Phòng Tư pháp thành phố")}, "name", "tên",
     "Phòng Tư pháp thành phố"),
    ({"name": "phòng tư  pháp THÀNH PHỐ"}, "name", "tên", "Phòng Tư pháp thành phố"),
])
def test_two_units_that_read_the_same_are_a_located_error(tmp_path, fields, field, label, other):
    # units[1] is Phòng Nội vụ, units[2] Phòng Tư pháp.
    path = _with(tmp_path, 1, **fields)
    problems = _problems(path)
    assert len(problems) == 1
    value = unicodedata.normalize("NFC", fields[field])
    assert problems[0].startswith(f"{path}:{_line(path, 'tu-phap', field)}:")
    assert f"lỗi: units[2].{field}: {label} \"{other}\" đọc giống hệt {label} \"{value}\" " \
           f"của units[1] (dòng {_line(path, 'noi-vu', field)}, mã \"noi-vu\"); hai đơn vị sẽ không phân biệt được." in problems[0]
    assert "Nếu là cùng một đơn vị, hãy bỏ một mục" in problems[0]


def test_ids_differing_only_in_case_are_one_unit(tmp_path):
    problems = _problems(_with(tmp_path, 1, id="TU-PHAP"))
    assert any('units[2].id: mã "tu-phap" đọc giống hệt mã "TU-PHAP" của units[1]' in p
               for p in problems)


def test_the_sample_has_no_such_pair():
    congvan.load(SAMPLE)
