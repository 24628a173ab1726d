"""The solid lines of the header block, sized to the text above them.

Nghị định 30 wants a line under the issuing body 1/3 to 1/2 of its length and one
under the tiêu ngữ as long as it. The text is data, so the lines are sized after
rendering: each paragraph of the line style (a top border) gets left/right indents.
"""

from __future__ import annotations

import functools

from lxml import etree

from congvan.nd30.layout import ISSUER_LINE_SHARE
from congvan.nd30.metrics import text_width
from congvan.ooxml.fragments import element_end, enclosing, first_child, rewrite
from congvan.ooxml.namespaces import NS as _NS
from congvan.ooxml.namespaces import W

LINE_STYLE_NAME = "CV Đường kẻ"
"""Name of the paragraph style of the header block's solid lines (see docs/templates.md)."""
LINE_STYLE = "CVKe"
"""Its id in the templates this project ships; an office suite may save it under another
(the builder looks the id up by :data:`LINE_STYLE_NAME`)."""
_MOTTO = "Độc lập - Tự do - Hạnh phúc"
_DEFAULT_CELL_MARGIN = 108  # twips, Word's default left/right cell margin


def _paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))


def _run_format(p) -> tuple[float, bool]:
    """Size (pt) and boldness of a paragraph's first run with text."""
    for r in p.iter(f"{{{W}}}r"):
        if r.find("w:t", _NS) is None:
            continue
        sz = r.find("w:rPr/w:sz", _NS)
        b = r.find("w:rPr/w:b", _NS)
        size = int(sz.get(f"{{{W}}}val")) / 2 if sz is not None else 14.0
        bold = b is not None and b.get(f"{{{W}}}val") not in ("0", "false")
        return size, bold
    return 14.0, False


def fit_lines(root, line_style: str = LINE_STYLE) -> None:
    """Size each line (paragraph of style id ``line_style``) to the text above it
    (Nghị định 30, header block).

    Under the tiêu ngữ: as long as it. Under the issuing body (or a title block's trích
    yếu): 40 % of its longest bold line as printed — a text that wraps counts as long as
    the cell is wide (the decree allows 1/3 to 1/2).
    """
    for p in _line_paragraphs(root, line_style):
        above = tuple((_paragraph_text(q), *_run_format(q))
                      for q in _paragraphs_above(p, line_style))
        cell = next(p.iterancestors(f"{{{W}}}tc"), None)
        tcw = cell.find("w:tcPr/w:tcW", _NS) if cell is not None else None
        if tcw is None or not above:
            continue
        area = int(tcw.get(f"{{{W}}}w")) - 2 * _cell_margin(cell)
        width = _line_width(above, area / 20)
        if width is None:
            continue
        side = max(0, round((area - width * 20) / 2))
        ppr = p.find("w:pPr", _NS)
        ind = ppr.find("w:ind", _NS)
        if ind is None:
            ind = etree.SubElement(ppr, f"{{{W}}}ind")
            # w:ind must precede w:jc / w:rPr in pPr's schema order
            for later in ("jc", "rPr"):
                node = ppr.find(f"w:{later}", _NS)
                if node is not None:
                    node.addprevious(ind)
                    break
        for attr in ("left", "right", "start", "end"):
            ind.attrib.pop(f"{{{W}}}{attr}", None)
        ind.set(f"{{{W}}}left", str(side))
        ind.set(f"{{{W}}}right", str(side))


def _line_paragraphs(root, line_style: str) -> list:
    """The line paragraphs (by the first style of their first ``w:pPr``), found
    through their styles rather than by visiting every paragraph."""
    found = []
    for style in root.iter(f"{{{W}}}pStyle"):
        if style.get(f"{{{W}}}val") != line_style:
            continue
        ppr = style.getparent()
        p = ppr.getparent() if ppr.tag == f"{{{W}}}pPr" else None
        if p is not None and p.tag == f"{{{W}}}p" and p.find("w:pPr/w:pStyle", _NS) is style:
            found.append(p)
    return found


def _paragraphs_above(p, line_style: str):
    """The paragraphs between ``p`` and the line before it, nearest first."""
    for prev in p.itersiblings(f"{{{W}}}p", preceding=True):
        style = prev.find("w:pPr/w:pStyle", _NS)
        if style is not None and style.get(f"{{{W}}}val") == line_style:
            return
        yield prev


@functools.lru_cache(maxsize=256)
def _line_width(above: tuple[tuple[str, float, bool], ...], area: float) -> float | None:
    """Width (pt) of the line under ``above`` ((text, size, bold), nearest first) in a cell
    ``area`` pt wide; None without bold text to measure. The letters of one issuer share
    it: cached."""
    text, size, bold = above[0]
    if text.strip() == _MOTTO:
        return text_width(_MOTTO, size, bold)
    widths = [min(text_width(t.strip(), s, b), area) for t, s, b in above if b and t.strip()]
    return ISSUER_LINE_SHARE.chosen * max(widths) if widths else None


def _cell_margin(cell) -> int:
    tbl = next(cell.iterancestors(f"{{{W}}}tbl"), None)
    mar = tbl.find("w:tblPr/w:tblCellMar/w:left", _NS) if tbl is not None else None
    if mar is None:
        mar = tbl.find("w:tblPr/w:tblCellMar/w:start", _NS) if tbl is not None else None
    return int(mar.get(f"{{{W}}}w")) if mar is not None else _DEFAULT_CELL_MARGIN


# --- The same pass on document.xml as text -------------------------------------------

_CELL_CACHE_SIZE = 512
_fitted_cells: dict[tuple[str, bytes, bytes], bytes | None] = {}
"""(line style, the table's w:tblPr, a header cell as text) → the cell with its lines
sized: the letters of one issuer share their header cells, so each is sized once."""


def fit_lines_text(xml: bytes, line_style: str = LINE_STYLE, fit=fit_lines) -> bytes | None:
    """:func:`fit_lines` on document.xml as UTF-8 text (lxml's serialisation), the same
    bytes; None when a line mark is not where the text pass can be sure of it (then the
    tree pass runs). ``fit`` is the tree pass for ``line_style`` (``fit_lines`` bound to it).

    Each cell holding a line is cut out with its table's properties and sized by
    ``fit`` itself, once per distinct cell.
    """
    style = line_style.encode()
    mark = b'<w:pPr><w:pStyle w:val="%s"/>' % style
    offset = mark.index(style)
    pos = xml.find(style)
    if pos < 0:
        return xml
    cells: list[int] = []
    while pos >= 0:
        start = pos - offset
        if not xml.startswith(mark, start) or xml[start - 1:start] != b">":
            return None  # the mark anywhere else: only the tree pass knows what it is
        p = xml.rfind(b"<", 0, start - 1)
        if not (xml.startswith(b"<w:p", p) and xml[p + 4] in b" >") or xml[start - 2] == ord("/"):
            return None
        cell = enclosing(xml, p, "w:tc")
        if cell >= 0 and cell not in cells:
            cells.append(cell)  # a line outside any cell is not sized (as fit_lines)
        pos = xml.find(style, pos + len(style))
    spans = [(c, element_end(xml, c, "w:tc")) for c in cells]
    spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    out, done = [], 0
    for start, end in sorted(spans):
        fitted = _fit_cell(xml, start, end, line_style, fit)
        if fitted is None:
            return None
        out += [xml[done:start], fitted]
        done = end
    out.append(xml[done:])
    return b"".join(out)


def _fit_cell(xml: bytes, start: int, end: int, line_style: str, fit) -> bytes | None:
    table = enclosing(xml, start, "w:tbl")
    props = first_child(xml, table, "w:tblPr") if table >= 0 else b""
    if props is None:
        return None  # a table whose properties are not its first child: tree pass
    key = (line_style, props, xml[start:end])
    if key not in _fitted_cells:
        if len(_fitted_cells) >= _CELL_CACHE_SIZE:
            _fitted_cells.clear()
        before, after = ((b"<w:tbl>" + props + b"<w:tr>", b"</w:tr></w:tbl>") if table >= 0
                         else (b"", b""))
        _fitted_cells[key] = rewrite(xml, before, key[2], after, fit)
    return _fitted_cells[key]
