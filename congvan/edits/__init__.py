"""Edits made outside the data file come back into it: ``congvan import FILE --into DATA``.

A .docx we wrote (the document or a unit's letter) is compared with the same file
rendered again from the data, row by row through its anchors (see
:mod:`congvan.builder.anchors`); an .xlsx written by ``congvan export --xlsx`` is compared
with the data through its task codes. What the person changed (a task's wording or name,
a unit moved, a deadline, a row added or removed) is applied to the YAML, keeping its
comments, key order, quoting and every field the file does not show.

Safety: the file's data digest must match the data as it is now (otherwise the data
changed since the file was written, and the edits would be applied to the wrong rows:
refused); every changed value is checked as ``congvan check`` would before anything is
written; the new data file is written atomically, the previous one kept beside it as
``DATA.yaml.bak``. With ``dry_run`` nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from congvan.edits.changes import Change, EditConflict, ImportReport

__all__ = ["Change", "EditConflict", "ImportReport", "import_into", "export_xlsx"]

def import_into(source: Path, data_file: Path, *, dry_run: bool = False,
                templates_dir: Path | None = None) -> ImportReport:
    """Apply the edits made in ``source`` (.docx or .xlsx) to ``data_file``."""
    from congvan.data.loader import load
    from congvan.edits.apply import write_changes

    source, data_file = Path(source), Path(data_file)
    data = load(data_file)
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        from congvan.edits.excel_import import sheet_changes

        changes = sheet_changes(source, data)
    else:
        from congvan.edits.docx_import import document_changes

        changes = document_changes(source, data, templates_dir)
    backup = write_changes(data_file, changes, dry_run=dry_run)
    return ImportReport(str(source), str(data_file), tuple(changes), dry_run, backup)


def export_xlsx(data_file: Path, target: Path, *, force: bool = False) -> int:
    """Write the tasks of ``data_file`` as an Excel sheet; the number of rows written. An
    existing ``target`` (perhaps edited, not yet imported) is only replaced with ``force``."""
    from congvan.data.loader import load
    from congvan.edits.excel_export import write_workbook
    from congvan.exceptions import OutputError

    target = Path(target)
    data = load(Path(data_file))
    if target.exists() and not force:
        raise OutputError(f"{target} đã có (có thể đang chứa sửa đổi chưa nhập): nhập nó trước "
                          f"bằng congvan import {target} --into {data_file}, hoặc ghi đè bằng "
                          "--force, hoặc chọn tên khác.")
    return write_workbook(data, target)
