"""The loader's shortcuts change no result: the quick tag resolver, strings taken as
they are, composed nodes let go during the walk, values let go once checked, and the
loaded data frozen for the garbage collector."""

import gc
import weakref

import pytest
import yaml
from hypothesis import given, settings, strategies as st

import congvan
from congvan.data import source
from congvan.data.loader import load_source
from helpers import ROOT, load_tool

SAMPLES = sorted((ROOT / "data").glob("*.yaml"))

SCALARS = ["", "~", "null", "Null", "NULL", "true", "True", "yes", "No", "on", "off", "y", "n",
           "0", "-1", "+12", "0x1F", "0o17", "017", "1_000", "1:20", "3.5", "-.5", ".inf", "-.Inf",
           ".nan", "1e3", "2023-09-05", "2023-9-5", "2023-09", "2023-09-05 10:20:30",
           "2023-09-05T10:20:30Z", "<<", "=", "V/v thử", "Phòng VH&TT", "12/2023"]


def _tags(text: str, loader) -> list[tuple[str, str]]:
    out, stack = [], [yaml.compose(text, Loader=loader)]
    while stack:
        node = stack.pop()
        out.append((node.tag, node.value if isinstance(node, yaml.ScalarNode) else ""))
        if isinstance(node, yaml.MappingNode):
            stack += [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return out


@pytest.mark.skipif(source.FAST_LOADER is yaml.SafeLoader, reason="libyaml not installed")
def test_the_quick_resolver_gives_the_tags_of_pyyaml():
    quick = source._quick(source.FAST_LOADER)
    assert quick is not source.FAST_LOADER
    text = "".join(f"k{i}: {s}\nq{i}: '{s}'\n" for i, s in enumerate(SCALARS)) + (
        "l: [" + ", ".join(s for s in SCALARS if s not in ("", "<<")) + "]\n"
        "t: !!str 12\nm: {a: 1}\n")
    assert _tags(text, quick) == _tags(text, source.FAST_LOADER) == _tags(text, yaml.SafeLoader)
    for sample in SAMPLES:
        text = sample.read_text("utf-8")
        assert _tags(text, quick) == _tags(text, yaml.SafeLoader)


@settings(max_examples=300)
@given(st.text(alphabet="0123456789-+.:eExXoObB_ ~nNtTfFyYuUlLaAsS<=!'\"", min_size=1, max_size=12))
def test_the_quick_resolver_on_any_plain_scalar(word):
    # against the loader it speeds up (libyaml and PyYAML differ on a few odd tags: "k: !")
    text = f"k: {word}\n"
    try:
        expected = _tags(text, source.FAST_LOADER)
    except yaml.YAMLError:
        return
    assert _tags(text, source._quick(source.FAST_LOADER)) == expected


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_releasing_nodes_while_walking_changes_no_value_or_mark(sample):
    text = sample.read_text("utf-8")
    assert source._ANCHOR.search(text) is None  # the samples take the releasing walk
    walked = []
    for release in (False, True):
        src, problems = source.Source(file="d.yaml"), []
        node = source._compose(text, "d.yaml")
        src.value = source._walk(node, "", src, yaml.SafeLoader(""), problems, release=release)
        walked.append((src.value, src.marks, src.key_marks, problems))
    assert walked[0] == walked[1]


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: *x\n", "- &x {k: v}\n- *x\n", "a: !!str &x v\nb: *x\n",
    '{"a":&x 1, b: *x}\n', "--- &x\nk: v\n", "a:\n\t&x v\n",
])
def test_a_text_with_an_anchor_never_takes_the_releasing_walk(text):
    assert source._ANCHOR.search(text) is not None


def test_aliases_still_give_their_values_and_marks():
    src = source.parse_source("a: &x\n  - 1\n  - {k: v}\nb: *x\nc: [*x, *x]\n", "d.yaml")
    assert src.value == {"a": [1, {"k": "v"}], "b": [1, {"k": "v"}],
                         "c": [[1, {"k": "v"}], [1, {"k": "v"}]]}
    assert src.marks["b[1].k"] == src.marks["a[1].k"] == src.marks["c[1][1].k"] == (3, 9)


def test_non_string_scalars_and_tagged_strings_are_still_constructed():
    src = source.parse_source("a: 2023-09-05\nb: !!str 12\nc: '12'\nd: 12\ne: null\nf: true\n", "d")
    assert [type(v).__name__ for v in src.value.values()] == ["date", "str", "str", "int",
                                                               "NoneType", "bool"]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_load_gives_the_data_and_warnings_of_a_source_kept_whole(sample):
    kept = load_source(source.parse_source(sample.read_text("utf-8"), str(sample)))
    assert congvan.load(sample) == kept


def test_legacy_warnings_found_before_the_values_are_let_go(tmp_path):
    text = (ROOT / "data" / "dti-bac-kan-2023.yaml").read_text("utf-8").replace(
        "name: Hoàng Hà Bắc", "name: NguyÔn Minh Dòng")
    path = tmp_path / "d.yaml"
    path.write_text(text, "utf-8")
    loaded = congvan.load(path)
    assert any("NguyÔn Minh Dòng" in w.message for w in loaded.warnings)
    assert loaded == load_source(source.parse_source(text, str(path)))


def test_loaded_data_is_frozen_and_freed_by_reference_counting_alone():
    # Frozen objects are never collected: the model must hold no reference cycles,
    # or dropping it would leak it.
    gc.unfreeze()
    data = congvan.load(SAMPLES[0])
    assert gc.get_freeze_count() > 0
    probes = [weakref.ref(data), weakref.ref(data.appendices[0]),
              weakref.ref(data.document), weakref.ref(next(iter(data.units.values())))]
    was = gc.isenabled()
    gc.disable()
    try:
        del data
        assert [probe() for probe in probes] == [None] * len(probes)
    finally:
        if was:
            gc.enable()
        gc.unfreeze()


def _large(tmp_path):
    gen = load_tool("gen_large")
    path = tmp_path / "large.yaml"
    gen.write(path, gen.make_data(30, 200, 0))
    return path


def _aliased_and_legacy(tmp_path):
    text = SAMPLES[0].read_text("utf-8").replace("name: Hoàng Hà Bắc", "name: NguyÔn Minh Dòng")
    text = text.replace("  signer:\n", "  signer: &signer\n", 1)
    assert "&signer" in text and source._ANCHOR.search(text)  # the walk that keeps its nodes
    path = tmp_path / "aliased.yaml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("make", [lambda tmp, s=s: s for s in SAMPLES] + [_large, _aliased_and_legacy])
def test_a_load_leaves_no_cyclic_garbage_to_be_frozen(tmp_path, make):
    # Whatever a load leaves as garbage in a reference cycle would be frozen with the
    # data and kept for good (a recursive nested function, PyYAML's loader state…).
    path = make(tmp_path)
    congvan.load(path)  # caches and imports warmed up
    gc.unfreeze()
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        data = congvan.load(path)
        gc.unfreeze()
        gc.set_debug(gc.DEBUG_SAVEALL)
        found = gc.collect()
        kinds = sorted({type(o).__name__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
    assert (found, kinds) == (0, [])
    assert data.appendices
def test_a_failed_load_freezes_nothing(tmp_path):
    gc.unfreeze()
    path = tmp_path / "d.yaml"
    path.write_text("document: [\n", "utf-8")
    with pytest.raises(congvan.DataError):
        congvan.load(path)
    assert gc.get_freeze_count() == 0


def _reference_legacy_short_texts(src):
    """checks.legacy_short_texts as first written: every path spelled out."""
    from congvan.data.checks import convert_legacy, legacy_label, legacy_suggestion, normalize
    from congvan.vn.legacy import detect_legacy_short

    out, stack = [], [("", src.value)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack += [(f"{path}.{k}" if path else str(k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(f"{path}[{i}]", v) for i, v in enumerate(value)]
        elif isinstance(value, str):
            encoding = detect_legacy_short(value)
            if encoding:
                out.append(src.warning(
                    path, f'"{normalize(value).strip()}" có vẻ được gõ bằng bảng mã '
                    f'{legacy_label(encoding)}, đọc theo Unicode là '
                    f'"{convert_legacy(value, encoding).strip()}".', legacy_suggestion(encoding)))
    return sorted(out, key=lambda p: (p.line or 0, p.column or 0))


def test_legacy_short_texts_finds_what_the_reference_finds_at_the_same_paths():
    from congvan.data.checks import legacy_short_texts

    text = ("a: Lª Hµ\nb: [Côm sè 1, {c: Nguyeãn Thò Baéc, 7: Lª Hµ}, [Traàn, x]]\n"
            "d: &x {e: Côm sè 2}\nf: *x\ng: [*x, Phòng Nội vụ, 12, 2023-09-05]\n"
            "h: {i: {j: [[NguyÔn Minh Dòng]]}}\n")
    src = source.parse_source(text, "d.yaml")
    found = legacy_short_texts(src)
    assert len(found) == 9  # d.e, f.e and g[0].e: one node under three paths
    assert found == _reference_legacy_short_texts(src)
    for sample in SAMPLES:
        src = source.parse_source(sample.read_text("utf-8"), "d.yaml")
        assert legacy_short_texts(src) == _reference_legacy_short_texts(src)
