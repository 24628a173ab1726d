"""Reading any .docx for the conformance check (:mod:`congvan.nd30.document`), from a
path or from bytes in memory. Files made by anyone are read, so every part is
optional and nothing here trusts the file: what cannot be read raises
:class:`UnreadableDocument` with a Vietnamese message."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from congvan.exceptions import CongvanError
from congvan.nd30.document import (Cell, Document, HeaderPart, Paragraph, Row, Run, Section,
                                   Table, normalise)
from congvan.nd30.numbering import Numbering, numbered
from congvan.nd30.styles import Styles, apply_ppr, apply_rpr, int_attr, is_on, theme_fonts
from congvan.ooxml.namespaces import NS, w

__all__ = ["UnreadableDocument", "read_docx"]

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Tags looked up once: a generated appendix has tens of thousands of paragraphs.
_T, _RUN, _TEXT_TAGS = w("t"), w("r"), (w("t"), w("tab"), w("br"))
_TEXT_BOX = w("txbxContent")
_DRAWINGS = (w("drawing"), "{urn:schemas-microsoft-com:vml}line")


class UnreadableDocument(CongvanError):
    """The file is not a .docx that can be read (missing, encrypted, damaged, another format)."""


def _open(path: Path, data: bytes | None) -> zipfile.ZipFile:
    try:
        if data is None:
            data = path.read_bytes()
        head = data[:8]
    except FileNotFoundError:
        raise UnreadableDocument(f"Không tìm thấy tệp '{path}'.") from None
    except OSError as exc:
        raise UnreadableDocument(f"Không đọc được tệp '{path}': {exc.strerror or exc}.") from None
    if head.startswith(_OLE_MAGIC):
        raise UnreadableDocument(
            f"Tệp '{path}' là tệp Word được mã hóa (đặt mật khẩu) hoặc theo định dạng .doc cũ, "
            "không đọc được. Hãy mở bằng Word, bỏ mật khẩu và lưu thành .docx rồi kiểm tra lại.")
    if not head.startswith(b"PK"):
        raise UnreadableDocument(
            f"Tệp '{path}' không phải tệp .docx (Word 2007 trở lên). "
            "Hãy mở bằng Word hoặc LibreOffice và lưu thành .docx.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        bad = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
            NotImplementedError) as exc:
        raise UnreadableDocument(f"Tệp '{path}' bị hỏng (gói zip không đọc được: {exc}).") from None
    if bad is not None:
        raise UnreadableDocument(f"Tệp '{path}' bị hỏng (phần '{bad}' sai mã kiểm tra).")
    if "word/document.xml" not in archive.namelist():
        raise UnreadableDocument(
            f"Tệp '{path}' là gói zip nhưng không phải văn bản Word (thiếu word/document.xml).")
    return archive


def _xml(archive: zipfile.ZipFile, name: str, path: Path):
    try:
        data = archive.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise UnreadableDocument(f"Tệp '{path}' bị hỏng (phần '{name}': {exc}).") from None
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(f"Tệp '{path}' bị hỏng (phần '{name}' không phải XML hợp lệ: "
                                 f"{exc}).") from None


class _Reader:
    def __init__(self, styles: Styles, numbering: Numbering | None = None):
        self.styles = styles
        self.numbering = numbering or Numbering(None)
        self._numbered: dict[str | None, list] = {}
        self.count = 0
        self._resolved: dict[str | None, tuple[dict, dict]] = {}

    def _style(self, sid: str | None) -> tuple[dict, dict]:
        """Paragraph and run properties a paragraph style gives, resolved once per style."""
        if sid not in self._resolved:
            chain = self.styles.chain(sid)
            pprops = {"jc": None, "ind_left": 0, "ind_right": 0, "first_line": 0,
                      "space_before": 0, "space_after": 0, "line": 240, "line_rule": "auto", "border_top": False,
                      "border_bottom": False}
            apply_ppr(pprops, self.styles.defaults_p)
            base = {"size": None, "bold": False, "italic": False, "font": None, "color": None}
            apply_rpr(base, self.styles.defaults_r, self.styles.theme)
            if base["size"] is None:
                base["size"] = 10.0  # Word's built-in default when no size is given anywhere
            for s in chain:
                apply_ppr(pprops, s.find("w:pPr", NS))
                apply_rpr(base, s.find("w:rPr", NS), self.styles.theme)
            self._resolved[sid] = (pprops, base)
        return self._resolved[sid]

    def paragraph(self, p, section: int) -> Paragraph:
        ppr = p.find("w:pPr", NS)
        style = ppr.find("w:pStyle", NS) if ppr is not None else None
        sid = style.get(w("val")) if style is not None else self.styles.default_para
        styled, base = self._style(sid)
        pprops = dict(styled)
        apply_ppr(pprops, ppr)
        runs = []
        nested = next(p.iter(_TEXT_BOX), None) is not None  # text boxes hold paragraphs of their own
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

    def _style_numbering(self, sid: str | None) -> list:
        """The style chain of ``sid`` when one of its styles numbers paragraphs (cached)."""
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


def _paragraphs(container) -> list:
    """Paragraphs of a part, in order, leaving out Fallback copies of text boxes."""
    if container.find(f".//{_MC_FALLBACK}") is None:
        return list(container.iter(w("p")))
    return [p for p in container.iter(w("p"))
            if not any(True for _ in p.iterancestors(_MC_FALLBACK))]


def _section(index: int, sp, previous: Section | None, rels: dict[str, str]) -> Section:
    size = sp.find("w:pgSz", NS) if sp is not None else None
    mar = sp.find("w:pgMar", NS) if sp is not None else None
    start = sp.find("w:pgNumType", NS) if sp is not None else None
    headers = dict(previous.headers) if previous else {}
    footers = dict(previous.footers) if previous else {}
    for tag, target in (("headerReference", headers), ("footerReference", footers)):
        for ref in (sp.findall(f"w:{tag}", NS) if sp is not None else []):
            name = rels.get(ref.get(f"{{{_R}}}id"))
            if name:
                target[ref.get(w("type"), "default")] = name
    return Section(
        index, int_attr(size, "w") or 12240, int_attr(size, "h") or 15840,
        {side: int_attr(mar, side) or 0 for side in ("top", "bottom", "left", "right")},
        bool(is_on(sp.find("w:titlePg", NS))) if sp is not None else False,
        int_attr(start, "start"), headers, footers)


def _relationships(root) -> dict[str, str]:
    if root is None:
        return {}
    rels = {}
    for rel in root:
        target = rel.get("Target", "")
        rels[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "word/" + target
    return rels


def _is_page_field(p) -> bool:
    instr = " ".join(t.text or "" for t in p.iter(w("instrText")))
    instr += " " + " ".join(f.get(w("instr"), "") for f in p.iter(w("fldSimple")))
    return re.search(r"(^|\s)PAGE(\s|\\|$)", instr) is not None


def read_docx(path: str | Path, data: bytes | None = None) -> Document:
    """Read ``path`` (or ``data``, the file's bytes, named ``path`` in messages); raises
    :class:`UnreadableDocument` when it is not a readable .docx."""
    path = Path(path)
    with _open(path, data) as archive:
        body_root = _xml(archive, "word/document.xml", path)
        body = body_root.find("w:body", NS)
        if body is None:
            raise UnreadableDocument(f"Tệp '{path}' bị hỏng (word/document.xml không có phần thân).")
        theme = theme_fonts(_xml(archive, "word/theme/theme1.xml", path))
        reader = _Reader(Styles(_xml(archive, "word/styles.xml", path), theme),
                         Numbering(_xml(archive, "word/numbering.xml", path)))
        rels = _relationships(_xml(archive, "word/_rels/document.xml.rels", path))
        body_paragraphs = _paragraphs(body)
        sect_elements = [p.find("w:pPr/w:sectPr", NS) for p in body_paragraphs]
        breaks = [sp for sp in sect_elements if sp is not None] + [body.find("w:sectPr", NS)]
        sections: list[Section] = []
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
