"""Finding and rewriting elements in serialised OOXML without parsing the whole part.

The text is lxml's own serialisation in UTF-8 (as the string path of
:mod:`congvan.ooxml.template` renders it): tags are written one way only, and
``<`` never appears in text or attribute values. It is handled as bytes: a document's
text as ``str`` takes two bytes a character once it holds Vietnamese letters, twice the
memory of its UTF-8 and slower to search. A piece is cut out, parsed alone
inside the document's root element (same namespace declarations), changed as a
tree and written back, so the result is what the same change on the whole tree
gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

_ROOT = re.compile(rb"(?:<\?xml[^>]*\?>\s*)?(<([\w:.-]+)[^>]*>)")
_TAG_ENDS = b" >"
"""What may follow an element's name in its start tag (``<w:p`` is not ``<w:pPr``)."""


def enclosing(xml: bytes, pos: int, name: str) -> int:
    """Where the innermost ``name`` element open at ``pos`` starts, or -1."""
    closing = f"</{name}>".encode()
    depth = 0
    o = _rfind_open(xml, name, pos)
    c = xml.rfind(closing, 0, pos)
    while o >= 0 or c >= 0:
        if c > o:
            depth, c = depth + 1, xml.rfind(closing, 0, c)
            continue
        start, o = o, _rfind_open(xml, name, o)
        if _self_closing(xml, start):
            continue  # an empty element opens nothing
        if depth == 0:
            return start
        depth -= 1
    return -1


def _rfind_open(xml: bytes, name: str, end: int) -> int:
    """The last ``<name `` or ``<name>`` before ``end``, or -1. One backward search for
    ``<name`` (the nearest tag is close by), not one per form: a form the part never uses
    would scan back to the start each time, and a letter's rows made that quadratic."""
    opening, after = f"<{name}".encode(), len(name) + 1
    at = xml.rfind(opening, 0, end)
    while at >= 0 and (at + after >= end or xml[at + after] not in _TAG_ENDS):
        at = xml.rfind(opening, 0, at)
    return at


def element_end(xml: bytes, start: int, name: str) -> int:
    """Where the element starting at ``start`` ends (just after its close tag)."""
    opening, closing = f"<{name}".encode(), f"</{name}>".encode()
    if _self_closing(xml, start):
        return xml.index(b">", start) + 1
    depth, pos = 0, xml.index(b">", start) + 1
    while True:
        o = xml.find(opening, pos)
        c = xml.find(closing, pos)
        if c < 0:
            raise ValueError(f"{name} not closed")
        if 0 <= o < c:
            pos = o + len(opening)
            if xml[pos] in _TAG_ENDS and not _self_closing(xml, o):
                depth += 1
            continue
        if depth == 0:
            return c + len(closing)
        depth, pos = depth - 1, c + len(closing)


def first_child(xml: bytes, start: int, name: str) -> bytes | None:
    """The first child of the element starting at ``start``, if it is a ``name``."""
    pos = xml.index(b">", start) + 1
    if not xml.startswith(f"<{name}".encode(), pos) or xml[pos + len(name) + 1] not in b" />":
        return None
    return xml[pos:element_end(xml, pos, name)]


def _self_closing(xml: bytes, start: int) -> bool:
    return xml[xml.index(b">", start) - 1] == ord("/")


def rewrite(document: bytes, before: bytes, piece: bytes, after: bytes,
            change: Callable[[etree._Element], None]) -> bytes | None:
    """``piece`` after ``change`` ran on it, parsed between ``before`` and ``after``
    (scaffolding such as ``<w:tbl><w:tblPr>…</w:tblPr><w:tr>``) inside ``document``'s
    root element; None when that text does not parse or come back as written."""
    m = _ROOT.match(document)
    if m is None:
        return None
    prefix, suffix = m.group(1) + before, after + b"</" + m.group(2) + b">"
    try:
        root = etree.fromstring(prefix + piece + suffix)
    except etree.XMLSyntaxError:
        return None
    change(root)
    text = etree.tostring(root, encoding="unicode").encode("utf-8")
    if not (text.startswith(prefix) and text.endswith(suffix)):
        return None
    return text[len(prefix):len(text) - len(suffix)]
