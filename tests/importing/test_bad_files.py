"""Files that cannot be imported get a clear Vietnamese error and nothing is written:
not a .docx, password-protected (an OLE compound file), damaged, no task table."""

import zipfile

import pytest
from click.testing import CliRunner

from congvan.cli import cli
from congvan.importing import ImportFailure, write_import
from congvan.nd30.reading import UnreadableDocument
from wrong_documents import document


def _ole(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    return path


def _text(path):
    path.write_text("Đây là một tệp văn bản, không phải .docx", encoding="utf-8")
    return path


def _truncated(path):
    document(path, "Kế hoạch", appendix=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _no_document_part(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return path


def _no_table(path):
    return document(path, "Kế hoạch")


@pytest.mark.parametrize("make, error, words", [
    (_text, UnreadableDocument, "không phải tệp .docx"),
    (_ole, UnreadableDocument, "đặt mật khẩu"),
    (_truncated, UnreadableDocument, "bị hỏng"),
    (_no_document_part, UnreadableDocument, "không phải văn bản Word"),
    (_no_table, ImportFailure, "không tìm thấy bảng phân công nhiệm vụ"),
])
def test_a_clear_error_and_nothing_written(tmp_path, make, error, words):
    source = make(tmp_path / "cu.docx")
    target = tmp_path / "du-lieu.yaml"
    with pytest.raises(error) as caught:
        write_import(source, target)
    assert words in str(caught.value)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cu.docx"]
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 1
    assert result.output.startswith("Lỗi: ") and words.lower() in result.output.lower()
    assert "Traceback" not in result.output and not target.exists()


def test_a_missing_file(tmp_path):
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "khong-co.docx"),
                                      "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 1 and "Không tìm thấy tệp" in result.output


def test_randomly_damaged_files_give_an_error_never_a_traceback(tmp_path):
    import random

    from congvan.exceptions import CongvanError
    from congvan.importing import import_docx

    document(tmp_path / "cu.docx", "Kế hoạch", appendix=True)
    data = (tmp_path / "cu.docx").read_bytes()
    rnd = random.Random(7)
    errors = 0
    for _ in range(40):
        damaged = bytearray(data)
        for _ in range(4):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        try:
            import_docx(tmp_path / "hong.docx", bytes(damaged))
        except CongvanError as exc:
            errors += 1
            assert "bị hỏng" in str(exc) or "không" in str(exc)
    assert errors > 0
