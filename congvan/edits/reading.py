"""What an import needs of a .docx we wrote: its custom properties, and its tables row
by row with each row's anchor (the bookmark of a task) and its cells' text."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass

from lxml import etree

from congvan.exceptions import CongvanError
from congvan.ooxml import custom_properties
from congvan.ooxml.namespaces import W

_TAGS = {f"{{{W}}}{name}": name for name in ("t", "tab", "br", "cr")}


class UnreadableFile(CongvanError):
    """The file given to an import is not a document it can read."""


@dataclass(frozen=True)
class Row:
    anchor: str | None
    """The task bookmark (``t_…``) in this row, or None."""
    cells: tuple[str, ...]
    """Each cell's text, paragraphs joined by a line break, spaces tidied."""


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]

    @property
    def anchored(self) -> bool:
        return any(r.anchor for r in self.rows)


@dataclass(frozen=True)
class Document:
    properties: dict
    tables: tuple[Table, ...]
    paragraphs: dict
    """Body paragraph anchor (``p_…``) → its text."""

    def rows(self) -> dict[str, Row]:
        """Anchor → row; a bookmark name met twice (a row copied with its bookmark) counts
        for its first row only."""
        out: dict[str, Row] = {}
        for table in self.tables:
            for row in table.rows:
                if row.anchor and row.anchor not in out:
                    out[row.anchor] = row
        return out


def tidy(text: str) -> str:
    """NFC, spaces collapsed in each line, no blank first or last line."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).split("\n")]
    return "\n".join(lines).strip("\n")


def _paragraph_text(p) -> str:
    out = []
    for el in p.iter(*_TAGS):
        name = _TAGS[el.tag]
        if name == "t":
            out.append(el.text or "")
        elif name == "tab":
            out.append("\t")
        else:
            out.append(" ")
    return "".join(out)


def _cell_text(tc) -> str:
    return tidy("\n".join(_paragraph_text(p) for p in tc.iter(f"{{{W}}}p")))


def _bookmarks(element) -> list[str]:
    return [b.get(f"{{{W}}}name") or "" for b in element.iter(f"{{{W}}}bookmarkStart")]


def read_document(source) -> Document:
    """A .docx (a path or its bytes) read; :class:`UnreadableFile` when it is not one."""
    try:
        raw = source if isinstance(source, bytes) else open(source, "rb").read()
    except OSError as exc:
        raise UnreadableFile(f"không đọc được tệp “{source}”: {exc.strerror or exc}.") from None
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile("tệp được đặt mật khẩu hoặc là tệp Word cũ (.doc): hãy mở bằng "
                             "Word, bỏ mật khẩu và lưu lại dạng .docx.")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            document_xml = archive.read("word/document.xml")
            custom = (archive.read(custom_properties.PART)
                      if custom_properties.PART in archive.namelist() else None)
        root = etree.fromstring(document_xml)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, EOFError):
        raise UnreadableFile("tệp không phải văn bản Word .docx đọc được (hỏng hoặc sai định "
                             "dạng).") from None
    tables = []
    for tbl in root.iter(f"{{{W}}}tbl"):
        if any(True for _ in tbl.iterancestors(f"{{{W}}}tbl")):
            continue
        rows = []
        for tr in tbl.findall(f"{{{W}}}tr"):
            if tr.find(f"{{{W}}}trPr/{{{W}}}del") is not None:
                continue  # a row deleted with track changes on
            names = [n for n in _bookmarks(tr) if n.startswith("t")]
            cells = tuple(_cell_text(tc) for tc in tr.findall(f"{{{W}}}tc"))
            rows.append(Row(names[0] if names else None, cells))
        tables.append(Table(tuple(rows)))
    paragraphs = {}
    for p in root.iter(f"{{{W}}}p"):
        if any(True for _ in p.iterancestors(f"{{{W}}}tbl")):
            continue
        for name in _bookmarks(p):
            if name.startswith("p_") and name not in paragraphs:
                paragraphs[name] = tidy(_paragraph_text(p))
    return Document(custom_properties.read(custom), tuple(tables), paragraphs)
