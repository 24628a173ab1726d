"""The eager reading of a .docx that the conformance check used before paragraphs
resolved their formatting lazily (congvan/nd30/reading.py at commit 0daa7ba), kept as the
independent reading tests/nd30/test_reading.py compares the fast reader with: every
paragraph's formatting resolved at once, every cell and section break found with
``find`` and ``iterancestors``. The parts of the reader that did not change (opening the
zip, parsing a part, sections, relationships, PAGE fields, styles, numbering) are shared.
"""

import re
import unicodedata
from pathlib import Path

from congvan.nd30.document import Cell, Document, HeaderPart, Paragraph, Row, Run, Table
from congvan.nd30.numbering import Numbering, numbered
from congvan.nd30.reading import (UnreadableDocument, _is_page_field, _open, _relationships,
                                  _section, _xml)
from congvan.nd30.styles import Styles, apply_ppr, apply_rpr, int_attr, is_on, theme_fonts
from congvan.ooxml.namespaces import NS, w

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_T, _RUN, _TEXT_TAGS = w("t"), w("r"), (w("t"), w("tab"), w("br"))
_TEXT_BOX = w("txbxContent")
_DRAWINGS = (w("drawing"), "{urn:schemas-microsoft-com:vml}line")


def normalise(text):
    """As congvan.nd30.document.normalise was written then."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


class _Reader:
    def __init__(self, styles, numbering=None):
        self.styles = styles
        self.numbering = numbering or Numbering(None)
        self._numbered = {}
        self.count = 0
        self._resolved = {}

    def _style(self, sid):
        if sid not in self._resolved:
            chain = self.styles.chain(sid)
            pprops = {"jc": None, "ind_left": 0, "ind_right": 0, "first_line": 0,
                      "space_before": 0, "space_after": 0, "line": 240, "line_rule": "auto",
                      "border_top": False, "border_bottom": False}
            apply_ppr(pprops, self.styles.defaults_p)
            base = {"size": None, "bold": False, "italic": False, "font": None, "color": None}
            apply_rpr(base, self.styles.defaults_r, self.styles.theme)
            if base["size"] is None:
                base["size"] = 10.0
            for s in chain:
                apply_ppr(pprops, s.find("w:pPr", NS))
                apply_rpr(base, s.find("w:rPr", NS), self.styles.theme)
            self._resolved[sid] = (pprops, base)
        return self._resolved[sid]

    def paragraph(self, p, section):
        ppr = p.find("w:pPr", NS)
        style = ppr.find("w:pStyle", NS) if ppr is not None else None
        sid = style.get(w("val")) if style is not None else self.styles.default_para
        styled, base = self._style(sid)
        pprops = dict(styled)
        apply_ppr(pprops, ppr)
        runs = []
        nested = next(p.iter(_TEXT_BOX), None) is not None
        for r in p.iter(_RUN):
            if nested and self._owner(r) is not p:
                continue
            text = "".join((t.text or "") if t.tag == _T else " "
                           for t in r if t.tag in _TEXT_TAGS)
            props = dict(base)
            rpr = r.find("w:rPr", NS)
            rstyle = rpr.find("w:rStyle", NS) if rpr is not None else None
            if rstyle is not None:
                for s in self.styles.chain(rstyle.get(w("val"))):
                    apply_rpr(props, s.find("w:rPr", NS), self.styles.theme)
            apply_rpr(props, rpr, self.styles.theme)
            runs.append(Run(unicodedata.normalize("NFC", text), **props))
        text = normalise("".join(r.text for r in runs))
        drawing = next(p.iter(*_DRAWINGS), None) is not None
        num_id, level = numbered(ppr, self._style_numbering(sid))
        self.count += 1
        return Paragraph(self.count - 1, text, runs, section=section, has_drawing=drawing,
                         list_style=self.numbering.style(num_id, level), **pprops)

    def _style_numbering(self, sid):
        if sid not in self._numbered:
            chain = self.styles.chain(sid)
            self._numbered[sid] = chain if any(
                s.find("w:pPr/w:numPr", NS) is not None for s in chain) else []
        return self._numbered[sid]

    @staticmethod
    def _owner(r):
        for anc in r.iterancestors(w("p"), _MC_FALLBACK):
            return anc
        return None


def _paragraphs(container):
    if container.find(f".//{_MC_FALLBACK}") is None:
        return list(container.iter(w("p")))
    return [p for p in container.iter(w("p"))
            if not any(True for _ in p.iterancestors(_MC_FALLBACK))]


def read_eagerly(path, data=None) -> Document:
    path = Path(path)
    with _open(path, data) as archive:
        body_root = _xml(archive, "word/document.xml", path)
        body = body_root.find("w:body", NS)
        if body is None:
            raise UnreadableDocument("no body")
        theme = theme_fonts(_xml(archive, "word/theme/theme1.xml", path))
        reader = _Reader(Styles(_xml(archive, "word/styles.xml", path), theme),
                         Numbering(_xml(archive, "word/numbering.xml", path)))
        rels = _relationships(_xml(archive, "word/_rels/document.xml.rels", path))
        body_paragraphs = _paragraphs(body)
        sect_elements = [p.find("w:pPr/w:sectPr", NS) for p in body_paragraphs]
        breaks = [sp for sp in sect_elements if sp is not None] + [body.find("w:sectPr", NS)]
        sections = []
        for i, sp in enumerate(breaks):
            sections.append(_section(i, sp, sections[-1] if sections else None, rels))

        tables, cell_of = _tables(body)
        paragraphs, section = [], 0
        for p, sect in zip(body_paragraphs, sect_elements):
            para = reader.paragraph(p, section)
            tc = p.getparent()
            if tc.tag != w("tc"):
                tc = next(p.iterancestors(w("tc")), None)
            if tc is not None and tc in cell_of:
                table_index, row, cell = cell_of[tc]
                para.cell = (table_index, row, cell.grid_col)
                cell.paragraphs.append(para)
            paragraphs.append(para)
            if sect is not None:
                section += 1
        for table in tables:
            first = next((c.paragraphs[0] for r in table.rows for c in r.cells if c.paragraphs), None)
            table.section = first.section if first else 0

        parts = {}
        for name in {n for s in sections for n in (*s.headers.values(), *s.footers.values())}:
            root = _xml(archive, name, path)
            if root is None:
                continue
            elements = list(_paragraphs(root))
            paras = [reader.paragraph(p, -1) for p in elements]
            page = next((pp for pp, el in zip(paras, elements) if _is_page_field(el)), None)
            parts[name] = HeaderPart(paras, page)
    return Document(path, paragraphs, tables, sections, parts)


def _tables(body):
    tables, cell_of = [], {}
    for index, tbl in enumerate(body.iter(w("tbl"))):
        grid = [int_attr(g, "w") or 0 for g in tbl.findall("w:tblGrid/w:gridCol", NS)]
        rows = []
        for tr in tbl.findall("w:tr", NS):
            trpr = tr.find("w:trPr", NS)
            before = int_attr(trpr.find("w:gridBefore", NS), "val") if trpr is not None else None
            after = int_attr(trpr.find("w:gridAfter", NS), "val") if trpr is not None else None
            header = bool(is_on(trpr.find("w:tblHeader", NS))) if trpr is not None else False
            col, cells = before or 0, []
            for tc in tr.findall("w:tc", NS):
                tcpr = tc.find("w:tcPr", NS)
                span = int_attr(tcpr.find("w:gridSpan", NS), "val") if tcpr is not None else None
                vm = tcpr.find("w:vMerge", NS) if tcpr is not None else None
                vmerge = None if vm is None else (vm.get(w("val")) or "continue")
                width = int_attr(tcpr.find("w:tcW", NS), "w") if tcpr is not None else None
                cell = Cell(col, span or 1, vmerge, width)
                cells.append(cell)
                cell_of[tc] = (index, len(rows), cell)
                col += cell.span
            rows.append(Row(cells, header, before or 0, after or 0))
        nested = any(True for _ in tbl.iterancestors(w("tbl")))
        mar = tbl.find("w:tblPr/w:tblCellMar", NS)
        side = None
        for tag in ("w:left", "w:start"):
            if side is None and mar is not None:
                side = mar.find(tag, NS)
        margin = int_attr(side, "w")
        tables.append(Table(index, grid, rows, 0, nested, 108 if margin is None else margin))
    return tables, cell_of
