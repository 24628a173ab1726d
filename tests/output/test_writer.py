"""Safe, incremental writing into the output folder: congvan.writer."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from congvan.output import atomic as atomic_module
from congvan.output import journal as journal_module
from congvan.exceptions import EditedFilesError, OutputError
from congvan.output.writer import (
    OutputWriter,
    WriteReport,
    load_manifest,
    sha256_bytes,
)

OLD = 1_000_000_000  # an mtime far in the past


def fixed_now():
    return datetime(2026, 11, 28, 15, 30, 0)


FILES = {
    "cong-van.docx": (b"dispatch v1", "dispatch", None),
    "phu-luc.docx": (b"appendix v1", "appendix", None),
    "don-vi/ubnd-phuong-duc-xuan.docx": (b"letter duc-xuan v1", "unit-letter", "duc-xuan"),
    "don-vi/ubnd-phuong-nguyen-trai.docx": (b"letter nguyen-trai v1", "unit-letter", "nguyen-trai"),
}


def build(out: Path, files=None, force=False, **changes) -> WriteReport:
    """One build of ``files`` (default FILES) with some contents replaced."""
    files = dict(FILES if files is None else files)
    for path, data in changes.items():
        path = path.replace("__", "/").replace("_", "-") + ".docx"
        _, kind, unit = files[path]
        files[path] = (data, kind, unit)
    w = OutputWriter(out, force=force, now=fixed_now)
    for path, (data, kind, unit) in files.items():
        w.add(path, data, kind=kind, unit=unit)
    return w.commit()


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``out`` with its content and mtime."""
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def age(out: Path) -> None:
    for p in out.rglob("*"):
        if p.is_file():
            os.utime(p, (OLD, OLD))


def tmp_files(out: Path) -> list[Path]:
    return list(out.rglob("*.tmp"))


def test_first_build_writes_files_and_manifest(tmp_path):
    out = tmp_path / "output"
    report = build(out)
    assert report.written == sorted(FILES)
    assert report.unchanged == [] and report.removed == [] and report.backups == []
    for path, (data, _, _) in FILES.items():
        assert (out / path).read_bytes() == data
    manifest = load_manifest(out)
    assert manifest == report.manifest
    assert manifest["generator"] == "congvan" and manifest["version"] == 1
    assert manifest["removed"] == []
    assert [e["path"] for e in manifest["files"]] == sorted(FILES)
    entry = next(e for e in manifest["files"] if e["path"] == "don-vi/ubnd-phuong-duc-xuan.docx")
    assert entry == {
        "path": "don-vi/ubnd-phuong-duc-xuan.docx",
        "kind": "unit-letter",
        "unit": "duc-xuan",
        "sha256": sha256_bytes(b"letter duc-xuan v1"),
    }
    assert report.summary() == "Đã ghi 4 tệp, giữ nguyên 0 tệp, xóa 0 tệp"
    assert tmp_files(out) == []


def test_nothing_written_before_commit(tmp_path):
    out = tmp_path / "output"
    w = OutputWriter(out)
    w.add("a.docx", b"a", kind="dispatch")
    assert not out.exists()


def test_identical_build_rewrites_nothing(tmp_path):
    out = tmp_path / "output"
    build(out)
    age(out)
    before = snapshot(out)
    report = build(out)
    assert report.written == [] and report.removed == []
    assert report.unchanged == sorted(FILES)
    assert snapshot(out) == before  # same bytes and same mtimes, manifest included
    assert report.summary() == "Đã ghi 0 tệp, giữ nguyên 4 tệp, xóa 0 tệp"


def test_changed_content_is_rewritten(tmp_path):
    out = tmp_path / "output"
    build(out)
    age(out)
    report = build(out, cong_van=b"dispatch v2")
    assert report.written == ["cong-van.docx"]
    assert (out / "cong-van.docx").read_bytes() == b"dispatch v2"
    assert (out / "cong-van.docx").stat().st_mtime != OLD
    assert (out / "phu-luc.docx").stat().st_mtime == OLD
    entry = next(e for e in load_manifest(out)["files"] if e["path"] == "cong-van.docx")
    assert entry["sha256"] == sha256_bytes(b"dispatch v2")


def test_hand_edited_file_blocks_whole_commit(tmp_path):
    out = tmp_path / "output"
    build(out)
    (out / "phu-luc.docx").write_bytes(b"appendix edited by hand")
    age(out)
    before = snapshot(out)
    w = OutputWriter(out, now=fixed_now)
    for path, (data, kind, unit) in FILES.items():
        w.add(path, data + b" v2", kind=kind, unit=unit)
    assert w.pending_edits() == ["phu-luc.docx"]
    with pytest.raises(EditedFilesError) as caught:
        w.commit()
    error = caught.value
    assert error.files == ["phu-luc.docx"]
    message = str(error)
    assert "Các tệp sau đã được sửa tay sau lần tạo trước" in message
    assert "\n  phu-luc.docx\n" in message
    assert "cong-van.docx" not in message
    assert f"{out.as_posix()}/.backup/<thời điểm>/" in message
    assert "--force" in message
    assert snapshot(out) == before
    assert tmp_files(out) == []
    assert not (out / ".backup").exists()


def test_force_backs_up_then_overwrites(tmp_path):
    out = tmp_path / "output"
    build(out)
    (out / "don-vi" / "ubnd-phuong-duc-xuan.docx").write_bytes(b"edited letter")
    report = build(out, force=True, don_vi__ubnd_phuong_duc_xuan=b"letter v2")
    backup = out / ".backup" / "20261128-153000" / "don-vi" / "ubnd-phuong-duc-xuan.docx"
    assert backup.read_bytes() == b"edited letter"
    assert report.backups == [".backup/20261128-153000/don-vi/ubnd-phuong-duc-xuan.docx"]
    assert (out / "don-vi" / "ubnd-phuong-duc-xuan.docx").read_bytes() == b"letter v2"
    assert report.summary() == (
        "Đã ghi 1 tệp, giữ nguyên 3 tệp, xóa 0 tệp; "
        "đã sao lưu 1 tệp vào .backup/20261128-153000/"
    )
    # The backup folder is not part of the build.
    assert all(not e["path"].startswith(".backup") for e in report.manifest["files"])
    # A second forced backup in the same second gets its own folder.
    (out / "cong-van.docx").write_bytes(b"edited again")
    report = build(out, force=True)
    assert report.backups == [".backup/20261128-153000-2/cong-van.docx"]
    assert (out / ".backup/20261128-153000-2/cong-van.docx").read_bytes() == b"edited again"


def test_file_deleted_by_hand_is_written_again(tmp_path):
    out = tmp_path / "output"
    build(out)
    (out / "phu-luc.docx").unlink()
    report = build(out)
    assert report.written == ["phu-luc.docx"]
    assert (out / "phu-luc.docx").read_bytes() == b"appendix v1"


def test_file_no_longer_produced_is_removed(tmp_path):
    out = tmp_path / "output"
    build(out)
    files = {k: v for k, v in FILES.items() if not k.startswith("don-vi/")}
    report = build(out, files=files)
    assert report.removed == [
        "don-vi/ubnd-phuong-duc-xuan.docx",
        "don-vi/ubnd-phuong-nguyen-trai.docx",
    ]
    assert not (out / "don-vi").exists()  # emptied subfolder removed too
    manifest = load_manifest(out)
    assert manifest["removed"] == report.removed
    assert [e["path"] for e in manifest["files"]] == sorted(files)
    assert report.summary() == "Đã ghi 0 tệp, giữ nguyên 2 tệp, xóa 2 tệp"


def test_removal_keeps_folder_with_user_files(tmp_path):
    out = tmp_path / "output"
    build(out)
    (out / "don-vi" / "ghi-chu.txt").write_text("của người dùng")
    files = {k: v for k, v in FILES.items() if not k.startswith("don-vi/")}
    build(out, files=files)
    assert (out / "don-vi" / "ghi-chu.txt").exists()


def test_edited_file_that_would_be_removed_is_protected(tmp_path):
    out = tmp_path / "output"
    build(out)
    (out / "don-vi" / "ubnd-phuong-duc-xuan.docx").write_bytes(b"edited")
    files = {k: v for k, v in FILES.items() if k != "don-vi/ubnd-phuong-duc-xuan.docx"}
    before = snapshot(out)
    with pytest.raises(EditedFilesError) as caught:
        build(out, files=files)
    assert caught.value.files == ["don-vi/ubnd-phuong-duc-xuan.docx"]
    assert snapshot(out) == before
    report = build(out, files=files, force=True)
    assert report.removed == ["don-vi/ubnd-phuong-duc-xuan.docx"]
    assert report.backups == [".backup/20261128-153000/don-vi/ubnd-phuong-duc-xuan.docx"]
    assert not (out / "don-vi" / "ubnd-phuong-duc-xuan.docx").exists()


def test_foreign_file_is_protected_unless_identical(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "cong-van.docx").write_bytes(b"made by a person")
    (out / "phu-luc.docx").write_bytes(b"appendix v1")  # same bytes as the build's
    with pytest.raises(EditedFilesError) as caught:
        build(out)
    assert caught.value.files == ["cong-van.docx"]
    assert not (out / MANIFEST).exists()
    report = build(out, force=True)
    assert "phu-luc.docx" in report.unchanged
    assert report.backups == [".backup/20261128-153000/cong-van.docx"]


MANIFEST = "manifest.json"


def test_unrelated_user_files_are_left_alone(tmp_path):
    out = tmp_path / "output"
    build(out)
    (out / "ghi-chu.txt").write_text("x")
    files = {k: v for k, v in FILES.items() if k != "phu-luc.docx"}
    report = build(out, files=files)
    assert report.removed == ["phu-luc.docx"]
    assert (out / "ghi-chu.txt").read_text() == "x"


@pytest.mark.parametrize(
    "path",
    ["../x.docx", "/etc/x", "a/../../x", "a\\b.docx", "", "a//b.docx", "./a.docx",
     "manifest.json", ".backup/x.docx", "C:/x.docx", ".congvan-journal.json",
     ".congvan-lock", ".CONGVAN-STAGING/0.tmp"],
)
def test_unsafe_paths_rejected(tmp_path, path):
    w = OutputWriter(tmp_path / "output")
    with pytest.raises(OutputError) as caught:
        w.add(path, b"x", kind="dispatch")
    if path:
        assert path in str(caught.value)


def test_symlinked_subfolder_pointing_outside_rejected(tmp_path):
    out = tmp_path / "output"
    outside = tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "don-vi").symlink_to(outside, target_is_directory=True)
    w = OutputWriter(out)
    with pytest.raises(OutputError, match="ra ngoài"):
        w.add("don-vi/x.docx", b"x", kind="unit-letter")
    assert list(outside.iterdir()) == []


def test_symlink_created_after_add_is_caught_at_commit(tmp_path):
    out = tmp_path / "output"
    outside = tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    w = OutputWriter(out)
    w.add("don-vi/x.docx", b"x", kind="unit-letter")
    (out / "don-vi").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputError, match="ra ngoài"):
        w.commit()
    assert list(outside.iterdir()) == []


def test_duplicate_paths_rejected(tmp_path):
    w = OutputWriter(tmp_path / "output")
    w.add("a.docx", b"x", kind="dispatch")
    with pytest.raises(OutputError, match="hai lần"):
        w.add("a.docx", b"y", kind="dispatch")
    with pytest.raises(OutputError, match="hai lần"):
        w.add("A.docx", b"y", kind="dispatch")
    with pytest.raises(OutputError, match="a.docx"):
        w.add("a.docx/b.docx", b"y", kind="dispatch")


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


def test_manifest_is_deterministic(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    build(first)
    w = OutputWriter(second, now=fixed_now)
    for path, (data, kind, unit) in reversed(list(FILES.items())):
        w.add(path, data, kind=kind, unit=unit)
    w.commit()
    content = (first / MANIFEST).read_bytes()
    assert content == (second / MANIFEST).read_bytes()
    assert content.endswith(b"}\n")
    text = content.decode("utf-8")
    assert json.loads(text)["files"][0]["path"] == sorted(FILES)[0]


def test_manifest_keeps_vietnamese_text(tmp_path):
    out = tmp_path / "output"
    w = OutputWriter(out)
    w.add("đơn-vị/công-văn.docx", b"x", kind="unit-letter", unit="đức-xuân")
    w.commit()
    assert "đơn-vị/công-văn.docx" in (out / MANIFEST).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[]", b'{"generator": "other", "version": 1, "files": []}',
     b'{"generator": "congvan", "version": 1, "files": [{"path": "../../etc/passwd", "sha256": "00"}]}'],
)
def test_corrupt_manifest_reported(tmp_path, content):
    out = tmp_path / "output"
    out.mkdir()
    (out / MANIFEST).write_bytes(content)
    with pytest.raises(OutputError) as caught:
        build(out)
    message = str(caught.value)
    assert "manifest.json" in message and "Chỉ xóa" in message
    assert list(out.iterdir()) == [out / MANIFEST]


def test_load_manifest_absent(tmp_path):
    assert load_manifest(tmp_path) is None


def test_writer_is_single_use(tmp_path):
    w = OutputWriter(tmp_path / "output")
    w.add("a.docx", b"x", kind="dispatch")
    w.commit()
    with pytest.raises(OutputError):
        w.add("b.docx", b"x", kind="dispatch")
    with pytest.raises(OutputError):
        w.commit()


def test_new_files_get_normal_permissions(tmp_path):
    out = tmp_path / "output"
    build(out)
    mode = (out / "cong-van.docx").stat().st_mode & 0o777
    assert mode == atomic_module.NEW_FILE_MODE


@pytest.mark.parametrize("inside", [False, True])
def test_a_symlinked_backup_folder_is_refused(tmp_path, inside):
    out = tmp_path / "output"
    build(out)
    elsewhere = (out / "kept") if inside else (tmp_path / "elsewhere")
    elsewhere.mkdir()
    (out / ".backup").symlink_to(elsewhere, target_is_directory=True)
    (out / "cong-van.docx").write_bytes(b"edited")
    before = snapshot(out)
    with pytest.raises(OutputError) as caught:
        build(out, force=True, cong_van=b"dispatch v2")
    assert str(caught.value) == (
        f"Thư mục sao lưu '{out / '.backup'}' là liên kết tượng trưng; bản sao lưu chỉ được "
        "ghi ngay trong thư mục đầu ra. Hãy xóa liên kết (hoặc đổi tên nó) rồi chạy lại với "
        "--force. Chưa có tệp nào bị ghi đè.")
    assert snapshot(out) == before and list(elsewhere.iterdir()) == []


def test_an_output_folder_name_too_long_is_an_error(tmp_path):
    out = tmp_path / ("thư-mục-" * 40)
    with pytest.raises(OutputError, match=r"Thư mục đầu ra có tên 'thư-mục-thư-mục-.*' dài 440 byte, "
                                          r"quá 255 byte mà hệ thống tệp cho phép"):
        build(out)
