"""Templates are found, compiled once, and finished by the decree's line sizing, whatever
id the template's line style carries."""

import io
import re
import shutil
import zipfile

from lxml import etree

from helpers import ROOT
from congvan.builder.templates import LETTER_TEMPLATE, compiled
from congvan.data.units import assignments
from congvan.documents.letter import letter_context
from congvan.ooxml.namespaces import NS, w


def _renamed_line_style(source, dest, new_id):
    """``source`` with the line style's id changed as LibreOffice changes it on saving."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename in ("word/styles.xml", "word/document.xml"):
                blob = re.sub(rb'w:(styleId|val)="CVKe"', rb'w:\1="' + new_id + rb'"', blob)
            out.writestr(info, blob)


def _line_indents(docx_bytes, style):
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml"))
    return [(p.find("w:pPr/w:ind", NS).get(w("left")), p.find("w:pPr/w:ind", NS).get(w("right")))
            for p in root.iter(w("p"))
            if p.find("w:pPr/w:pStyle", NS) is not None
            and p.find("w:pPr/w:pStyle", NS).get(w("val")) == style]


def test_lines_are_sized_when_an_office_suite_renamed_their_style(tmp_path, sample):
    shutil.copy(ROOT / "templates" / LETTER_TEMPLATE, tmp_path / "original.docx")
    _renamed_line_style(ROOT / "templates" / LETTER_TEMPLATE, tmp_path / "renamed.docx", b"CVngk")
    uid, tasks = next(iter(assignments(sample).items()))
    context = letter_context(sample, sample.units[uid], tasks)
    original = _line_indents(compiled(tmp_path / "original.docx").render(context), "CVKe")
    renamed = _line_indents(compiled(tmp_path / "renamed.docx").render(context), "CVngk")
    assert len(original) == 2 and renamed == original
    # sized for this issuer, not the template's placeholder indents
    with zipfile.ZipFile(ROOT / "templates" / LETTER_TEMPLATE) as package:
        template = package.read("word/document.xml").decode("utf-8")
    placeholders = re.findall(r'w:val="CVKe"/><w:ind w:left="(\d+)" w:right="(\d+)"', template)
    assert placeholders and original != placeholders
