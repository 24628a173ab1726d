"""Property tests (c): a build that fails after rendering started leaves the output folder
exactly as it was."""
from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import congvan
from helpers import ROOT, SAMPLE

TEMPLATES = ROOT / "templates"

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


# --- (c) a failed build leaves the output folder as it was ---------------------------------

def _snapshot(folder: Path):
    if not folder.exists():
        return None
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            p = Path(dirpath, name)
            out[p.relative_to(folder).as_posix() + "/"] = None
        for name in filenames:
            p = Path(dirpath, name)
            st_ = p.stat()
            out[p.relative_to(folder).as_posix()] = (p.read_bytes(), st_.st_mtime_ns, st_.st_mode)
    return out


def _docx_with(template: Path, dest: Path, edit) -> None:
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "word/document.xml":
                blob = edit(blob.decode("utf-8")).encode("utf-8")
            out.writestr(info, blob)


_PARA = '<w:p><w:r><w:t>{}</w:t></w:r></w:p>'
BREAKAGES = {
    "not a zip": lambda src, dest: dest.write_bytes(b"PK\x03\x04 this is not a docx"),
    "truncated zip": lambda src, dest: dest.write_bytes(src.read_bytes()[:2000]),
    "undefined variable": lambda src, dest: _docx_with(
        src, dest, lambda x: x.replace("<w:body>", "<w:body>" + _PARA.format("{{ khong_co_bien.x }}"), 1)),
    "jinja syntax error": lambda src, dest: _docx_with(
        src, dest, lambda x: x.replace("<w:body>", "<w:body>" + _PARA.format("{% if %}"), 1)),
    "type error": lambda src, dest: _docx_with(
        src, dest, lambda x: x.replace("<w:body>", "<w:body>" + _PARA.format("{{ doc.subject + 1 }}"), 1)),
    "division by zero": lambda src, dest: _docx_with(
        src, dest, lambda x: x.replace("<w:body>", "<w:body>" + _PARA.format("{{ 1 // 0 }}"), 1)),
}


@pytest.fixture(scope="module")
def sample_data():
    return congvan.load(SAMPLE)


@SETTINGS
@given(broken=st.sampled_from(["thu-don-vi.docx", "cong-van.docx"]),
       breakage=st.sampled_from(sorted(BREAKAGES)),
       before=st.sampled_from(["missing", "empty", "previous build", "previous build, edited",
                               "unrelated files"]),
       units=st.sampled_from([None, ["vhtt"], ["xa-phuong"]]),
       dispatch=st.sampled_from([None, True]))
def test_failed_build_leaves_output_untouched(tmp_path_factory, sample_data, broken, breakage,
                                             before, units, dispatch):
    if broken == "cong-van.docx" and units and not dispatch:
        assume(False)  # the dispatch template is not used at all
    work = tmp_path_factory.mktemp("c")
    templates = work / "templates"
    shutil.copytree(TEMPLATES, templates)
    BREAKAGES[breakage](TEMPLATES / broken, templates / broken)
    out = work / "out"
    if before != "missing":
        out.mkdir()
    if before.startswith("previous build"):
        congvan.build(sample_data, out)
        if before.endswith("edited"):
            (out / "cong-van.docx").write_bytes(b"edited by hand")
    elif before == "unrelated files":
        (out / "ghi-chu.txt").write_text("ghi chú", encoding="utf-8")
        (out / "don-vi").mkdir()
        (out / "don-vi" / "phong-vh-tt.docx").write_bytes(b"not ours")
    snapshot = _snapshot(out)
    # Any exception will do here (see test_broken_template_raises_template_error for its type).
    with pytest.raises(congvan.CongvanError):
        congvan.build(sample_data, out, units=units, dispatch=dispatch, templates_dir=templates)
    assert _snapshot(out) == snapshot
    if out.exists():
        assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_broken_template_raises_template_error(tmp_path, sample_data, breakage):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    BREAKAGES[breakage](TEMPLATES / "thu-don-vi.docx", templates / "thu-don-vi.docx")
    with pytest.raises(congvan.TemplateError):
        congvan.render_documents(sample_data, templates_dir=templates)


def test_failed_load_writes_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    congvan.build(congvan.load(SAMPLE), out)
    snapshot = _snapshot(out)
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace("symbol: UBND-VHTT", "symbol: [UBND-VHTT"), encoding="utf-8")
    with pytest.raises(congvan.DataError):
        congvan.build(congvan.load(bad), out)
    assert _snapshot(out) == snapshot
