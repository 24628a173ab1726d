"""The JSON Schema editors use (docs/congvan.schema.json) is the data format congvan checks.

It is generated from congvan.data.format (the format declared once), so it must never go
stale; it must be a valid Draft 2020-12 schema; the sample must pass it; fixtures that
break the *shape* of the data must fail it, so an editor flags what congvan flags; and
every property must be explained in Vietnamese (editors show it on hover).
"""
from __future__ import annotations

import copy
import datetime
import json
import unicodedata
from pathlib import Path

import jsonschema
import pytest
import yaml

import congvan
from helpers import ROOT, SAMPLE, FIXTURES
from congvan.data.format import json_schema

SCHEMA_FILE = ROOT / "docs" / "congvan.schema.json"

SHAPE_ERRORS = ["unknown-key.yaml", "missing-signer.yaml", "wrong-type.yaml"]
"""Fixtures whose *shape* is wrong: JSON Schema can see it."""

_VI_MARKED = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


def generated_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def as_editor_sees(value):
    """YAML as a JSON-Schema editor sees it: dates are plain strings, not date objects."""
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def read_yaml(path: Path):
    return as_editor_sees(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def schema():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_the_generated_one():
    assert SCHEMA_FILE.exists(), "docs/congvan.schema.json missing"
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == generated_text(), (
        "docs/congvan.schema.json is stale; regenerate it with: python -c \"import json, congvan.data.format as s; "
        "open('docs/congvan.schema.json', 'w', encoding='utf-8').write(json.dumps(s.json_schema(), "
        "ensure_ascii=False, indent=2) + '\\n')\"")


def test_sample_points_editors_at_the_schema():
    first = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/congvan.schema.json"
    assert (SAMPLE.parent / "../docs/congvan.schema.json").resolve() == SCHEMA_FILE.resolve()


def test_schema_is_valid_draft_2020_12(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_ref_resolves(schema):
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/") and ref.split("/")[-1] in schema["$defs"], ref


def test_sample_is_valid(validator):
    errors = [(list(e.absolute_path), e.message) for e in validator.iter_errors(read_yaml(SAMPLE))]
    assert not errors


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_is_valid_and_points_at_the_schema(validator, path):
    """Every document type and appendix option the samples use is in the schema."""
    assert path.read_text(encoding="utf-8").splitlines()[0] == \
        "# yaml-language-server: $schema=../docs/congvan.schema.json"
    errors = [(list(e.absolute_path), e.message) for e in validator.iter_errors(read_yaml(path))]
    assert not errors


def test_schema_knows_every_type_and_appendix_option(schema):
    document = schema["properties"]["document"]["properties"]
    assert document["type"]["anyOf"][0]["enum"] == [
        "cong-van", "ke-hoach", "quyet-dinh", "thong-bao", "bao-cao"]
    appendix = schema["properties"]["appendix"]["anyOf"][0]["properties"]
    for key in ("columns", "column_numbers", "rows", "sections", "group_numbering", "numbering",
                "orientation", "form"):
        assert key in appendix, key
    assert "appendices" in schema["properties"]


def test_valid_fixture_is_valid(validator):
    assert not list(validator.iter_errors(read_yaml(FIXTURES / "valid-minimal.yaml")))


@pytest.mark.parametrize("name", SHAPE_ERRORS)
def test_shape_errors_are_flagged_by_editors_too(validator, name):
    path = FIXTURES / name
    with pytest.raises(congvan.DataError):
        congvan.load(path)
    assert list(validator.iter_errors(read_yaml(path))), f"{name}: congvan rejects it, the schema accepts it"


def test_schema_error_points_where_congvan_does(validator):
    """The editor's squiggle and congvan's message name the same place."""
    data = read_yaml(FIXTURES / "wrong-type.yaml")
    paths = {tuple(e.absolute_path) for e in validator.iter_errors(data)}
    assert ("document", "body") in paths
    with pytest.raises(congvan.DataError) as info:
        congvan.load(FIXTURES / "wrong-type.yaml")
    assert [p.path for p in info.value.problems] == ["document.body"]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.name)
def test_schema_never_flags_what_congvan_accepts_in_fixtures(validator, path):
    """The other direction, on every fixture: a schema error means congvan rejects the file."""
    try:
        data = read_yaml(path)
    except (yaml.YAMLError, ValueError):
        pytest.skip("not YAML an editor could validate")
    if list(validator.iter_errors(data)):
        with pytest.raises(congvan.DataError):
            congvan.load(path)


# --- Descriptions -----------------------------------------------------------------------

def properties(schema):
    """(location, property name, property schema) for every property anywhere in the schema."""
    out = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                out.append((f"{where}/properties/{name}", name, sub))
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, "#")
    return out


def is_vietnamese(text: str) -> bool:
    return any(ch in _VI_MARKED for ch in unicodedata.normalize("NFC", text).lower())


KNOWN_UNDESCRIBED = {
    "#/$defs/indicator/properties/deadline/anyOf/1/properties/due",
    "#/$defs/indicator/properties/deadline/anyOf/1/properties/phrase",
}
"""Properties of the deadline object, checked on their own below."""


def test_every_property_has_a_vietnamese_description(schema):
    props = properties(schema)
    assert len(props) > 30
    bad = [where for where, _, sub in props
           if where not in KNOWN_UNDESCRIBED
           and not (isinstance(sub.get("description"), str) and sub["description"].strip()
                    and is_vietnamese(sub["description"]))]
    assert not bad


def test_deadline_object_properties_have_a_vietnamese_description(schema):
    props = {where: sub for where, _, sub in properties(schema)}
    for where in KNOWN_UNDESCRIBED:
        assert is_vietnamese(props[where].get("description") or ""), where


def test_top_level_sections_are_described(schema):
    assert is_vietnamese(schema["description"])
    for name in ("document", "units", "appendix", "letters"):
        assert is_vietnamese(schema["properties"][name]["description"]), name
    assert is_vietnamese(schema["$defs"]["indicator"]["description"])


# --- What congvan accepts, editors must not flag ------------------------------------------

def _ind(d):
    return d["appendix"]["sections"][0]["indicators"][0]


ACCEPTED_BY_CONGVAN = {
    # YAML `key:` with nothing after it is null: congvan treats it as "not given".
    "issuer.parent empty": lambda d: d["document"]["issuer"].__setitem__("parent", None),
    "signer.authority empty": lambda d: d["document"]["signer"].__setitem__("authority", None),
    "distribution empty": lambda d: d["document"].__setitem__("distribution", None),
    "archive empty": lambda d: d["document"].__setitem__("archive", None),
    "unit short empty": lambda d: d["units"][0].__setitem__("short", None),
    "unit kind empty": lambda d: d["units"][0].__setitem__("kind", None),
    "task empty": lambda d: _ind(d).__setitem__("task", None),
    "support empty": lambda d: _ind(d).__setitem__("support", None),
    "shares_task empty": lambda d: _ind(d).__setitem__("shares_task", None),
    "deadline empty": lambda d: _ind(d).__setitem__("deadline", None),
    "deadline phrase empty": lambda d: _ind(d).__setitem__("deadline", {"due": "2023-09-15", "phrase": None}),
    "heading empty": lambda d: d["appendix"].__setitem__("heading", None),
    "letters empty": lambda d: d.__setitem__("letters", None),
    # Numbers where text is expected: congvan turns them into text.
    "place is a number": lambda d: d["document"].__setitem__("place", 2023),
    "unit name is a number": lambda d: d["units"][0].__setitem__("name", 115),
    "task is a number": lambda d: _ind(d).__setitem__("task", 42),
    # `date: 2023` (a YAML integer) is read as a year with month and day left blank.
    "date is a year": lambda d: d["document"].__setitem__("date", 2023),
}
ALREADY_CONSISTENT = {"number empty": lambda d: d["document"].__setitem__("number", None),
                      "date empty": lambda d: d["document"].__setitem__("date", None),
                      "number as text": lambda d: d["document"].__setitem__("number", "05"),
                      "deadline as date": lambda d: _ind(d).__setitem__("deadline", datetime.date(2023, 9, 15))}


def _variant(tmp_path, change):
    data = yaml.safe_load((FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    change(data)
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    congvan.load(path)  # congvan accepts it
    return read_yaml(path)


@pytest.mark.parametrize("case", sorted(ALREADY_CONSISTENT))
def test_schema_accepts_optional_values_left_empty(validator, tmp_path, case):
    assert not list(validator.iter_errors(_variant(tmp_path, ALREADY_CONSISTENT[case])))


@pytest.mark.parametrize("case", sorted(ACCEPTED_BY_CONGVAN))
def test_schema_accepts_what_congvan_accepts(validator, tmp_path, case):
    errors = [e.message for e in validator.iter_errors(_variant(tmp_path, ACCEPTED_BY_CONGVAN[case]))]
    assert not errors
