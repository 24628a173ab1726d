"""Writing the changes into the data file: checked first, atomic, the old file kept."""

from __future__ import annotations

from pathlib import Path

from congvan.data.loader import load_source
from congvan.data.source import parse_source
from congvan.edits.yaml_edit import apply, dump, load, splice
from congvan.edits.changes import Change, EditConflict
from congvan.exceptions import DataError
from congvan.output.atomic import atomic_write

BACKUP_SUFFIX = ".bak"


def changed_text(text: str, name: str, changes: list[Change]) -> str:
    """The data file's text with ``changes`` applied, checked as ``congvan check`` does."""
    tree = load(text, name)
    before = dump(tree)
    apply(tree, changes)
    new_text = splice(text, before, dump(tree))
    try:
        load_source(parse_source(new_text, name))
    except DataError as exc:
        details = "\n".join(p.format() if hasattr(p, "format") else str(p)
                            for p in getattr(exc, "problems", ()) or [exc])
        raise EditConflict("các sửa đổi làm tệp dữ liệu không hợp lệ nên chưa ghi gì:\n"
                           + details) from None
    return new_text


def write_changes(data_file: Path, changes: list[Change], *, dry_run: bool) -> str:
    """Check and (unless ``dry_run``) write; the path of the backup copy, or ''."""
    if not changes:
        return ""
    raw = data_file.read_bytes()
    text = raw.decode("utf-8-sig")
    new_text = changed_text(text, str(data_file), changes)
    if dry_run:
        return ""
    backup = data_file.with_name(data_file.name + BACKUP_SUFFIX)
    atomic_write(backup, raw, backup.name)
    if data_file.read_bytes() != raw:
        raise EditConflict(f"{data_file} vừa được sửa trong lúc nhập; chưa ghi gì, hãy chạy lại.")
    atomic_write(data_file, new_text.encode("utf-8"), data_file.name)
    return str(backup)
