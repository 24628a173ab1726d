"""Regenerating through the CLI: byte-identical output, and which letters a build of
changed data (or of some units) makes, keeps or removes.

How the writer treats unchanged, edited, deleted and obsolete files is tested once, in
test_writer.py; interrupted and concurrent builds in test_interrupted.py."""

import json
import time

from click.testing import CliRunner

from congvan.cli import cli
from helpers import FIXTURES, SAMPLE


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_data_gives_the_same_bytes_at_different_times(tmp_path):
    assert run("build", SAMPLE, "-o", tmp_path / "a").exit_code == 0
    time.sleep(1.1)  # zip timestamps have 2 s resolution; file properties use seconds
    assert run("build", SAMPLE, "-o", tmp_path / "b").exit_code == 0
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a.keys() == b.keys() and len(a) == 21
    for name in a:
        assert a[name] == b[name], name


def test_a_unit_without_tasks_any_more_loses_its_letter(tmp_path):
    source = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    data = tmp_path / "d.yaml"
    data.write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    run("build", data, "-o", out)
    assert (out / "don-vi" / "phong-noi-vu.docx").is_file()
    data.write_text(source.replace("          support: [noi-vu]\n", ""), encoding="utf-8")
    result = run("build", data, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "Đã ghi 2 tệp, giữ nguyên 0 tệp, xóa 1 tệp"
    assert not (out / "don-vi" / "phong-noi-vu.docx").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["removed"] == ["don-vi/phong-noi-vu.docx"]


def test_partial_build_keeps_the_other_letters(tmp_path):
    run("build", SAMPLE, "-o", tmp_path)
    before = _files(tmp_path)
    result = run("build", SAMPLE, "-o", tmp_path, "--unit", "vhtt")
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1] == "Đã ghi 0 tệp, giữ nguyên 1 tệp, xóa 0 tệp"
    assert _files(tmp_path) == before
