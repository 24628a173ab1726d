"""Reading YAML with positions: marks, and files built to exhaust the reader."""

import pytest

import congvan
from congvan.data import source


def test_marks_point_at_values_and_keys():
    src = source.parse_source("document:\n  subject: V/v thử\n", "d.yaml")
    assert src.marks["document.subject"] == (2, 12)
    assert src.key_marks["document.subject"] == (2, 3)
    assert src.where("document.subject[3].x") == (2, 12)


def test_nested_aliases_stop_with_a_located_error(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_VALUES", 10_000)
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "lol.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(congvan.DataError) as info:
        congvan.load(path)
    (problem,) = info.value.problems
    assert problem.line is not None
    assert problem.message.startswith("dữ liệu quá lớn: hơn 10.000 giá trị")
