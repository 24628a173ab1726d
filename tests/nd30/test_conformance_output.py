"""Everything the project writes follows Nghị định 30 by its own check, also after a
LibreOffice round trip; a build whose output breaks a rule says so."""

import shutil

import pytest
from click.testing import CliRunner
from docx import Document
from docx.shared import Mm

from congvan.cli import cli
from congvan.nd30.conformance import check_docx
from helpers import ROOT, SAMPLE, convert_with_libreoffice, soffice


def test_every_built_file_passes(built):
    files = sorted(built.rglob("*.docx"))
    assert len(files) == 20
    results = [check_docx(f) for f in files]
    assert [f.format() for r in results for f in r.findings] == []
    dispatch = check_docx(built / "cong-van.docx")
    assert (dispatch.kind, dispatch.appendices) == ("Công văn", 1)
    assert {r.kind for r in results} == {"Công văn"}


@pytest.mark.parametrize("data_file", sorted((ROOT / "data").glob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_builds_files_that_pass(data_file, tmp_path):
    import congvan

    findings = []
    report = congvan.build(congvan.load(data_file), tmp_path, findings=findings)
    assert report.written and [f"{path}: {f.format()}" for path, f in findings] == []


@pytest.mark.slow
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) chưa được cài: "
                    "apt-get install libreoffice-writer-nogui; CI cài sẵn.")
def test_files_pass_after_a_libreoffice_round_trip(built, built_kinds, tmp_path):
    files = [built / "cong-van.docx", built / "don-vi" / "phong-vh-tt.docx",
             built / "don-vi" / "ubnd-phuong-duc-xuan.docx",
             built_kinds["ke-hoach"] / "ke-hoach.docx", built_kinds["quyet-dinh"] / "quyet-dinh.docx",
             next((built_kinds["ke-hoach"] / "don-vi").glob("*.docx"))]
    convert_with_libreoffice(files, tmp_path / "lo", "docx:MS Word 2007 XML", tmp_path)
    for f in files:
        again = check_docx(tmp_path / "lo" / f.name)
        assert [x.format() for x in again.findings] == [], f.name
    assert check_docx(tmp_path / "lo" / "cong-van.docx").appendices == 1


def test_build_warns_when_its_output_breaks_a_rule(tmp_path):
    templates = tmp_path / "mau"
    shutil.copytree(ROOT / "templates", templates)
    doc = Document(templates / "cong-van.docx")
    doc.sections[0].left_margin = Mm(25)
    doc.save(templates / "cong-van.docx")
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(tmp_path / "out"),
                                      "--templates", str(templates)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if ": cảnh báo: [PL" in line]
    assert warnings == [f"{tmp_path / 'out' / 'cong-van.docx'}: cảnh báo: [PL I I.3] Lề trái "
                        "(section 1): 25,0 mm; cần 30–35 mm."]
    assert (tmp_path / "out" / "cong-van.docx").is_file()  # a warning, not an error
