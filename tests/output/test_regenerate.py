"""Regenerating after edits, through the CLI: byte-identical, incremental, never losing a hand edit."""

import json
import os
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


def test_unchanged_files_are_not_rewritten(tmp_path):
    run("build", SAMPLE, "-o", tmp_path)
    old = time.time() - 3600
    for p in tmp_path.rglob("*.docx"):
        os.utime(p, (old, old))
    result = run("build", SAMPLE, "-o", tmp_path)
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1] == "Đã ghi 0 tệp, giữ nguyên 20 tệp, xóa 0 tệp"
    assert all(abs(p.stat().st_mtime - old) < 1 for p in tmp_path.rglob("*.docx"))


def test_a_hand_edited_file_stops_the_build_then_force_backs_it_up(tmp_path):
    run("build", SAMPLE, "-o", tmp_path)
    letter = tmp_path / "don-vi" / "ubnd-phuong-duc-xuan.docx"
    letter.write_bytes(letter.read_bytes() + b"edited in Word")
    edited = letter.read_bytes()
    before = _files(tmp_path)
    changed = SAMPLE.read_text(encoding="utf-8").replace("Hoàng Hà Bắc", "Nguyễn Văn A")
    data = tmp_path.parent / f"{tmp_path.name}-changed.yaml"
    data.write_text(changed, encoding="utf-8")

    result = run("build", data, "-o", tmp_path)
    assert result.exit_code == 1
    assert "don-vi/ubnd-phuong-duc-xuan.docx" in result.output
    assert "--force" in result.output
    assert _files(tmp_path) == before  # nothing at all was written

    result = run("build", data, "-o", tmp_path, "--force")
    assert result.exit_code == 0, result.output
    backups = list((tmp_path / ".backup").rglob("ubnd-phuong-duc-xuan.docx"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert "sao lưu" in result.output
    assert letter.read_bytes() != edited


def test_a_file_deleted_by_hand_is_rebuilt(tmp_path):
    run("build", SAMPLE, "-o", tmp_path)
    (tmp_path / "don-vi" / "phong-vh-tt.docx").unlink()
    result = run("build", SAMPLE, "-o", tmp_path)
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1] == "Đã ghi 1 tệp, giữ nguyên 19 tệp, xóa 0 tệp"
    assert (tmp_path / "don-vi" / "phong-vh-tt.docx").is_file()


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
