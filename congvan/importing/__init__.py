"""``congvan import FILE.docx -o DATA.yaml``: a document made elsewhere read back into
the data format.

The .docx is read by the conformance check's reader (:mod:`congvan.nd30.reading`) and
its parts found by the same anatomy (:mod:`congvan.nd30.anatomy`); this package turns
them into data: :mod:`.document` (header, body, Quyết định, signature), :mod:`.appendix`
with :mod:`.tables`, :mod:`.columns` and :mod:`.rows` (appendix tables),
:mod:`.units` (the registry), :mod:`.yaml_writer` (the text written).
"""

from __future__ import annotations

from pathlib import Path

from congvan.importing.notes import ImportFailure, Imported, Note

__all__ = ["ImportFailure", "Imported", "Note", "import_docx", "write_import"]


def import_docx(source: str | Path, data: bytes | None = None) -> Imported:
    """Read ``source`` (a .docx; or ``data``, its bytes) into data; raises
    :class:`ImportFailure` or :class:`~congvan.nd30.reading.UnreadableDocument` when it
    cannot be imported."""
    from congvan.importing.reader import read

    return read(Path(source), data)


def write_import(source: str | Path, target: str | Path, *, force: bool = False) -> Imported:
    """Import ``source`` and write the YAML to ``target`` (atomically; an existing file
    only with ``force``). Nothing is written when the import fails."""
    from congvan.exceptions import OutputError
    from congvan.output.atomic import atomic_write

    source, target = Path(source), Path(target)
    if target.suffix.lower() in (".xlsx", ".xlsm", ".docx"):
        raise ImportFailure(f"tệp kết quả '{target}' phải là tệp dữ liệu .yaml.")
    if target.exists() and not force:
        raise OutputError(f"tệp '{target}' đã có; chương trình không ghi đè. Hãy chọn tên "
                          "khác, hoặc thêm --force để ghi đè.")
    if target.exists() and target.is_dir():
        raise OutputError(f"'{target}' là một thư mục; hãy cho tên tệp .yaml.")
    imported = import_docx(source)
    atomic_write(target, imported.text.encode("utf-8"), target.name)
    return imported
