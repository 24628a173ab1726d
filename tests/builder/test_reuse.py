"""Incremental rebuilds (congvan/builder/reuse.py): a rebuild renders only the files whose
inputs (context, template, congvan version) changed and takes the others from disk."""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

import congvan
from congvan import EditedFilesError
from congvan.builder import pool
from congvan.builder.anchors import FILE_PROPERTY, LETTER_PREFIX
from congvan.builder.pipeline import build
from congvan.builder.reuse import Reuse, inputs_digest
from congvan.builder.templates import LETTER_TEMPLATE, default_templates_dir
from congvan.data.units import assignments
from congvan.ooxml.template import CompiledTemplate
from helpers import SAMPLE, load_tool, raw_indicators


@pytest.fixture
def renders(monkeypatch):
    """Which files each build renders: the ``congvan-tep`` property of every context a
    template renders (``van-ban``, ``don-vi:<id>``), all in this process."""
    seen: list[str] = []
    original = CompiledTemplate.render

    def counting(self, context, *args, **kwargs):
        seen.append(context["properties"][FILE_PROPERTY])
        return original(self, context, *args, **kwargs)

    monkeypatch.setattr(CompiledTemplate, "render", counting)
    monkeypatch.setenv(pool.THRESHOLD_ENV, "1000000")  # no worker processes: count them here
    return seen


def write_yaml(path: Path, raw: dict) -> Path:
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def touched_by(data_path: Path, ref_path: str) -> set[str]:
    """``van-ban`` and the ``don-vi:<id>`` of every unit whose letter shows the row."""
    data = congvan.load(data_path)
    units = {uid for uid, tasks in assignments(data).items()
             if any(a.indicator.path == ref_path for a in tasks)}
    assert units, "the changed row reaches at least one unit"
    return {"van-ban"} | {LETTER_PREFIX + uid for uid in units}


def file_of(manifest: dict, entry: dict) -> str:
    return "van-ban" if entry["unit"] is None else LETTER_PREFIX + entry["unit"]


def change_first_task(raw: dict) -> str:
    """Edit the text of the first row that has a task; its field path."""
    for s, section in enumerate(raw["appendix"]["sections"]):
        for i, ind in enumerate(section["indicators"]):
            if ind.get("task"):
                ind["task"] = ind["task"].rstrip(".") + " (đã sửa)."
                return f"appendix.sections[{s}].indicators[{i}]"
    raise AssertionError("no task")


def test_manifest_records_inputs_and_a_rebuild_renders_nothing(tmp_path, renders):
    data = congvan.load(SAMPLE)
    first = build(data, tmp_path / "out")
    entries = first.manifest["files"]
    assert all(len(e["inputs"]) == 64 for e in entries)
    assert len(set(e["inputs"] for e in entries)) == len(entries)
    rendered = len(renders)
    assert rendered == len(entries)
    second = build(data, tmp_path / "out")
    assert len(renders) == rendered  # nothing rendered again
    assert second.written == [] and len(second.unchanged) == len(entries)
    assert second.manifest == first.manifest


def test_one_changed_task_renders_and_rewrites_only_what_shows_it(tmp_path, renders):
    raw = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    before = write_yaml(tmp_path / "a.yaml", raw)
    first = build(congvan.load(before), tmp_path / "out")
    renders.clear()
    changed = change_first_task(raw)
    after = write_yaml(tmp_path / "b.yaml", raw)
    report = build(congvan.load(after), tmp_path / "out")
    expected = touched_by(after, changed)
    assert set(renders) == expected and len(renders) == len(expected)
    by_path = {e["path"]: file_of(report.manifest, e) for e in report.manifest["files"]}
    assert {by_path[p] for p in report.written} == expected
    assert len(report.written) + len(report.unchanged) == len(first.manifest["files"])
    # the files taken from disk are exactly what rendering them would give
    fresh = build(congvan.load(after), tmp_path / "fresh")
    for entry in fresh.manifest["files"]:
        assert (tmp_path / "out" / entry["path"]).read_bytes() == \
               (tmp_path / "fresh" / entry["path"]).read_bytes()


def test_a_changed_template_renders_everything(tmp_path, renders):
    templates = tmp_path / "templates"
    shutil.copytree(default_templates_dir(), templates)
    data = congvan.load(SAMPLE)
    first = build(data, tmp_path / "out", templates_dir=templates)
    renders.clear()
    # the same parts, stored instead of deflated: other bytes, so another template file
    letter = templates / LETTER_TEMPLATE
    with zipfile.ZipFile(letter) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(letter, "w", zipfile.ZIP_STORED) as target:
        for info, content in parts:
            target.writestr(info.filename, content)
    report = build(data, tmp_path / "out", templates_dir=templates)
    letters = [e for e in first.manifest["files"] if e["unit"]]
    assert sorted(renders) == sorted(LETTER_PREFIX + e["unit"] for e in letters)
    assert {e["path"]: e["inputs"] for e in report.manifest["files"] if e["unit"]} != \
           {e["path"]: e["inputs"] for e in letters}


def test_a_manifest_without_inputs_renders_everything_once(tmp_path, renders):
    data = congvan.load(SAMPLE)
    first = build(data, tmp_path / "out")
    manifest_path = tmp_path / "out" / "manifest.json"
    old = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in old["files"]:
        del entry["inputs"]
    manifest_path.write_text(json.dumps(old, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    renders.clear()
    report = build(data, tmp_path / "out")
    assert len(renders) == len(first.manifest["files"])
    assert report.written == [] and report.manifest == first.manifest


def test_a_hand_edited_file_is_rendered_and_still_refused(tmp_path, renders):
    data = congvan.load(SAMPLE)
    first = build(data, tmp_path / "out")
    letter = next(e["path"] for e in first.manifest["files"] if e["unit"])
    target = tmp_path / "out" / letter
    target.write_bytes(target.read_bytes() + b"edited")
    renders.clear()
    with pytest.raises(EditedFilesError) as caught:
        build(data, tmp_path / "out")
    assert caught.value.files == [letter]
    assert target.read_bytes().endswith(b"edited")
    # with --force it is backed up and the generated file comes back
    report = build(data, tmp_path / "out", force=True)
    assert report.written == [letter] and report.backups


def test_reuse_needs_the_same_inputs_and_the_same_bytes(tmp_path):
    folder = tmp_path / "out"
    build(congvan.load(SAMPLE), folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["files"][0]
    reuse = Reuse(folder)
    assert reuse.take(entry["path"], entry["inputs"]) == (folder / entry["path"]).read_bytes()
    assert reuse.take(entry["path"], "0" * 64) is None
    assert reuse.take("khong-co.docx", entry["inputs"]) is None
    (folder / entry["path"]).unlink()
    assert reuse.take(entry["path"], entry["inputs"]) is None
    assert not Reuse(tmp_path / "none") and not Reuse()
    props, anchors = {"congvan-du-lieu": "1" * 64, "congvan-tep": "van-ban"}, [["t_I_1", "x"]]
    digest = inputs_digest("x" * 64, props, anchors)
    assert digest == inputs_digest("x" * 64, dict(props), [["t_I_1", "x"]])
    assert digest != inputs_digest("y" * 64, props, anchors)
    assert digest != inputs_digest("x" * 64, {**props, "congvan-du-lieu": "2" * 64}, anchors)
    assert digest != inputs_digest("x" * 64, props, [["t_I_1", "y"]])


@pytest.mark.slow
def test_5000_tasks_one_change_renders_only_its_units(tmp_path, renders):
    gen_large = load_tool("gen_large")
    raw = gen_large.make_data(units=500, tasks=5000, seed=0)
    first = build(congvan.load(gen_large.write(tmp_path / "a.yaml", raw)), tmp_path / "out")
    assert len(renders) == len(first.manifest["files"]) > 400
    renders.clear()
    changed = change_first_task(raw)
    after = gen_large.write(tmp_path / "b.yaml", raw)
    report = build(congvan.load(after), tmp_path / "out")
    expected = touched_by(after, changed)
    assert len(expected) < 20
    assert sorted(renders) == sorted(expected)
    by_path = {e["path"]: file_of(report.manifest, e) for e in report.manifest["files"]}
    assert {by_path[p] for p in report.written} == expected
    assert sum(1 for _ in raw_indicators(raw)) == 5000


def test_the_decree_check_takes_the_rendered_document_and_one_rendered_letter():
    from congvan.builder.checking import conformance_sample
    from congvan.builder.rendered import RenderedFile

    doc = RenderedFile("cong-van.docx", "dispatch", None, b"d")
    kept = RenderedFile("don-vi/a.docx", "unit-letter", "a", b"a", reused=True)
    first = RenderedFile("don-vi/b.docx", "unit-letter", "b", b"b")
    other = RenderedFile("don-vi/c.docx", "unit-letter", "c", b"c")
    assert conformance_sample([doc, kept, first, other]) == [doc, first]
    assert conformance_sample([kept, dataclasses.replace(doc, reused=True)]) == []


def test_build_reports_what_the_check_finds_in_what_it_rendered(tmp_path):
    data = congvan.load(SAMPLE)
    findings: list = []
    build(data, tmp_path / "out", findings=findings)
    assert findings == []  # the project's own templates follow the decree
    templates = tmp_path / "templates"
    shutil.copytree(default_templates_dir(), templates)
    # a letter template whose page margins depart from the decree: the check says so
    letter = templates / LETTER_TEMPLATE
    with zipfile.ZipFile(letter) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(letter, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts:
            if name == "word/document.xml":
                content = re.sub(rb'(<w:pgMar\b[^>]*? w:left=")\d+"', rb'\g<1>4000"', content)
            target.writestr(name, content)
    findings = []
    build(data, tmp_path / "out2", findings=findings, templates_dir=templates)
    paths = {path for path, _ in findings}
    assert len(paths) == 1 and paths.pop().startswith("don-vi/")
    findings = []
    build(data, tmp_path / "out2", findings=findings, templates_dir=templates)
    assert findings == []  # nothing rendered again: checked when it was written
