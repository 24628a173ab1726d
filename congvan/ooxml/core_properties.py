"""docProps/core.xml: a document's title, author and date, taken from the data."""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape


def core_properties(core: dict) -> bytes:
    """docProps/core.xml from the data, never from the clock (same data → same bytes)."""
    stamp = (core.get("date") or datetime.date(2000, 1, 1)).strftime("%Y-%m-%dT00:00:00Z")

    def element(tag: str, key: str) -> str:
        value = core.get(key) or ""
        return f"<{tag}>{escape(value)}</{tag}>" if value else ""

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + element("dc:title", "title") + element("dc:subject", "subject")
        + element("dc:creator", "author") + element("cp:lastModifiedBy", "author")
        + "<cp:revision>1</cp:revision>"
        + f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        + f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        + "</cp:coreProperties>"
    ).encode("utf-8")
