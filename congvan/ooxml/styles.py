"""A template's styles, found by the name people see rather than by their id.

Office suites keep a style's name but may give it another id when they save: LibreOffice
derives ids from names (the style named "CV Đường kẻ", id ``CVKe`` in our templates, comes
back as ``CVngk``). Code that looks for a style in a template therefore asks for its name.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from congvan.ooxml.namespaces import NS, w

STYLES_PART = "word/styles.xml"


def style_ids(styles_xml: bytes) -> dict[str, str]:
    """Name → id of every style in a styles.xml."""
    root = etree.fromstring(styles_xml)
    ids = {}
    for style in root.iterfind("w:style", NS):
        name = style.find("w:name", NS)
        if name is not None and style.get(w("styleId")):
            ids.setdefault(name.get(w("val")), style.get(w("styleId")))
    return ids


def style_id(path: str | Path, name: str) -> str | None:
    """The id of the style called ``name`` in the .docx at ``path``; None when it has no such
    style or cannot be read (compiling the template then says what is wrong with the file)."""
    try:
        with zipfile.ZipFile(path) as package:
            xml = package.read(STYLES_PART)
        return style_ids(xml).get(name)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
