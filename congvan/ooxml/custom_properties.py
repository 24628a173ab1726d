"""Custom document properties (``docProps/custom.xml``): Word shows them under File >
Properties > Custom, LibreOffice under File > Properties > Custom Properties; both keep
them when they save. The files we write carry the digest of their data there."""

from __future__ import annotations

from xml.sax.saxutils import escape

from lxml import etree

PART = "docProps/custom.xml"
_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_PKG_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def read(blob: bytes | None) -> dict[str, str]:
    """Name → text value of every custom property of a custom.xml part (text values)."""
    if not blob:
        return {}
    try:
        root = etree.fromstring(blob)
    except etree.XMLSyntaxError:
        return {}
    out = {}
    for prop in root.findall(f"{{{_NS}}}property"):
        value = next(iter(prop), None)
        if prop.get("name") and value is not None:
            out[prop.get("name")] = value.text or ""
    return out


def write(properties: dict[str, str]) -> bytes:
    """A custom.xml part holding ``properties`` as text properties, in the given order."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2))
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{items}</Properties>').encode("utf-8")


def package_entries(content_types: bytes, root_rels: bytes) -> tuple[bytes, bytes]:
    """``[Content_Types].xml`` and ``_rels/.rels`` declaring the custom properties part
    (unchanged when they already do)."""
    types = etree.fromstring(content_types)
    if not any(o.get("PartName") == "/" + PART for o in types.findall(f"{{{_PKG_CT}}}Override")):
        override = etree.SubElement(types, f"{{{_PKG_CT}}}Override")
        override.set("PartName", "/" + PART)
        override.set("ContentType", _CT)
    rels = etree.fromstring(root_rels)
    present = rels.findall(f"{{{_PKG_REL}}}Relationship")
    if not any(r.get("Type") == _REL for r in present):
        taken = {r.get("Id") for r in present}
        n = 1
        while f"rId{n}" in taken:
            n += 1
        rel = etree.SubElement(rels, f"{{{_PKG_REL}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", _REL)
        rel.set("Target", PART)
    return (etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True),
            etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True))
