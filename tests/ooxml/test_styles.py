"""Styles are found by the name people see, whatever id an office suite gave them."""

import zipfile

from helpers import ROOT
from congvan.ooxml.styles import style_id, style_ids

STYLES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="CVngk"><w:name w:val="CV \xc4\x90\xc6\xb0\xe1\xbb\x9dng k\xe1\xba\xbb"/></w:style>
  <w:style w:type="paragraph" w:styleId="NoName"/>
</w:styles>"""


def test_style_ids_maps_names_to_ids():
    assert style_ids(STYLES) == {"Normal": "Normal", "CV Đường kẻ": "CVngk"}


def test_style_id_reads_a_package(tmp_path):
    assert style_id(ROOT / "templates" / "thu-don-vi.docx", "CV Đường kẻ") == "CVKe"
    saved = tmp_path / "saved.docx"
    with zipfile.ZipFile(saved, "w") as package:
        package.writestr("word/styles.xml", STYLES)
    assert style_id(saved, "CV Đường kẻ") == "CVngk"
    assert style_id(saved, "CV Bảng") is None


def test_an_unreadable_package_has_no_styles(tmp_path):
    """Compiling the template reports the damaged file; looking up a style must not."""
    (tmp_path / "not-a-zip.docx").write_bytes(b"PK\x03\x04 not a docx")
    with zipfile.ZipFile(tmp_path / "no-styles.docx", "w") as package:
        package.writestr("word/document.xml", b"<w:document/>")
    with zipfile.ZipFile(tmp_path / "bad-xml.docx", "w") as package:
        package.writestr("word/styles.xml", b"<w:styles")
    for name in ("not-a-zip.docx", "no-styles.docx", "bad-xml.docx", "missing.docx"):
        assert style_id(tmp_path / name, "CV Đường kẻ") is None, name
