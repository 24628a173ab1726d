"""Reading YAML with positions: marks, and files built to exhaust the reader."""

import pytest
import yaml

import congvan
from congvan.data import source
from tests.helpers import ROOT


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


def _run(*args):
    from click.testing import CliRunner

    from congvan.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


DEEP = {
    "flow lists": ("x: " + "[" * 2000 + "]" * 2000 + "\n", 1, 3 + source.MAX_DEPTH),
    "flow tables": ("x: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n", 1, 4 * source.MAX_DEPTH),
    "indented tables": ("".join("  " * i + "a:\n" for i in range(600)) + "  " * 600 + "b: 1\n",
                        source.MAX_DEPTH + 1, 2 * source.MAX_DEPTH + 1),
    "a hundred thousand brackets": ("[" * 100_000 + "]" * 100_000, 1, 1 + source.MAX_DEPTH),
}


@pytest.mark.parametrize("name", DEEP)
@pytest.mark.parametrize("command", ["build", "check", "units", "diff"])
def test_deep_nesting_is_a_located_error_for_every_command(tmp_path, name, command):
    text, line, column = DEEP[name]
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    args = [command, path] + ([path] if command == "diff" else []) + (
        ["-o", tmp_path / "out"] if command == "build" else [])
    result = _run(*args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.splitlines()[-1] == (
        f"{path}:{line}:{column}: lỗi: dữ liệu lồng nhau quá sâu: hơn {source.MAX_DEPTH} tầng "
        "danh sách hoặc bảng. Hãy kiểm tra dấu ngoặc [ ] { } và thụt lề; dữ liệu thật chỉ "
        "lồng khoảng mười tầng.")
    assert not (tmp_path / "out").exists()


def test_a_deep_file_with_a_syntax_error_after_it_reports_the_depth(tmp_path):
    with pytest.raises(congvan.DataError, match="lồng nhau quá sâu"):
        source.parse_source("[" * 5000 + "}", "d.yaml")


@pytest.mark.parametrize("char, label", [("\u2028", "LINE SEPARATOR"), ("\u2029", "PARAGRAPH SEPARATOR"),
                                         ("\u0085", "NEL")])
def test_a_raw_line_separator_is_reported_where_it_is(char, label):
    text = ("document:\n  subject: V/v triển khai\n  place: Bắc Kạn\n"
            f"units:\n  - id: a\n    name: Phòng Nội{char} vụ\n    short: Phòng NV\n")
    with pytest.raises(congvan.DataError) as info:
        source.parse_source(text, "d.yaml")
    (problem,) = info.value.problems
    assert problem.format() == (
        f"d.yaml:6:20: lỗi: có ký tự ngắt dòng U+{ord(char):04X} ({label}) nằm giữa dòng; "
        "YAML coi nó là xuống dòng nên sẽ cắt đôi văn bản. Hãy xóa ký tự đó hoặc thay bằng "
        "dấu cách (thường do dán từ Word hoặc trang web).")


def test_the_c_loader_gives_the_pure_python_values_and_marks(monkeypatch):
    from helpers import SAMPLE

    text = SAMPLE.read_text("utf-8")
    fast = source.parse_source(text, "s.yaml")
    monkeypatch.setattr(source, "FAST_LOADER", source.yaml.SafeLoader)
    slow = source.parse_source(text, "s.yaml")
    assert (fast.value, fast.marks, fast.key_marks) == (slow.value, slow.marks, slow.key_marks)


def test_syntax_errors_keep_the_pure_python_wording_and_marks():
    with pytest.raises(congvan.DataError) as info:
        source.parse_source("a: [1, 2\nb: 3\n", "d.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (2, 2)
    assert "thiếu dấu phẩy hoặc dấu ] đóng danh sách" in problem.message


def _real_depth(text: str) -> int:
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest


def _nested(rng, level: int):
    if level == 0 or rng.random() < 0.15:
        return rng.choice(["x", 1, "a: b", "- c"])
    # one deep branch, the others leaves: deep without growing exponentially
    width = rng.randint(1, 3)
    items = [_nested(rng, level - 1) if i == 0 else rng.choice(["y", 2]) for i in range(width)]
    if rng.random() < 0.5:
        return items
    return {f"k{i}": item for i, item in enumerate(items)}


COMPACT = ["- - - - a\n", "? - - a\n: - - b\n", "a:\n- b:\n  - c:\n    - d\n",
           "- a:\n  - - b: [c, {d: [e]}]\n", "x: &r\n  - - y\n"]


def test_the_depth_bound_is_never_below_the_real_depth():
    # the depth pass is skipped when the bound is small: it must hold for every shape
    import random

    rng = random.Random(7)
    texts = list(COMPACT)
    for _ in range(300):
        value = _nested(rng, rng.randint(1, 40))
        texts.append(yaml.safe_dump(value, default_flow_style=rng.choice([False, None, True]),
                                    indent=rng.choice([2, 3, 4]), allow_unicode=True))
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.yaml"))]
    for text in texts:
        assert source.depth_bound(text) >= _real_depth(text), text
    assert all(source.depth_bound(text) > source.MAX_DEPTH for text, _, _ in DEEP.values())
