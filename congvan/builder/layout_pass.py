"""The layout of a rendered document that depends on its data and that a Word template
cannot loop over: the declared columns' widths and alignment, vertical merges of cells
that shared-task rows share, and each appendix section's orientation.

The template marks the tables concerned with the caption ``Phụ lục`` (tblCaption); the
document's context carries ``layout`` (:func:`congvan.documents.appendix.appendices_context`):
the tables in order, each with its column widths (twips), alignments and, per printed row,
``None`` (header, column numbers, group) or each column's merge state; and the orientation
of every section, the document's own first.
"""

from __future__ import annotations

from lxml import etree

from congvan.nd30.layout import A4_LONG, A4_SHORT
from congvan.ooxml.namespaces import NS as _NS
from congvan.ooxml.namespaces import W

CAPTION = "Phụ lục"
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def apply_layout(document_xml: bytes, layout: dict) -> bytes:
    root = etree.fromstring(document_xml)
    tables = [t for t in root.iter(_w("tbl"))
              if t.find("w:tblPr/w:tblCaption", _NS) is not None
              and t.find("w:tblPr/w:tblCaption", _NS).get(_w("val")) == CAPTION]
    for table, spec in zip(tables, layout.get("tables", ())):
        _table(table, spec)
    sections = list(root.iter(_w("sectPr")))
    if len(sections) == len(layout.get("sections", ())):
        for index, (sect, orientation) in enumerate(zip(sections, layout["sections"])):
            _section(sect, orientation, restart=index > 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _table(table, spec: dict) -> None:
    widths = spec["widths"]
    grid = table.find("w:tblGrid", _NS)
    for col in list(grid):
        grid.remove(col)
    for width in widths:
        etree.SubElement(grid, _w("gridCol")).set(_w("w"), str(width))
    tblw = table.find("w:tblPr/w:tblW", _NS)
    if tblw is not None:
        tblw.set(_w("w"), str(sum(widths)))
        tblw.set(_w("type"), "dxa")
    rows = table.findall("w:tr", _NS)
    merges = spec["rows"]
    for r, row in enumerate(rows):
        column = 0
        for cell in row.findall("w:tc", _NS):
            span_el = cell.find("w:tcPr/w:gridSpan", _NS)
            span = int(span_el.get(_w("val"))) if span_el is not None else 1
            _cell_width(cell, sum(widths[column:column + span]))
            states = merges[r] if r < len(merges) else None
            if states is not None and column < len(states):
                _align(cell, spec["aligns"][column])
                state = states[column]
                following = merges[r + 1] if r + 1 < len(merges) else None
                continues = bool(following) and following[column] == "continue"
                if state == "continue" or (state == "restart" and continues):
                    _vmerge(cell, "restart" if state == "restart" else None)
            column += span


def _tcpr(cell):
    tcpr = cell.find("w:tcPr", _NS)
    if tcpr is None:
        tcpr = etree.Element(_w("tcPr"))
        cell.insert(0, tcpr)
    return tcpr


def _cell_width(cell, width: int) -> None:
    tcpr = _tcpr(cell)
    tcw = tcpr.find("w:tcW", _NS)
    if tcw is None:
        tcw = etree.Element(_w("tcW"))
        tcpr.insert(0, tcw)
    tcw.set(_w("w"), str(width))
    tcw.set(_w("type"), "dxa")


_TCPR_AFTER_VMERGE = ("tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText",
                      "vAlign", "hideMark")


def _vmerge(cell, value: str | None) -> None:
    tcpr = _tcpr(cell)
    vm = etree.Element(_w("vMerge"))
    if value:
        vm.set(_w("val"), value)
    later = next((c for c in tcpr if etree.QName(c).localname in _TCPR_AFTER_VMERGE), None)
    if later is not None:
        later.addprevious(vm)
    else:
        tcpr.append(vm)


def _align(cell, align: str) -> None:
    for p in cell.findall("w:p", _NS):
        ppr = p.find("w:pPr", _NS)
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            p.insert(0, ppr)
        jc = ppr.find("w:jc", _NS)
        if jc is None:
            jc = etree.Element(_w("jc"))
            later = next((c for c in ppr if etree.QName(c).localname in
                          ("textDirection", "textAlignment", "textboxTightWrap",
                           "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")),
                         None)
            later.addprevious(jc) if later is not None else ppr.append(jc)
        jc.set(_w("val"), _JC[align])


def _section(sect, orientation: str, restart: bool) -> None:
    size = sect.find("w:pgSz", _NS)
    if size is not None:
        wide = orientation == "landscape"
        size.set(_w("w"), str(A4_LONG if wide else A4_SHORT))
        size.set(_w("h"), str(A4_SHORT if wide else A4_LONG))
        if wide:
            size.set(_w("orient"), "landscape")
        else:
            size.attrib.pop(_w("orient"), None)
    if restart and sect.find("w:pgNumType", _NS) is None:
        numbering = etree.Element(_w("pgNumType"))
        numbering.set(_w("start"), "1")
        cols = sect.find("w:cols", _NS)
        cols.addprevious(numbering) if cols is not None else sect.append(numbering)
