"""An interrupted or failed write is finished or undone by the next build: congvan.output.journal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from congvan.exceptions import EditedFilesError, OutputError
from congvan.output import journal as journal_module
from congvan.output.writer import load_manifest, sha256_bytes
from output_builds import build, snapshot, tmp_files


def test_a_full_disk_while_staging_changes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "output"
    build(out)
    before = snapshot(out)
    real_open = open
    calls = []

    def full_disk(path, mode="r", *args, **kwargs):
        if mode == "xb":
            calls.append(path)
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_disk)
    with pytest.raises(OutputError) as caught:
        build(out, cong_van=b"dispatch v2", phu_luc=b"appendix v2")
    monkeypatch.setattr("builtins.open", real_open)
    assert "No space left on device" in str(caught.value)
    assert "phu-luc.docx" in str(caught.value)
    assert snapshot(out) == before
    assert tmp_files(out) == [] and sorted(p.name for p in out.iterdir()) == [
        "cong-van.docx", "don-vi", "manifest.json", "phu-luc.docx"]


def test_a_failure_while_switching_is_finished_by_the_next_build(tmp_path, monkeypatch):
    out = tmp_path / "output"
    build(out)
    real_replace = os.replace
    calls = []

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(journal_module.os, "replace", flaky_replace)
    with pytest.raises(OutputError, match="lần tạo sau sẽ tự ghi nốt"):
        build(out, cong_van=b"dispatch v2", phu_luc=b"appendix v2")
    monkeypatch.setattr(journal_module.os, "replace", real_replace)
    assert (out / ".congvan-journal.json").exists()
    # Other data, no --force: the interrupted switch is finished first, nothing is "edited".
    report = build(out, cong_van=b"dispatch v3")
    assert report.written == ["cong-van.docx", "phu-luc.docx"]
    assert (out / "phu-luc.docx").read_bytes() == b"appendix v1"
    assert_matches_manifest(out)
    # A real hand edit is still refused.
    (out / "phu-luc.docx").write_bytes(b"edited")
    with pytest.raises(EditedFilesError) as caught:
        build(out, phu_luc=b"appendix v4")
    assert caught.value.files == ["phu-luc.docx"]


def test_a_full_disk_while_writing_the_manifest_is_finished_by_the_next_build(tmp_path, monkeypatch):
    out = tmp_path / "output"
    build(out)
    real_write = journal_module.atomic_write

    def full_disk(target, data, label):
        if label == "manifest.json":
            raise OutputError("Không ghi được tệp 'manifest.json': No space left on device.")
        return real_write(target, data, label)

    monkeypatch.setattr(journal_module, "atomic_write", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        build(out, cong_van=b"dispatch v2")
    monkeypatch.setattr(journal_module, "atomic_write", real_write)
    # The new dispatch is in place, the manifest still the old one: the journal knows.
    assert (out / "cong-van.docx").read_bytes() == b"dispatch v2"
    assert (out / ".congvan-journal.json").exists()
    report = build(out, phu_luc=b"appendix v2")
    assert report.written == ["cong-van.docx", "phu-luc.docx"] and report.backups == []
    assert_matches_manifest(out)


def test_temporary_files_an_older_build_left_are_removed(tmp_path):
    out = tmp_path / "output"
    build(out)
    stray = [out / ".cong-van.docx.k2x_9abq.tmp", out / "don-vi" / ".x.docx.0123abcd.tmp",
             out / ".manifest.json.zz99yy88.tmp"]
    for path in stray:
        path.write_bytes(b"half")
    mine = out / "don-vi" / ".ghi-chu.txt.tmp"
    mine.write_bytes(b"a person's file")
    build(out)
    assert [p for p in stray if p.exists()] == [] and mine.exists()


def assert_matches_manifest(out: Path) -> None:
    """Every file of the manifest is on disk with its digest; nothing temporary is left."""
    manifest = load_manifest(out)
    for entry in manifest["files"]:
        assert sha256_bytes((out / entry["path"]).read_bytes()) == entry["sha256"], entry["path"]
    assert tmp_files(out) == []
    assert not any(p.name.startswith(".congvan") for p in out.iterdir())
