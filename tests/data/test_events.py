"""Reading by events gives what the node walk gives: values, marks, problems, errors.

The node walk (compose the tree, then walk it) is the reference: for each text both
ways are run and compared, including texts the event reader hands over to the node
walk (anchors, merge keys, several documents, syntax errors).
"""

import pytest
import yaml
from hypothesis import given, settings, strategies as st

import congvan
from congvan.data import events, source
from helpers import ROOT, load_tool

pytestmark = pytest.mark.skipif(source.FAST_LOADER is yaml.SafeLoader, reason="no libyaml")


def _outcome(text, by_events=None):
    """(value, marks, key_marks) or the problems of the error: by events only (True), by
    the node walk only (False), or as parse_source reads it (None)."""
    try:
        if by_events:
            src = source._read_by_events(text, "d.yaml")
            if src is None:
                return "handed over"
        elif by_events is None:
            src = source.parse_source(text, "d.yaml")
        else:
            src = source.parse_source.__wrapped__(text, "d.yaml")
        return src.value, src.marks, src.key_marks
    except congvan.DataError as exc:
        return [p.format() for p in exc.problems]


def _same(text):
    node_way = _outcome(text, by_events=False)
    event_way = _outcome(text, by_events=True)
    assert event_way in ("handed over", node_way)
    assert _outcome(text) == node_way
    return event_way


@pytest.fixture(autouse=True)
def _node_walk_reachable(monkeypatch):
    # parse_source.__wrapped__: parse_source with the event reader switched off
    def node_walk(text, name):
        monkeypatch.setattr(source, "_read_by_events", lambda *a: None)
        try:
            return original(text, name)
        finally:
            monkeypatch.setattr(source, "_read_by_events", reader)
    original, reader = source.parse_source, source._read_by_events
    monkeypatch.setattr(source.parse_source, "__wrapped__", node_walk, raising=False)


@pytest.mark.parametrize("sample", sorted((ROOT / "data").glob("*.yaml")), ids=lambda p: p.name)
def test_the_samples(sample):
    assert _same(sample.read_text("utf-8")) != "handed over"


def test_generated_data():
    gen = load_tool("gen_large")
    text = yaml.safe_dump(gen.make_data(30, 300, 0), allow_unicode=True, sort_keys=False)
    assert _same(text) != "handed over"


READ_BY_EVENTS = [
    "", "# only a comment\n", "---\n", "--- \n...\n", "a: 1\n", "- 1\n- 2\n", "x\n", "'x'\n",
    "a: 1\na: 2\n", "a: {b: 1, b: 2}\n", "[1, 2]: x\nb: 2\n", "{a: 1}: x\n", "? [a, b]\n: c\nd: 1\n",
    "a: 2023-02-30\n", "a: 2023-09-05\nb: 2023-09-05 10:20:30\n", "a: !!int x\n", "a: !!float 1.5\n",
    "a: !!binary aGVsbG8=\n", "a: !!binary '***'\n", "a: !foo x\n", "a: !!str 12\n", "a: ! 12\n",
    "=: x\n", "a: =\n", "1: x\n2: y\n1: z\n", "true: x\nnull: y\n~: z\n", "1.5: x\n0x10: y\n",
    "2023-09-05: x\n", "!!timestamp 2023-02-30: x\n", "a: !!set {x, y}\n", "a: !!omap [{x: 1}]\n",
    "a:\n  - b: [1, {c: d}]\n    e: f\n", "a: [[[]]]\nb: {}\n", "a: 'it''s'\nb: \"\\u00e9\"\n",
    "a: |\n  line\n  line\n", "a: >-\n  folded\n  text\n", "a: b: c\n", "a: [1, 2\n", "\ta: 1\n",
    "a: 1\n--- \nb: 2\n", "a: &x 1\nb: *x\n", "<<: {a: 1}\nb: 2\n", "a: *x\n", "%YAML 1.1\n---\na: 1\n",
    "a: 1\n...\n", "a: \"\\x07\"\n", "a: !!null ''\n", "a: !!bool yes\n", "a: [a, [b, {c: [d]}]]\n",
    "k: {[1]: 2, b: 3}\n", "k: {? {a: 1}: 2, b: 3}\n", "a: 1\n? b\n", "? - x\n  - y\n: z\nw: 1\n",
]


@pytest.mark.parametrize("text", READ_BY_EVENTS)
def test_odd_and_broken_texts(text):
    _same(text)


def test_what_is_handed_over_to_the_node_walk():
    for text in ["a: &x 1\nb: *x\n", "<<: {a: 1}\nb: 2\n", "a: 1\n--- \nb: 2\n", "a: [1, 2\n",
                 "a: *x\n", "[&k a]: 1\n", "? &k a\n: 1\n", "!!merge x: 1\n"]:
        assert _outcome(text, by_events=True) == "handed over", text
    for text in ["a: 1\na: 2\n", "[1, 2]: x\n", "a: 2023-02-30\n", "=: x\n", "", "a: !!merge x\n"]:
        assert _outcome(text, by_events=True) != "handed over", text


def test_too_many_values_is_the_same_located_error(monkeypatch):
    monkeypatch.setattr(source, "MAX_VALUES", 50)
    text = "a: [" + ", ".join(str(i) for i in range(100)) + "]\n"
    assert _same(text) == _outcome(text, by_events=False)
    assert "dữ liệu quá lớn" in _same(text)[0]
    assert _outcome(text, by_events=True) != "handed over"


SCALARS = st.sampled_from(["x", "1", "1.5", "true", "null", "''", "2023-09-05", "2023-02-30", "=",
                           "!!str 1", "!!int x", "Phòng VH&TT", "'a: b'", "[]", "{}", "~"])
KEYS = st.sampled_from(["a", "b", "a", "1", "true", "null", "2023-09-05", "=", "'x'", "[1]",
                        "{k: v}", "!!int z", "!!str 2"])


def _flow(draw, depth):
    kind = draw(st.sampled_from(["scalar", "list", "map"] if depth < 4 else ["scalar"]))
    if kind == "scalar":
        return draw(SCALARS)
    if kind == "list":
        return "[" + ", ".join(_flow(draw, depth + 1) for _ in range(draw(st.integers(0, 3)))) + "]"
    pairs = [f"{draw(KEYS)}: {_flow(draw, depth + 1)}" for _ in range(draw(st.integers(0, 3)))]
    return "{" + ", ".join(pairs) + "}"


@st.composite
def documents(draw):
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        key = draw(KEYS)
        if draw(st.booleans()):
            lines.append(f"{key}: {_flow(draw, 0)}")
        else:
            lines.append(f"{key}:")
            lines += [f"  - {_flow(draw, 1)}" for _ in range(draw(st.integers(1, 3)))]
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None)
@given(documents())
def test_generated_documents(text):
    _same(text)


def test_keys_equal_in_python_but_spelled_apart_are_a_located_duplicate():
    # 1 and true are the same Python key (True == 1): once a traceback (KeyError)
    for by_events in (True, False):
        with pytest.raises(congvan.DataError) as info:
            if by_events:
                source._read_by_events("b:\n  1: x\n  true: y\n", "d.yaml")
            else:
                source.parse_source.__wrapped__("b:\n  1: x\n  true: y\n", "d.yaml")
        (problem,) = info.value.problems
        assert problem.format() == ('d.yaml:3:3: lỗi: b.True: khóa "True" xuất hiện hai lần '
                                    '(dòng 2 và dòng 3). Hãy giữ lại một trong hai.')
