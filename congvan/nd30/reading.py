"""Reading any .docx for the conformance check (:mod:`congvan.nd30.document`), from a
path or from bytes in memory. Files made by anyone are read, so every part is
optional and nothing here trusts the file: what cannot be read raises
:class:`UnreadableDocument` with a Vietnamese message."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from congvan.exceptions import CongvanError
from congvan.nd30.document import Cell, Document, HeaderPart, Row, Section, Table
from congvan.nd30.numbering import Numbering
from congvan.nd30.paragraphs import ParagraphReader
from congvan.nd30.styles import Styles, int_attr, int_value, is_on, theme_fonts
from congvan.ooxml.namespaces import NS, w

__all__ = ["UnreadableDocument", "read_docx"]

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Tags looked up once: a generated appendix has tens of thousands of rows and cells.
_P, _PPR, _SECT, _TEXT_BOX = w("p"), w("pPr"), w("sectPr"), w("txbxContent")
_TBL, _TR, _TRPR, _TC, _TCPR = w("tbl"), w("tr"), w("trPr"), w("tc"), w("tcPr")
_BEFORE, _AFTER, _HEADER = w("gridBefore"), w("gridAfter"), w("tblHeader")
_SPAN, _VMERGE, _TCW, _VAL, _W = w("gridSpan"), w("vMerge"), w("tcW"), w("val"), w("w")


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
    except RuntimeError:  # zipfile's word for a part encrypted with a zip password
        raise UnreadableDocument(
            f"Tệp '{path}' có phần bị mã hóa bằng mật khẩu zip, không đọc được. Hãy mở bằng "
            "Word hoặc LibreOffice và lưu lại thành .docx không đặt mật khẩu.") from None
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


class _Part:
    """What one walk over a part (the body, a header) finds: its paragraphs in order,
    leaving out Fallback copies of text boxes; the paragraphs that hold a text box (whose
    paragraphs are their own); those that end a section, with their ``w:sectPr`` (the
    first, as ``find`` gives it); and its tables."""

    def __init__(self, container):
        self.boxed, self.breaks, self.tables, self.paragraphs = set(), {}, [], []
        fallback = False
        paragraphs = self.paragraphs
        for el in container.iter(_P, _SECT, _TEXT_BOX, _MC_FALLBACK, _TBL):
            tag = el.tag
            if tag == _P:
                paragraphs.append(el)
            elif tag == _TBL:
                self.tables.append(el)
            elif tag == _SECT:
                ppr = el.getparent()
                owner = ppr.getparent() if ppr is not None and ppr.tag == _PPR else None
                if owner is not None and owner.tag == _P:
                    self.breaks.setdefault(owner, el)
            elif tag == _TEXT_BOX:
                self.boxed.update(el.iterancestors(_P))
            else:
                fallback = fallback or el is not container
        if fallback:
            self.paragraphs = [p for p in paragraphs
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
    :class:`UnreadableDocument` when it is not a readable .docx. Paragraphs resolve their
    formatting on first use (:mod:`congvan.nd30.paragraphs`)."""
    path = Path(path)
    with _open(path, data) as archive:
        body_root = _xml(archive, "word/document.xml", path)
        body = body_root.find("w:body", NS)
        if body is None:
            raise UnreadableDocument(f"Tệp '{path}' bị hỏng (word/document.xml không có phần thân).")
        theme = theme_fonts(_xml(archive, "word/theme/theme1.xml", path))
        reader = ParagraphReader(Styles(_xml(archive, "word/styles.xml", path), theme),
                                 Numbering(_xml(archive, "word/numbering.xml", path)))
        rels = _relationships(_xml(archive, "word/_rels/document.xml.rels", path))
        part = _Part(body)
        breaks = [part.breaks[p] for p in part.paragraphs if p in part.breaks]
        breaks.append(body.find("w:sectPr", NS))
        sections: list[Section] = []
        for i, sp in enumerate(breaks):
            sections.append(_section(i, sp, sections[-1] if sections else None, rels))

        tables, in_cell = _tables(part.tables)
        cell_of = None
        paragraphs, section = [], 0
        for p in part.paragraphs:
            para = reader.read(p, section, p in part.boxed)
            place = in_cell.get(p)
            if place is None and p.getparent() is not body:
                # Not directly in a cell: in a content control, a text box… inside one?
                if cell_of is None:
                    cell_of = _cells_by_element(part.tables, tables)
                place = cell_of.get(next(p.iterancestors(_TC), None))
            if place is not None:
                cell, para.cell = place
                cell.paragraphs.append(para)
            paragraphs.append(para)
            if p in part.breaks:
                section += 1
        for table in tables:
            first = next((c.paragraphs[0] for r in table.rows for c in r.cells if c.paragraphs), None)
            table.section = first.section if first else 0

        parts = {}
        for name in {n for s in sections for n in (*s.headers.values(), *s.footers.values())}:
            root = _xml(archive, name, path)
            if root is None:
                continue
            scan = _Part(root)
            paras = [reader.read(p, -1, p in scan.boxed) for p in scan.paragraphs]
            page = next((pp for pp, el in zip(paras, scan.paragraphs) if _is_page_field(el)), None)
            parts[name] = HeaderPart(paras, page)
    return Document(path, paragraphs, tables, sections, parts)


def _tables(elements):
    """The tables, and every paragraph directly in a cell by its element, with the cell
    and its place (table index, row, grid column).

    A cell's properties are what ``find`` would give (the first ``tcPr``, in it the first
    ``gridSpan``, ``vMerge``, ``tcW``), read in one pass over its children: an appendix
    has tens of thousands of cells."""
    tables, in_cell, ints = [], {}, {}
    for index, tbl in enumerate(elements):
        grid = [int_attr(g, "w") or 0 for g in tbl.findall("w:tblGrid/w:gridCol", NS)]
        rows = []
        for tr in tbl.iterchildren(_TR):
            trpr, tcs = None, []
            for child in tr:
                tag = child.tag
                if tag == _TC:
                    tcs.append(child)
                elif tag == _TRPR and trpr is None:
                    trpr = child
            before = after = None
            header = False
            if trpr is not None:
                before = int_attr(trpr.find("w:gridBefore", NS), "val")
                after = int_attr(trpr.find("w:gridAfter", NS), "val")
                header = bool(is_on(trpr.find("w:tblHeader", NS)))
            row = len(rows)
            col = before or 0
            cells = []
            for tc in tcs:
                tcpr, span, vm, width, paras = None, None, None, None, []
                for child in tc:
                    tag = child.tag
                    if tag == _P:
                        paras.append(child)
                    elif tag == _TCPR and tcpr is None:
                        tcpr = child
                        for prop in tcpr:
                            tag = prop.tag
                            if tag == _TCW:
                                if width is None:
                                    width = prop
                            elif tag == _VMERGE:
                                if vm is None:
                                    vm = prop
                            elif tag == _SPAN and span is None:
                                span = prop
                if span is not None:
                    span = int_value(span.get(_VAL))
                if vm is not None:
                    vm = vm.get(_VAL) or "continue"
                if width is not None:
                    width = width.get(_W)
                    width = ints[width] if width in ints else ints.setdefault(width, int_value(width))
                cell = Cell(col, span or 1, vm, width)
                cells.append(cell)
                place = (cell, (index, row, col))
                for p in paras:
                    in_cell[p] = place
                col += cell.span
            rows.append(Row(cells, header, before or 0, after or 0))
        nested = any(True for _ in tbl.iterancestors(_TBL))
        mar = tbl.find("w:tblPr/w:tblCellMar", NS)
        side = None
        for tag in ("w:left", "w:start"):
            if side is None and mar is not None:
                side = mar.find(tag, NS)
        margin = int_attr(side, "w")
        tables.append(Table(index, grid, rows, 0, nested, 108 if margin is None else margin))
    return tables, in_cell


def _cells_by_element(elements, tables) -> dict:
    """Cell element -> (cell, place) of every cell :func:`_tables` read, in the same order;
    needed only for a paragraph that is not a cell's own child (in a content control…)."""
    found = {}
    for tbl, table in zip(elements, tables):
        for (r, tr), row in zip(enumerate(tbl.iterchildren(_TR)), table.rows):
            for tc, cell in zip(tr.iterchildren(_TC), row.cells):
                found[tc] = (cell, (table.index, r, cell.grid_col))
    return found
