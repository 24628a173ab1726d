"""``congvan import``: -o writes a new data file (never over one without --force);
--into hands the work to congvan.edits; wrong combinations are usage errors."""

import sys
import types

import pytest
from click.testing import CliRunner

import congvan
from congvan.cli import cli
from helpers import PLAN_SAMPLE


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


def test_into_calls_the_edits_package(monkeypatch, tmp_path):
    calls = []

    class Result:
        changes = ["a", "b"]

        def format(self):
            return "I.1: sửa nhiệm vụ\nI.2: chuyển đơn vị"

    fake = types.ModuleType("congvan.edits")

    def import_into(source, data_file, *, dry_run=False):
        calls.append((source, data_file, dry_run))
        return Result()

    fake.import_into = import_into
    monkeypatch.setitem(sys.modules, "congvan.edits", fake)
    monkeypatch.setattr(congvan, "edits", fake, raising=False)
    source, data = tmp_path / "cong-van.docx", tmp_path / "d.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "--into", str(data), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert calls == [(source, data, True)]
    assert result.output.splitlines() == ["I.1: sửa nhiệm vụ", "I.2: chuyển đơn vị",
                                          f"(--dry-run: 2 thay đổi, chưa ghi vào {data}.)"]
