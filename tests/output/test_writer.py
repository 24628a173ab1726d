"""Safe, incremental writing into the output folder: congvan.writer."""

from __future__ import annotations


import pytest

from congvan.output import atomic as atomic_module
from congvan.exceptions import EditedFilesError, OutputError
from congvan.output.writer import OutputWriter, load_manifest, sha256_bytes
from output_builds import FILES, OLD, age, build, fixed_now, snapshot, tmp_files

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


def test_a_file_that_is_a_link_to_outside_is_refused_beside_plain_files(tmp_path):
    """Folders are resolved once per check; a file name that is itself a link is still
    followed."""
    out = tmp_path / "output"
    (out / "don-vi").mkdir(parents=True)
    outside = tmp_path / "outside.docx"
    outside.write_bytes(b"not ours")
    (out / "don-vi" / "b.docx").symlink_to(outside)
    w = OutputWriter(out)
    w.add("don-vi/a.docx", b"x", kind="unit-letter")
    with pytest.raises(OutputError, match="ra ngoài"):
        w.add("don-vi/b.docx", b"x", kind="unit-letter")
    assert outside.read_bytes() == b"not ours"


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
