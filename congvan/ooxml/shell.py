"""document.xml around its body, ready to take a rendered body (tree or string)."""

from __future__ import annotations

import re

from lxml import etree

from congvan.ooxml.namespaces import NS as _NS
from congvan.ooxml.namespaces import W

_EMPTY_BODY = "<w:body/>"


class Shell:
    """document.xml with its body taken out.

    docxtpl parses the rendered body on its own (``fix_tables``), then moves it
    into the document, which re-links every namespace in it. Parsing the body in
    place, inside the rest of document.xml, gives the same tree in one pass.
    That is only done when it is exactly equivalent (``inline``): the body
    declares no namespace and has no attribute of its own, and no table needs
    docxtpl's grid fix; otherwise docxtpl's own steps run. ``inline`` also lets
    the string path put a rendered body between :attr:`head` and :attr:`tail`.
    """

    def __init__(self, document_xml: bytes, body_source: str):
        root = etree.fromstring(document_xml)
        body = root.find("w:body", _NS)
        plain = body is not None and not body.attrib and body.nsmap == root.nsmap
        if body is not None:
            root.replace(body, etree.Element(f"{{{W}}}body"))
        self._document = etree.tostring(root)
        """document.xml with an empty body, for docxtpl's path."""
        text = etree.tostring(root, encoding="unicode")
        opening = re.match(r"<w:body(?:\s[^>]*)?>", body_source)
        self.opening = opening.group(0) if opening else ""
        """The body's start tag as docxtpl's source has it (with namespace declarations)."""
        full = serialize(root).decode("utf-8")
        self.inline = bool(plain and opening and text.count(_EMPTY_BODY) == 1
                           and full.count(_EMPTY_BODY) == 1)
        self._head, _, self._tail = text.partition(_EMPTY_BODY)
        head, _, tail = full.partition(_EMPTY_BODY)
        self.head = head
        """document.xml as serialised, up to the body (declaration included)."""
        self.tail = tail
        """document.xml as serialised, after the body."""

    def document(self, tpl, body_xml: str):
        """The document's root element holding the rendered body, tables fixed as
        docxtpl's ``fix_tables`` does."""
        if self.inline and body_xml.startswith(self.opening):
            root = etree.fromstring(
                self._head + "<w:body>" + body_xml[len(self.opening):] + self._tail,
                parser=etree.XMLParser(recover=True))
            body = root.find("w:body", _NS)
            if body is not None and not any(map(_grid_needs_fix, body.iter(f"{{{W}}}tbl"))):
                return root
        root = etree.fromstring(self._document)
        root.replace(root.find("w:body", _NS), tpl.fix_tables(body_xml))
        return root


# docxtpl's fix_tables only changes a table's grid when a row has more cells than the
# grid has columns, or when no row fills the grid (counting w:gridSpan as it does).
_GRID_COLUMNS = etree.XPath("count(w:tblGrid[1]/w:gridCol)", namespaces=_NS)
_ROW_TOO_WIDE = etree.XPath("boolean(.//w:tr[count(w:tc) > $columns])", namespaces=_NS)
_ROW_FILLS_GRID = etree.XPath(
    "boolean(.//w:tr[count(w:tc) - count(w:tc/w:tcPr[1]/w:gridSpan[1])"
    " + sum(w:tc/w:tcPr[1]/w:gridSpan[1]/@w:val) >= $columns])", namespaces=_NS)


def _grid_needs_fix(table) -> bool:
    columns = _GRID_COLUMNS(table)
    return _ROW_TOO_WIDE(table, columns=columns) or not _ROW_FILLS_GRID(table, columns=columns)


def serialize(root) -> bytes:
    """document.xml as the tree path writes it."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
