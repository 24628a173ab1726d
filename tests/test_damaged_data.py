"""Property tests (b): the sample file damaged at random → it loads, or a DataError whose
problems all have a file, a line and a Vietnamese message."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import congvan
from text_kit import EMOJI, VI_LETTERS, dump_yaml, is_vietnamese
from helpers import ROOT, SAMPLE


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


# --- (b) the sample, damaged ------------------------------------------------------------

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")

_TCVN3 = "©¨«¬®µ¸¹ßãä×Ý¾Ç"
_CONTROL = [chr(c) for c in range(0x20) if chr(c) not in "\n"] + ["\x7f"]
_replacement = st.one_of(
    st.sampled_from(_CONTROL),
    st.sampled_from(_TCVN3),
    st.sampled_from(VI_LETTERS),
    st.sampled_from(":-[]{},#&*!|>'\"%@`? \t0123456789"),
    st.sampled_from(EMOJI),
)

_mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10**6)),
    st.tuples(st.just("duplicate"), st.integers(0, 10**6)),
    st.tuples(st.just("swap"), st.integers(0, 10**6), st.integers(0, 10**6)),
    st.tuples(st.just("indent"), st.integers(0, 10**6), st.integers(-4, 4)),
    st.tuples(st.just("replace"), st.integers(0, 10**7), _replacement),
    st.tuples(st.just("truncate"), st.integers(0, 10**7)),
)


def mutate(text: str, mutations) -> str:
    for m in mutations:
        lines = text.split("\n")
        op, a = m[0], m[1]
        i = a % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = m[2] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            shift = m[2]
            line = lines[i]
            lines[i] = " " * shift + line if shift >= 0 else line[min(-shift, len(line) - len(line.lstrip(" "))):]
        elif op == "replace":
            if text:
                p = a % len(text)
                text = text[:p] + m[2] + text[p + 1:]
            continue
        elif op == "truncate":
            text = text[:a % (len(text) + 1)]
            continue
        text = "\n".join(lines)
    return text


def _check_problems(exc: congvan.DataError, path: Path, text: str) -> None:
    assert exc.problems, "DataError without problems"
    breaks = len(re.findall(r"\r\n|[\r\n\x85\u2028\u2029]", text))
    for p in exc.problems:
        assert p.file == str(path), p
        assert is_vietnamese(p.message), p
        assert p.line is not None and 1 <= p.line <= breaks + 2, p
        assert p.column is None or p.column >= 1, p


_CONTROL_IN_SAMPLE = [("replace", SAMPLE_TEXT.index("UBND-VHTT"), "\x07")]
_CUT_MID_FILE = [("truncate", SAMPLE_TEXT.index("Hoàng Hà Bắc") + 3)]


@SETTINGS
@example(mutations=_CONTROL_IN_SAMPLE)
@example(mutations=_CUT_MID_FILE)
@given(mutations=st.lists(_mutation, min_size=1, max_size=3))
def test_damaged_sample_loads_or_gives_located_data_error(tmp_path_factory, mutations):
    """The sample damaged at random either loads (and then builds or raises a CongvanError)
    or raises a DataError whose every problem names the file and a line in it, in
    Vietnamese: never another exception."""
    text = mutate(SAMPLE_TEXT, mutations)
    path = tmp_path_factory.mktemp("b") / "data.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        loaded = congvan.load(path)
    except congvan.DataError as exc:
        _check_problems(exc, path, text)
        return
    try:
        congvan.render_documents(loaded)
    except congvan.CongvanError:
        pass


# Hostile YAML that a damaged file can contain: each must give a located DataError.
HOSTILE = {
    "control character": "document:\n  subject: V/v th\x07ử\n",
    "list as key": "document:\n  [a, b]: c\n",
    "mapping as key": "document:\n  {a: 1}: c\n",
    "bad merge key": "document:\n  <<: 5\n  subject: x\n",
    "recursive alias": "document: &x\n  - *x\n",
    "impossible date as key": "document:\n  2023-02-31: x\n",
    "tab indentation": "document:\n\tsubject: x\n",
    "unclosed bracket": "document: [a, b\n",
    "undefined alias": "document: *nowhere\n",
    "python tag": "document: !!python/object:os.system x\n",
}


@pytest.mark.parametrize("name", [
    n for n in HOSTILE])
def test_hostile_yaml_gives_located_data_error(tmp_path, name):
    text = HOSTILE[name]
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(congvan.DataError) as info:
        congvan.load(path)
    _check_problems(info.value, path, text)


@pytest.mark.parametrize("task", ["Làm trước ngày 15/9/0000.", "Làm trong tháng 9/0000.",
                                  "Làm trong quý III/0000.", "Làm trong năm 0000."])
def test_impossible_year_in_task_is_reported_in_vietnamese(tmp_path, task):
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "valid-minimal.yaml").read_text("utf-8"))
    data["appendix"]["sections"][0]["indicators"][0]["task"] = task
    path = dump_yaml(data, tmp_path / "data.yaml")
    with pytest.raises(congvan.DataError) as info:
        congvan.load(path)
    for p in info.value.problems:
        assert p.line and "year" not in p.message and is_vietnamese(p.message), p


@pytest.mark.parametrize("number", [
    n for n in ["²", "¹²", "   ", "-3", "0", "1.5", "số 5"]])
def test_bad_document_number_is_a_data_error(tmp_path, number):
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "valid-minimal.yaml").read_text("utf-8"))
    data["document"]["number"] = number
    with pytest.raises(congvan.DataError) as info:
        congvan.load(dump_yaml(data, tmp_path / "data.yaml"))
    assert [p.path for p in info.value.problems] == ["document.number"]
