"""`congvan check FILE.docx`: exit 0 / 1 / 2, the Vietnamese report, --json; the data
check of a YAML file is unchanged."""

import json
import zipfile

from click.testing import CliRunner

from congvan.cli import cli
from helpers import SAMPLE
from wrong_documents import document


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_a_right_file_exits_0(tmp_path):
    result = run("check", document(tmp_path / "ke-hoach.docx", "Kế hoạch", appendix=True))
    assert result.exit_code == 0, result.output
    assert "kế hoạch, 1 phụ lục" in result.output
    assert "Đúng thể thức Nghị định 30/2020/NĐ-CP" in result.output


def test_a_broken_rule_exits_1_and_names_it(tmp_path):
    result = run("check", document(tmp_path / "cv.docx", subject="V/v: triển khai", parent_bold=True))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("  [PL I II.5] Trích yếu (V/v) «V/v: triển khai»: «V/v:» có dấu "
                               "hai chấm; cần «V/v» rồi nội dung") for line in lines), lines
    assert any("[PL I II.2] Tên cơ quan chủ quản «UBND TỈNH BẮC KẠN»: chữ in đậm; "
               "cần chữ không in đậm." in line for line in lines), lines
    assert lines[-1] == "Có 2 điểm chưa đúng Nghị định 30/2020/NĐ-CP."


def test_json_for_scripts(tmp_path):
    result = run("check", document(tmp_path / "cv.docx", distribution_size=13), "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["type"] == "Công văn" and report["ok"] is False
    assert {f["rule"] for f in report["findings"]} == {"PL I II.9.b"}
    first = report["findings"][0]
    assert set(first) == {"rule", "element", "text", "found", "expected"}
    assert first["text"] == "- Như trên;" and first["found"] == "cỡ chữ 13"


def test_json_of_a_right_file(tmp_path):
    result = run("check", "--json", document(tmp_path / "cv.docx"))
    assert result.exit_code == 0
    assert json.loads(result.output)["findings"] == []


def _unreadable(result, words):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert all(w in result.output for w in words), result.output


def test_not_a_docx(tmp_path):
    path = tmp_path / "ghi-chu.docx"
    path.write_text("chỉ là văn bản thường", encoding="utf-8")
    _unreadable(run("check", path), ["không phải tệp .docx"])


def test_encrypted_file(tmp_path):
    # A password-protected .docx is an OLE compound file, not a zip.
    path = tmp_path / "mat-khau.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    _unreadable(run("check", path), ["mã hóa", "bỏ mật khẩu"])


def test_a_part_encrypted_by_a_zip_password(tmp_path):
    """The zip's own encryption (not Word's): the flag bit set on every entry."""
    good = document(tmp_path / "x.docx").read_bytes()
    flagged = bytearray(good)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = flagged.find(signature)
        while at >= 0:
            flagged[at + offset] |= 1
            at = flagged.find(signature, at + 4)
    path = tmp_path / "zip-mat-khau.docx"
    path.write_bytes(bytes(flagged))
    _unreadable(run("check", path), ["mã hóa", "mật khẩu zip"])


def test_damaged_zip(tmp_path):
    good = document(tmp_path / "x.docx").read_bytes()
    path = tmp_path / "hong.docx"
    path.write_bytes(good[: len(good) // 2])
    _unreadable(run("check", path), ["bị hỏng"])


def test_zip_without_a_document(tmp_path):
    path = tmp_path / "khong-phai-word.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "x")
    _unreadable(run("check", path), ["không phải văn bản Word"])


def test_missing_file(tmp_path):
    _unreadable(run("check", tmp_path / "khong-co.docx"), ["Không tìm thấy tệp"])


def test_a_docx_by_content_whatever_its_name(tmp_path):
    path = tmp_path / "van-ban"
    path.write_bytes(document(tmp_path / "x.docx").read_bytes())
    assert run("check", path).exit_code == 0


def test_yaml_data_is_still_checked_as_data():
    result = run("check", SAMPLE)
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "Không có lỗi, 3 cảnh báo."
    assert run("check", SAMPLE, "--json").exit_code == 2


def test_data_options_are_refused_for_a_docx(tmp_path):
    result = run("check", document(tmp_path / "cv.docx"), "--strict")
    assert result.exit_code == 2 and "chỉ dùng khi kiểm tra tệp dữ liệu YAML" in result.output
