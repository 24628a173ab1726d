"""``congvan import``: -o writes a new data file (never over one without --force);
--into applies edits made in Word to an existing one; wrong combinations are usage errors."""

import docx
import pytest
from click.testing import CliRunner

import congvan
from congvan.cli import cli
from helpers import PLAN_SAMPLE, SAMPLE


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("plan")
    congvan.build(congvan.load(PLAN_SAMPLE), out)
    return out / "ke-hoach.docx"


def test_import_writes_a_data_file_and_reports(plan_docx, tmp_path):
    target = tmp_path / "du-lieu.yaml"
    result = CliRunner().invoke(cli, ["import", str(plan_docx), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Đã ghi {target}: 8 đơn vị, 7 dòng nhiệm vụ, 1 cảnh báo")
    assert "cảnh báo: Đơn vị «UBND các xã, phường»" in result.stderr
    assert congvan.load(target).document.kind.key == "ke-hoach"


def test_an_existing_file_is_kept_unless_forced(plan_docx, tmp_path):
    target = tmp_path / "du-lieu.yaml"
    target.write_text("# của tôi\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(plan_docx), "-o", str(target)])
    assert result.exit_code == 1 and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "# của tôi\n"
    result = CliRunner().invoke(cli, ["import", str(plan_docx), "-o", str(target), "--force"])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Nhập từ ke-hoach.docx")
    assert [p.name for p in tmp_path.iterdir()] == ["du-lieu.yaml"]  # no temporary file left


@pytest.mark.parametrize("args, words", [
    ([], "đúng một trong hai"),
    (["-o", "a.yaml", "--into", "b.yaml"], "đúng một trong hai"),
    (["-o", "a.yaml", "--dry-run"], "--dry-run chỉ dùng với --into"),
    (["--into", "a.yaml", "--force"], "--force chỉ dùng với -o"),
])
def test_usage_errors(plan_docx, args, words):
    result = CliRunner().invoke(cli, ["import", str(plan_docx), *args])
    assert result.exit_code == 2 and words in result.output
    assert result.output.startswith("Usage: ") and "import [OPTIONS] SOURCE" in result.output


def test_an_excel_file_is_imported_with_into(tmp_path):
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "giao-viec.xlsx"),
                                      "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 2
    assert "được nhập vào một tệp dữ liệu có sẵn bằng --into" in result.output
    assert not (tmp_path / "d.yaml").exists()


def test_into_applies_an_edit_made_in_word_and_dry_run_writes_nothing(tmp_path):
    data = tmp_path / "d.yaml"
    data.write_bytes(SAMPLE.read_bytes())
    congvan.build(congvan.load(data), tmp_path / "out")
    letter = tmp_path / "out" / "don-vi" / "phong-vh-tt.docx"
    document = docx.Document(letter)
    run = document.tables[1].rows[1].cells[2].paragraphs[0].runs[-1]
    run.text = run.text.rstrip(".") + " và báo cáo trước ngày 30/11/2023."
    document.save(letter)
    before = data.read_bytes()
    dry = CliRunner().invoke(cli, ["import", str(letter), "--into", str(data), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines() == [
        "II.1: sửa nội dung nhiệm vụ", f"(--dry-run: 1 thay đổi chưa được ghi vào {data})"]
    assert data.read_bytes() == before
    done = CliRunner().invoke(cli, ["import", str(letter), "--into", str(data)])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == [
        "II.1: sửa nội dung nhiệm vụ", f"Đã ghi 1 thay đổi vào {data} (bản cũ: {data}.bak)."]
    assert "và báo cáo trước ngày 30/11/2023." in data.read_text(encoding="utf-8")
