"""Edits a person makes in Word, done with python-docx on the files congvan writes."""

import copy
import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml.ns import qn

from helpers import soffice


def anchored_row(document, name: str):
    """The table row holding bookmark ``name``."""
    for table in document.tables:
        for row in table.rows:
            if any(b.get(qn("w:name")) == name for b in row._tr.iter(qn("w:bookmarkStart"))):
                return row
    raise AssertionError(f"no row with bookmark {name}")


def set_cell(cell, text: str) -> None:
    """Type ``text`` over a cell, keeping its first run's formatting (as Word does)."""
    paragraphs = cell.paragraphs
    first = paragraphs[0]
    runs = first.runs
    if runs:
        runs[0].text = text
        for run in runs[1:]:
            run._r.getparent().remove(run._r)
    else:
        first.add_run(text)
    for p in paragraphs[1:]:
        p._p.getparent().remove(p._p)


def insert_row_after(row, texts: dict[int, str], *, above: bool = False):
    """A new row below ``row`` (above it with ``above``: Word's Insert Rows Below/Above copy
    the row's formatting, not its bookmarks), its cells typed."""
    new = copy.deepcopy(row._tr)
    for mark in list(new.iter(qn("w:bookmarkStart"))) + list(new.iter(qn("w:bookmarkEnd"))):
        mark.getparent().remove(mark)
    for vmerge in list(new.iter(qn("w:vMerge"))):
        vmerge.getparent().remove(vmerge)
    row._tr.addprevious(new) if above else row._tr.addnext(new)
    table = row.table
    added = next(r for r in table.rows if r._tr is new)
    for index, cell in enumerate(added.cells):
        set_cell(cell, texts.get(index, ""))
    return added


def delete_row(row) -> None:
    row._tr.getparent().remove(row._tr)


def through_libreoffice(path: Path, workdir: Path) -> Path:
    """The file opened and saved again as .docx by LibreOffice (its own XML)."""
    out = workdir / "lo"
    out.mkdir(exist_ok=True)
    subprocess.run([soffice(), f"-env:UserInstallation=file://{workdir}/profile", "--headless",
                    "--convert-to", "docx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    saved = out / path.name
    target = path.with_name(path.stem + "-lo.docx")
    shutil.move(saved, target)
    return target


def open_docx(path: Path):
    return docx.Document(str(path))
