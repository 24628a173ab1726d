"""Deterministic .docx packaging: congvan.package."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from congvan.ooxml import package
from congvan.exceptions import OutputError, TemplateError
from congvan.ooxml.package import ZipTemplate, read_parts, write_zip

PARTS = {
    "word/document.xml": b"<w:document>" + "Công văn số 12/UBND".encode() * 50 + b"</w:document>",
    "_rels/.rels": b"<Relationships/>",
    "docProps/core.xml": b"<cp:coreProperties/>",
    "[Content_Types].xml": b"<Types/>",
    "word/styles.xml": b"<w:styles>" + b"<w:style/>" * 200 + b"</w:styles>",
    "word/empty.bin": b"",
}


def test_write_zip_is_valid_and_complete():
    data = write_zip(PARTS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert {i.filename for i in infos} == set(PARTS)
        for info in infos:
            assert archive.read(info) == PARTS[info.filename]
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.create_system == 0
            assert info.external_attr == 0


def test_entry_order():
    data = write_zip(PARTS)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[0] == "[Content_Types].xml"
    assert names[1] == "_rels/.rels"
    assert names[2:] == sorted(names[2:])
    ordered = write_zip(PARTS, order=["word/styles.xml", "missing.xml", "word/document.xml"])
    names = zipfile.ZipFile(io.BytesIO(ordered)).namelist()
    assert names[:4] == ["[Content_Types].xml", "_rels/.rels", "word/styles.xml", "word/document.xml"]
    assert names[4:] == ["docProps/core.xml", "word/empty.bin"]


def test_write_zip_is_deterministic():
    first = write_zip(PARTS)
    reversed_input = dict(reversed(list(PARTS.items())))
    assert write_zip(reversed_input) == first
    assert write_zip(list(PARTS.items())) == first
    assert write_zip(PARTS) == first


def test_zip_template_equals_write_zip():
    static = {k: v for k, v in PARTS.items() if k != "word/document.xml"}
    template = ZipTemplate(static, order=["word/document.xml"])
    for text in ("một", "hai", "ba"):
        dynamic = {"word/document.xml": f"<w:document>{text}</w:document>".encode()}
        built = template.build(dynamic)
        assert built == write_zip({**static, **dynamic}, order=["word/document.xml"])
        with zipfile.ZipFile(io.BytesIO(built)) as archive:
            assert archive.testzip() is None
            assert archive.namelist()[0] == "[Content_Types].xml"
            assert archive.read("word/document.xml") == dynamic["word/document.xml"]


def test_zip_template_dynamic_part_overrides_static():
    template = ZipTemplate(PARTS)
    built = template.build({"word/styles.xml": b"<new/>"})
    assert read_parts(built)["word/styles.xml"] == b"<new/>"
    assert built == write_zip({**PARTS, "word/styles.xml": b"<new/>"})


def test_non_ascii_name_round_trips():
    data = write_zip({"[Content_Types].xml": b"<Types/>", "tệp/văn bản.xml": b"x"})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.read("tệp/văn bản.xml") == b"x"


def test_duplicate_names_in_list_rejected():
    with pytest.raises(OutputError, match="hai lần"):
        write_zip([("a.xml", b"1"), ("a.xml", b"2")])


def test_part_above_limit_rejected(monkeypatch):
    monkeypatch.setattr(package, "_MAX_SIZE", 10)
    with pytest.raises(OutputError, match="4 GiB"):
        write_zip({"big.xml": b"x" * 11})


def test_read_parts_keeps_archive_order(tmp_path):
    data = write_zip(PARTS, order=["word/styles.xml"])
    path = tmp_path / "a.docx"
    path.write_bytes(data)
    from_path = read_parts(path)
    assert list(from_path) == zipfile.ZipFile(path).namelist()
    assert from_path == read_parts(data) == PARTS


def test_read_parts_errors(tmp_path):
    with pytest.raises(TemplateError, match="Không tìm thấy"):
        read_parts(tmp_path / "missing.docx")
    with pytest.raises(TemplateError, match="không phải tệp .docx hợp lệ"):
        read_parts(b"not a zip at all")


def test_python_docx_round_trip():
    document = docx.Document()
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    buffer = io.BytesIO()
    document.save(buffer)
    parts = read_parts(buffer.getvalue())
    data = write_zip(parts)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()[0] == "[Content_Types].xml"
    reopened = docx.Document(io.BytesIO(data))
    assert reopened.paragraphs[-1].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    # Packaging the same parts again gives the same bytes.
    assert write_zip(read_parts(data)) == data
