"""The command line, through real files: exact messages and exit codes."""

import json

import pytest
from click.testing import CliRunner

from congvan.cli import cli
from helpers import FIXTURES, SAMPLE


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


ERRORS = {
    "bad-yaml-syntax.yaml": "bad-yaml-syntax.yaml:4:8: lỗi: lỗi cú pháp YAML: thiếu dấu phẩy hoặc dấu ] đóng "
                            "danh sách (gặp ':') [expected ',' or ']', but got ':']. "
                            "Hãy kiểm tra thụt lề (dùng dấu cách, không dùng Tab) và dấu hai chấm.",
    "unknown-key.yaml": 'unknown-key.yaml:6:3: lỗi: document.subjcet: khóa "subjcet" không có trong định dạng dữ liệu. '
                        'Có phải ý bạn là "subject"?',
    "missing-signer.yaml": "missing-signer.yaml:2:3: lỗi: document.signer: thiếu trường bắt buộc (Người ký).",
    "wrong-type.yaml": "wrong-type.yaml:8:9: lỗi: document.body: cần một danh sách, nhưng gặp số 42.",
    "unknown-unit.yaml": 'unknown-unit.yaml:19:18: lỗi: appendix.sections[0].indicators[0].lead[0]: '
                         'không có đơn vị mã "Phong VHTT" trong danh mục đơn vị (units). '
                         'Có phải ý bạn là "vhtt" (Phòng VH&TT)?',
    "duplicate-unit.yaml": 'duplicate-unit.yaml:13:10: lỗi: units[2].id: mã đơn vị "vhtt" bị trùng với units[0]. '
                           "Mỗi đơn vị chỉ khai báo một lần, với một mã riêng.",
    "group-contains-itself.yaml": 'group-contains-itself.yaml:13:50: lỗi: units[2].members: nhóm "nhom" chứa chính nó '
                                  "(trực tiếp hoặc qua nhóm khác). Hãy bỏ vòng lặp trong danh sách members.",
    "impossible-date.yaml": 'impossible-date.yaml:5:9: lỗi: document.date: ngày "2023-02-31" không có thật trong lịch. '
                            "Hãy kiểm tra lại ngày và tháng.",
    "impossible-deadline.yaml": "impossible-deadline.yaml:21:17: lỗi: appendix.sections[0].indicators[0].task: "
                                'ngày không có thật trong lịch: "31/02/2023" (tháng 2/2023 chỉ có 28 ngày). '
                                "Hãy sửa lại ngày trong nội dung nhiệm vụ.",
    "control-character.yaml": "control-character.yaml:6:12: lỗi: document.subject: có ký tự điều khiển không thể ghi "
                              "vào tệp Word (U+0007 ở vị trí 8). Hãy xóa ký tự đó (thường do dán từ phần mềm khác).",
    "legacy-vni.yaml": "legacy-vni.yaml:12:24: lỗi: units[1].name: văn bản có vẻ được gõ bằng bảng mã VNI; "
                       "hãy chuyển sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã, nguồn VNI Windows, "
                       "đích Unicode) rồi dán lại.",
    "legacy-tcvn3.yaml": "legacy-tcvn3.yaml:12:24: lỗi: units[1].name: văn bản có vẻ được gõ bằng bảng mã TCVN3 (ABC); "
                         "hãy chuyển sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã, nguồn TCVN3, đích Unicode) "
                         "rồi dán lại.",
}


@pytest.mark.parametrize("name", sorted(ERRORS))
@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_data_exact_message_exit_1_nothing_written(tmp_path, name, command):
    out = tmp_path / "out"
    args = [command, FIXTURES / name] + (["-o", out] if command == "build" else [])
    result = run(*args)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("Lỗi: Dữ liệu có ")
    assert str(FIXTURES / ERRORS[name]) in lines
    assert "Traceback" not in result.output
    assert not out.exists()


def test_unknown_key_also_reports_the_missing_field():
    result = run("check", FIXTURES / "unknown-key.yaml")
    assert result.output.strip().splitlines()[0] == "Lỗi: Dữ liệu có 2 lỗi, chưa tạo tệp nào:"
    assert "document.subject: thiếu trường bắt buộc" in result.output


def test_check_sample_prints_exactly_the_real_warnings():
    result = run("check", SAMPLE)
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    name = str(SAMPLE)
    assert lines == [
        f'{name}:12:10: cảnh báo: document.place: địa danh "TP. Bắc Kạn" viết tắt "TP.". '
        'Nghị định 30 yêu cầu tên chính thức, ví dụ: "Thành phố Bắc Kạn".',
        f"{name}:95:17: cảnh báo: appendix.sections[0].indicators[0].task: I.1: thời hạn "
        '"trước ngày 28/8/2023" sớm hơn ngày ban hành công văn. Hãy kiểm tra lại thời hạn hoặc ngày ban hành.',
        f"{name}:181:20: cảnh báo: appendix.sections[4].indicators[1].support: V.2: "
        '"Phòng VH&TT" vừa chủ trì vừa phối hợp. Hãy bỏ đơn vị này khỏi một trong hai cột.',
        "Không có lỗi, 3 cảnh báo.",
    ]


def test_check_strict_makes_warnings_fatal():
    result = run("check", SAMPLE, "--strict")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Lỗi: Có 3 cảnh báo; với --strict, cảnh báo được coi là lỗi.")


def test_check_deadlines_lists_what_was_understood():
    result = run("check", SAMPLE, "--deadlines")
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.output.splitlines() if line[:1] in "IV"}
    assert "28/8/2023" in rows["I.1"] and "trước ngày 28/8/2023" in rows["I.1"]
    assert "31/12/2023" in rows["IV.5"] and "trong quý III và quý IV/2023" in rows["IV.5"]
    assert "(không nêu thời hạn)" in rows["II.1"]


def test_missing_file():
    result = run("check", "khong-co.yaml")
    assert result.exit_code == 1
    assert "khong-co.yaml: lỗi: không tìm thấy tệp dữ liệu “khong-co.yaml”. Hãy kiểm tra lại đường dẫn." in result.output


def test_schema_is_json_and_validates_the_sample():
    import jsonschema
    import yaml

    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_build_prints_summary(tmp_path):
    result = run("build", SAMPLE, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "Đã ghi 20 tệp, giữ nguyên 0 tệp, xóa 0 tệp"
    assert (tmp_path / "cong-van.docx").is_file()


def test_unknown_unit_is_a_usage_error_with_close_matches(tmp_path):
    result = run("build", SAMPLE, "-o", tmp_path, "--unit", "duc-xaun")
    assert result.exit_code == 2
    assert result.output.splitlines()[-4:] == [  # after the data's three warnings
        "Usage: cli build [OPTIONS] DATA_FILE",
        "Xem hướng dẫn: cli build --help",
        "",
        f'Lỗi: Không có đơn vị mã "duc-xaun" trong {SAMPLE}. '
        'Có phải ý bạn là "duc-xuan" (UBND phường Đức Xuân)?']
    assert not tmp_path.joinpath("manifest.json").exists()


def test_a_template_error_is_shown_in_vietnamese_with_exit_1(tmp_path):
    templates = tmp_path / "mau"
    templates.mkdir()
    (templates / "cong-van.docx").write_bytes(b"PK\x03\x04 not a docx")
    result = run("build", SAMPLE, "-o", tmp_path / "out", "--templates", templates)
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"Lỗi: Mẫu “{templates / 'cong-van.docx'}” không phải tệp Word hợp lệ")
    assert "Error" not in result.output and not (tmp_path / "out").exists()


def test_unit_option_builds_only_those_letters(tmp_path):
    result = run("build", SAMPLE, "-o", tmp_path, "--unit", "vhtt", "--unit", "duc-xuan")
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.docx"))
    assert files == ["don-vi/phong-vh-tt.docx", "don-vi/ubnd-phuong-duc-xuan.docx"]
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert {(e["kind"], e["unit"]) for e in manifest["files"]} == {
        ("unit-letter", "vhtt"), ("unit-letter", "duc-xuan")}


def test_units_table_and_json():
    result = run("units", SAMPLE, "--json")
    assert result.exit_code == 0
    rows = {r["unit"]: r for r in json.loads(result.output)}
    assert rows["duc-xuan"]["lead"] == 12 and rows["duc-xuan"]["support"] == 9
    assert rows["duc-xuan"]["nearest_deadline"] == "2023-08-28"
    assert rows["duc-xuan"]["path"] == "don-vi/ubnd-phuong-duc-xuan.docx"
    assert rows["duc-xuan"]["file"] == rows["duc-xuan"]["path"]  # the key's earlier name stays
    assert "xa-phuong" not in rows
    table = run("units", SAMPLE).output.splitlines()
    assert table[0].split()[:2] == ["Mã", "Đơn"]
    assert any(line.startswith("duc-xuan ") for line in table)


def test_help_is_vietnamese_for_every_command():
    for command in cli.commands.values():
        assert command.help, command.name
    assert "Tạo công văn" in run("build", "--help").output


def test_diff_exit_codes_and_json(tmp_path):
    same = run("diff", SAMPLE, SAMPLE)
    assert (same.exit_code, same.output.strip()) == (0, "Không có khác biệt.")
    changed = tmp_path / "new.yaml"
    changed.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "xong trong tháng 10/2023.", "xong trong tháng 11/2023."), encoding="utf-8")
    result = run("diff", SAMPLE, changed)
    assert result.exit_code == 1
    assert "[-10/2023.-]{+11/2023.+}" in result.output
    as_json = json.loads(run("diff", SAMPLE, changed, "--json").output)
    fields = {c["field"] for c in as_json["changed"] if c["ref"] == "IV.4"}
    assert fields == {"task", "deadline"}
    assert "don-vi/phong-vh-tt.docx" in {l["path"] for l in as_json["letters"]}


def test_warnings_for_an_empty_indicator_and_an_idle_unit():
    name = FIXTURES / "warnings-empty-indicator-idle-unit.yaml"
    result = run("check", name)
    assert result.exit_code == 0
    assert result.output.strip().splitlines() == [
        f"{name}:23:11: cảnh báo: appendix.sections[0].indicators[1]: I.2: chỉ số không có nhiệm vụ, "
        "đơn vị chủ trì hay chỉ số thành phần. Hãy ghi nhiệm vụ hoặc bỏ chỉ số này.",
        f'{name}:13:10: cảnh báo: units[2].id: đơn vị "Phòng Tư pháp" không nhận nhiệm vụ nào. '
        "Hãy giao nhiệm vụ cho đơn vị hoặc bỏ đơn vị khỏi danh mục.",
        "Không có lỗi, 2 cảnh báo.",
    ]


def test_every_problem_is_reported_at_once():
    name = FIXTURES / "several-problems.yaml"
    result = run("check", name)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0] == "Lỗi: Dữ liệu có 3 lỗi, chưa tạo tệp nào:"
    assert [line.split(": ")[2] for line in lines[1:]] == [
        "document.subjcet", "document.subject", "appendix.sections[0].indicators[0].lead[0]"]


@pytest.mark.parametrize("text, message", [
    ("document:\n  subject: V/v: a: b\n", "dấu hai chấm không được đặt ở đây"),
    ("document:\n\tsubject: x\n", "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách"),
    ('document:\n  subject: "x\n', "tệp kết thúc giữa chừng"),
    ("a:\n  b: 1\n c: 2\n", "thụt lề không khớp với các dòng trên"),
])
def test_yaml_syntax_errors_are_explained_in_vietnamese(tmp_path, text, message):
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 1
    assert f"lỗi: lỗi cú pháp YAML: {message}" in result.output


def test_sigterm_stops_watch_like_ctrl_c(tmp_path):
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from helpers import ROOT

    data = tmp_path / "d.yaml"
    shutil.copy(FIXTURES / "valid-minimal.yaml", data)
    proc = subprocess.Popen(
        [sys.executable, "-m", "congvan", "build", str(data), "-o", str(tmp_path / "out"), "--watch"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "out" / "manifest.json").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert out.splitlines()[-1] == "Đã dừng theo dõi." and "Traceback" not in err


def test_an_output_folder_name_too_long_is_an_error_not_a_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(tmp_path / ("a" * 300))])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Lỗi: Thư mục đầu ra có tên '{'a' * 40}…' dài 300 byte, quá 255 byte mà hệ thống "
        "tệp cho phép. Hãy chọn tên ngắn hơn.")
