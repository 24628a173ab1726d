"""congvan at the scale of a whole province: 5,000 tasks for 500 units (tools/gen_large.py).

No timing is asserted here (benchmarks/bench_check.py measures); these tests check that
the large data loads cleanly and that the build is complete: the dispatch with one
appendix row per task, and one letter for every unit that has a task.
"""
from __future__ import annotations

import json
import zipfile

import pytest
import yaml
from lxml import etree

import congvan
from helpers import load_tool, raw_indicators

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNITS, TASKS = 500, 5000


gen_large = load_tool("gen_large")




def units_with_tasks(data: dict) -> set[str]:
    """Receiving units, computed from the plain dict: groups stand for their members."""
    members = {u["id"]: u.get("members") or [] for u in data["units"]}
    out: set[str] = set()

    def expand(uid, seen):
        if uid in seen:
            return
        seen.add(uid)
        if members[uid]:
            for m in members[uid]:
                expand(m, seen)
        else:
            out.add(uid)

    for ind in raw_indicators(data):
        for uid in ind.get("lead", []) + ind.get("support", []):
            expand(uid, set())
    return out


def test_generator_is_small_deterministic_and_valid(tmp_path):
    """Quick check of tools/gen_large.py on a small size (not slow)."""
    a = gen_large.make_data(units=40, tasks=120, seed=3)
    assert a == gen_large.make_data(units=40, tasks=120, seed=3)
    assert a != gen_large.make_data(units=40, tasks=120, seed=4)
    assert len(a["units"]) == 40
    assert sum(1 for _ in raw_indicators(a)) == 120
    assert {"phong-ban", "xa-phuong"} <= {u["id"] for u in a["units"]}
    path = gen_large.write(tmp_path / "small.yaml", a)
    data = congvan.load(path)
    assert sum(1 for _ in data.appendix.rows()) == 120
    assert [w for w in data.warnings if "sớm hơn" in w.message] == []


def test_generator_command_line(tmp_path, capsys):
    out = tmp_path / "sub" / "gen.yaml"
    assert gen_large.main([str(out), "--units", "20", "--tasks", "30", "--seed", "1"]) == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == gen_large.make_data(20, 30, 1)
    assert str(out) in capsys.readouterr().out


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    plain = gen_large.make_data(units=UNITS, tasks=TASKS, seed=0)
    path = gen_large.write(folder / "large.yaml", plain)
    return folder, path, plain


@pytest.mark.slow
def test_large_data_loads_without_errors(large):
    folder, path, plain = large
    data = congvan.load(path)  # raises DataError on any error
    assert len(data.units) == UNITS
    assert sum(1 for _ in data.appendix.rows()) == TASKS
    assert len(data.appendix.sections) == 10
    assert not [w for w in data.warnings if "sớm hơn" in w.message]


@pytest.mark.slow
def test_large_build_is_complete(large):
    folder, path, plain = large
    data = congvan.load(path)
    out = folder / "out"
    report = congvan.build(data, out)

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == report.manifest
    files = manifest["files"]
    dispatches = [f for f in files if f["kind"] == "dispatch"]
    letters = [f for f in files if f["kind"] == "unit-letter"]
    assert [f["path"] for f in dispatches] == ["cong-van.docx"]
    expected = units_with_tasks(plain)
    assert len(expected) > 450
    assert sorted(f["unit"] for f in letters) == sorted(expected)
    assert len({f["path"] for f in letters}) == len(letters)
    assert len(files) == 1 + len(expected)
    for f in files:
        assert (out / f["path"]).is_file(), f["path"]
    assert sorted(report.written) == sorted(f["path"] for f in files)

    with zipfile.ZipFile(out / "cong-van.docx") as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    rows = max(len(tbl.findall(f"{W}tr")) for tbl in root.iter(f"{W}tbl"))
    assert rows >= TASKS
    text = "".join(t.text or "" for t in root.iter(f"{W}t"))
    last = list(raw_indicators(plain))[-1]
    assert last["name"] in text
