"""Property tests: whatever the data, congvan either produces sound documents or says,
in Vietnamese and with a location, what is wrong; and a failed build touches nothing.

(a) random valid-shaped data → documents that are valid zips holding the data's text
    literally, or a CongvanError, never another exception;
(b) and (c), a damaged sample and a failed build, are in tests/test_damaged_data.py and
tests/test_failed_builds.py.
"""
from __future__ import annotations

import datetime
import io
import zipfile

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from lxml import etree

import congvan
from text_kit import EMOJI, NFD, SPECIAL, VI_LETTERS, dump_yaml, nfc
from helpers import ROOT, raw_indicators
from congvan.data.format import json_schema

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


# --- Text ---------------------------------------------------------------------------


_piece = st.one_of(
    st.sampled_from(VI_LETTERS),
    st.sampled_from(VI_LETTERS),
    st.sampled_from(" 0123456789.,;:-/()"),
    st.sampled_from(SPECIAL),
    st.sampled_from(EMOJI),
    st.sampled_from(NFD),
)


def texts(min_size: int = 1, max_size: int = 12):
    return st.lists(_piece, min_size=min_size, max_size=max_size).map("".join)


_DEADLINES = 3 * ["", " trước ngày 15/9/2023.", " trong tháng 10/2023.", " trong quý III và quý IV/2023.",
                  " thường xuyên.", " chậm nhất ngày 31/12/2023."] + [" trước ngày 31/02/2023."]
"""Deadline phrases appended to tasks; rarely an impossible date (a DataError)."""


@st.composite
def task_values(draw):
    """None, one paragraph, or several; sometimes with a deadline phrase (even an impossible one)."""
    kind = draw(st.sampled_from(["none", "one", "many"]))
    if kind == "none":
        return None
    paragraphs = [draw(texts()) + draw(st.sampled_from(_DEADLINES))
                  for _ in range(1 if kind == "one" else draw(st.integers(2, 3)))]
    return paragraphs[0] if kind == "one" else paragraphs


@st.composite
def indicators(draw, ids, count, depth=0):
    out = []
    for k in range(count):
        ind = {"name": draw(texts())}
        lead = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        support = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        if lead:
            ind["lead"] = lead
        if support:
            ind["support"] = support
        if lead and draw(st.booleans()):
            ind["lead_text"] = draw(texts())
        if support and draw(st.booleans()):
            ind["support_text"] = draw(texts())
        if k > 0 and draw(st.integers(0, 3)) == 0:
            ind["shares_task"] = True
        else:
            task = draw(task_values())
            if task is not None:
                ind["task"] = task
        if depth == 0 and draw(st.integers(0, 3)) == 0:
            ind["indicators"] = draw(indicators(ids, draw(st.integers(1, 2)), depth + 1))
        out.append(ind)
    return out


_ids = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?", fullmatch=True)


@st.composite
def data_dicts(draw):
    """A small data dict of the right shape (it may still break cross-field rules)."""
    n_units = draw(st.integers(1, 5))
    ids = draw(st.lists(_ids, min_size=n_units + 2, max_size=n_units + 2, unique=True))
    unit_ids, group_ids = ids[:n_units], []
    units = []
    for uid in unit_ids:
        unit = {"id": uid, "name": draw(texts()),
                "kind": draw(st.sampled_from(["office", "commune", "organization"]))}
        if draw(st.booleans()):
            unit["short"] = draw(texts())
        units.append(unit)
    for gid in ids[n_units:n_units + draw(st.integers(0, 2))]:
        members = draw(st.lists(st.sampled_from(unit_ids + group_ids), max_size=3, unique=True))
        group = {"id": gid, "name": draw(texts()), "kind": "group"}
        if draw(st.booleans()):
            group["short"] = draw(texts())
        if members:
            group["members"] = members
        units.append(group)
        group_ids.append(gid)
    all_ids = unit_ids + group_ids

    body = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            body.append(draw(texts()))
        else:
            point = {"point": draw(texts())}
            if draw(st.booleans()):
                point["paragraphs"] = draw(st.lists(texts(), min_size=1, max_size=2))
            body.append(point)
    document = {
        "issuer": {"lines": draw(st.lists(texts(), min_size=1, max_size=2)),
                   "short_name": draw(texts())},
        "number": draw(st.one_of(st.none(), st.integers(1, 999))),
        "symbol": draw(st.from_regex(r"[A-ZĐ]{2,4}-[A-Z0-9]{2,4}", fullmatch=True)),
        "place": draw(texts()),
        "date": draw(st.one_of(st.none(), st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)),
                               st.sampled_from(["2023-09", "2024-1"]))),
        "subject": "V/v " + draw(texts()),
        "recipients": draw(st.lists(st.sampled_from(all_ids), min_size=1, max_size=3, unique=True)),
        "body": body,
        "signer": {"title": draw(texts()), "name": draw(texts())},
    }
    if draw(st.booleans()):
        document["issuer"]["parent"] = draw(texts())
    if draw(st.booleans()):
        document["signer"]["authority"] = draw(texts())
    if draw(st.booleans()):
        document["distribution"] = [
            {"label": draw(texts()), "entries": draw(st.lists(texts(), min_size=1, max_size=3))}
            for _ in range(draw(st.integers(1, 2)))]
    sections = [{"title": draw(texts()),
                 "indicators": draw(indicators(all_ids, draw(st.integers(1, 4))))}
                for _ in range(draw(st.integers(1, 3)))]
    data = {"document": document, "units": units,
            "appendix": {"title": draw(texts()), "sections": sections}}
    if draw(st.booleans()):
        data["letters"] = {"subject": draw(texts()), "closing": draw(texts())}
    return data


# --- Reading the documents back -----------------------------------------------------

def _document_text(blob: bytes) -> str:
    """The text of word/document.xml after checking the package and every XML part parse."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert "word/document.xml" in names and "[Content_Types].xml" in names
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))  # raises if not well-formed
        root = etree.fromstring(archive.read("word/document.xml"))
    return "".join(t.text or "" for t in root.iter(f"{W}t"))


def _printed(s) -> str:
    """How a data string must show up: NFC, trimmed, list punctuation at the end aside."""
    return nfc(str(s)).strip().rstrip(" ;.")


def _dispatch_texts(data: dict) -> list[str]:
    doc, units = data["document"], {u["id"]: u for u in data["units"]}
    out = list(doc["issuer"]["lines"]) + [doc["issuer"].get("parent", ""),
                                           doc["place"], doc["subject"], doc["signer"]["title"],
                                           doc["signer"]["name"], doc["signer"].get("authority", "")]
    for item in doc["body"]:
        if isinstance(item, str):
            out.append(item)
        else:
            out += [item["point"], *item.get("paragraphs", [])]
    for group in doc.get("distribution", []):
        out += [group["label"], *group["entries"]]
    out += [units[r]["name"] for r in doc["recipients"]]
    out.append(data["appendix"]["title"])

    def walk(inds):
        for ind in inds:
            out.append(ind["name"])
            task = ind.get("task") or []
            out.extend([task] if isinstance(task, str) else task)
            for role in ("lead", "support"):
                if f"{role}_text" in ind:
                    out.append(ind[f"{role}_text"])
                else:
                    out.extend(units[u].get("short") or units[u]["name"] for u in ind.get(role, []))
            walk(ind.get("indicators", []))

    for section in data["appendix"]["sections"]:
        out.append(section["title"])
        walk(section["indicators"])
    return [p for p in map(_printed, out) if p]


def _iso(value):
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


# --- (a) random valid data ------------------------------------------------------------

@SETTINGS
@given(data=data_dicts())
def test_random_data_renders_or_raises_congvan_error(tmp_path_factory, data):
    path = dump_yaml(data, tmp_path_factory.mktemp("a") / "data.yaml")
    try:
        loaded = congvan.load(path)
        docs = congvan.render_documents(loaded)
    except congvan.CongvanError as exc:
        note(f"CongvanError: {exc}")
        return
    assert docs and docs[0].kind == "dispatch"
    text = _document_text(docs[0].data)
    missing = [t for t in _dispatch_texts(data) if t not in text]
    assert not missing, f"not printed literally in the dispatch: {missing!r}"
    names = {u["id"]: _printed(u["name"]) for u in data["units"]}
    for doc in docs[1:]:
        assert doc.kind == "unit-letter"
        letter = _document_text(doc.data)
        expected = [names[doc.unit]] + [_printed(ind["name"]) for ind in raw_indicators(data)
                                        if doc.unit in ind.get("lead", []) + ind.get("support", [])]
        missing = [t for t in expected if t and t not in letter]
        assert not missing, f"{doc.path}: not printed literally: {missing!r}"


@SETTINGS
@given(data=data_dicts())
def test_schema_accepts_what_congvan_loads(tmp_path_factory, data):
    """Editors (JSON Schema) never flag a file that congvan loads without error."""
    path = dump_yaml(data, tmp_path_factory.mktemp("s") / "data.yaml")
    try:
        congvan.load(path)
    except congvan.DataError:
        return
    as_editor_sees = _iso(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(as_editor_sees))
    assert not errors, [(list(e.absolute_path), e.message) for e in errors]


@pytest.mark.parametrize("subject", ["V/v a{_{b", "V/v a}_}b", "V/v a{_%b", "V/v a%_}b"])
def test_docxtpl_escape_sequences_in_data_are_printed_literally(tmp_path, subject):
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "valid-minimal.yaml").read_text("utf-8"))
    data["document"]["subject"] = subject
    loaded = congvan.load(dump_yaml(data, tmp_path / "data.yaml"))
    for doc in congvan.render_documents(loaded):
        if doc.kind == "dispatch":
            assert subject in _document_text(doc.data)
