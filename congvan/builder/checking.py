"""The Nghị định 30 check a build runs on what it has just rendered.

``congvan build`` checks the document and the first letter it rendered (a file reused from
the last build was checked then), to catch a template that breaks the decree's layout.
What the check can find there comes from the template and the layout code: margins,
fonts, the header, the signature block, each table's header row and its first rows. Every
letter is rendered from the same template, so one tells what it does; every row of a
table from the same row of the template, so the first :data:`ROWS_CHECKED` tell what a
row looks like. The rest is left out of the build's check: reading a 50,000-row appendix
took seconds and 650 MB for its XML tree alone. ``congvan check FILE.docx`` reads every
row of any file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from congvan.builder.filenames import LETTER_KIND
from congvan.builder.rendered import RenderedFile
from congvan.ooxml.package import read_parts, write_zip

__all__ = ["ROWS_CHECKED", "check_rendered", "conformance_sample", "first_rows"]

ROWS_CHECKED = 200
"""Rows of each table the build's check reads."""
_DOCUMENT = "word/document.xml"
_TABLE_TAGS = re.compile(rb"<(/?)w:(tbl|tr)(?=[\s>/])[^>]*>")
"""Start, end and empty tags of tables and rows, as lxml writes them (``w:tblPr`` and
``w:trPr`` are other elements; no ``>`` inside an attribute value)."""


def conformance_sample(docs: list[RenderedFile]) -> list[RenderedFile]:
    """The files a build checks: the document and the first letter, when rendered this
    time (a file reused from the last build was checked then).

    Checking every letter took about 20 ms a letter, more than the whole build of the
    others (issue 11)."""
    docs = [doc for doc in docs if not doc.reused]
    letters = [doc for doc in docs if doc.kind == LETTER_KIND]
    return [doc for doc in docs if doc.kind != LETTER_KIND] + letters[:1]


def check_rendered(doc: RenderedFile) -> list:
    """What the decree check finds in ``doc``, read with at most :data:`ROWS_CHECKED` rows
    in each table: ``(path, Finding)`` pairs."""
    from congvan.nd30.conformance import check_docx

    return [(doc.path, f) for f in check_docx(doc.path, _with_first_rows(doc.data)).findings]


def _with_first_rows(docx: bytes) -> bytes:
    parts = read_parts(docx)
    xml = parts.get(_DOCUMENT)
    if xml is None:
        return docx
    cut = first_rows(xml, ROWS_CHECKED)
    if cut is xml:
        return docx
    parts[_DOCUMENT] = cut
    return write_zip(parts, list(parts))


def first_rows(xml: bytes, keep: int) -> bytes:
    """document.xml with at most ``keep`` rows in each table (nested tables counted on
    their own; a row left out takes its nested tables along). ``xml`` itself when no
    table is longer."""
    cuts = list(_cuts(xml, keep))
    if not cuts:
        return xml
    out, done = [], 0
    for start, end in cuts:
        out += [xml[done:start]]
        done = end
    out.append(xml[done:])
    return b"".join(out)


def _cuts(xml: bytes, keep: int) -> Iterator[tuple[int, int]]:
    """The spans of the rows beyond the first ``keep`` of each table, runs of them joined."""
    rows: list[int] = []  # rows seen so far in each open table, innermost last
    cutting_at: int | None = None  # depth of the table whose rows are being cut
    start = end = -1
    for tag in _TABLE_TAGS.finditer(xml):
        closing, name = tag.group(1), tag.group(2)
        empty = tag.group().endswith(b"/>")
        if name == b"tbl":
            if closing:
                if cutting_at == len(rows):
                    yield start, end
                    cutting_at = None
                rows.pop()
            elif not empty:
                rows.append(0)
            continue
        if not rows or (cutting_at is not None and cutting_at < len(rows)):
            continue  # a row of a table inside a row being cut
        if closing:
            if cutting_at == len(rows):
                end = tag.end()
            continue
        rows[-1] += 1
        if rows[-1] > keep and cutting_at is None:
            cutting_at, start = len(rows), tag.start()
        if cutting_at == len(rows):
            end = tag.end() if empty else end
