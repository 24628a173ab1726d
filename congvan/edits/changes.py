"""The edits found in a document or a sheet, as records an import applies to the data."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from congvan.exceptions import CongvanError

FIELD_LABELS = {
    "name": "sửa tên nhiệm vụ", "task": "sửa nội dung nhiệm vụ", "note": "sửa ghi chú",
    "result": "sửa kết quả, sản phẩm",
}
"""What a text edit of each field is called in the report."""


class EditConflict(CongvanError):
    """An edit that cannot be placed in the data: nothing is written."""


@dataclass(frozen=True)
class Change:
    """One edit. ``kind``: ``edit`` (a field of an existing row), ``add`` (a new row beside
    ``path``), ``remove`` (the row at ``path``), ``paragraph`` (a body paragraph)."""

    kind: str
    ref: str
    """The row's printed ref (``II.3``); for ``add``, the neighbour's; for ``paragraph``,
    the paragraph's number."""
    path: str
    """Field path in the data of the row (or neighbour); of the text for ``paragraph``."""
    field: str = ""
    old: str = ""
    new: str = ""
    ids: tuple[str, ...] = ()
    """Unit ids of a lead/support edit."""
    position: str = "after"
    """Of an ``add``: ``after`` or ``before`` the row at ``path``."""
    values: dict = dataclasses.field(default_factory=dict)
    """Of an ``add``: the new row's fields as the data writes them."""

    def format(self) -> str:
        if self.kind == "add":
            label = self.values.get("name") or self.values.get("task") or ""
            label = label if len(label) <= 70 else label[:67] + "…"
            where = "sau" if self.position == "after" else "trước"
            return f"thêm dòng {where} {self.ref}: “{label}”"
        if self.kind == "remove":
            label = self.old if len(self.old) <= 70 else self.old[:67] + "…"
            return f"xóa dòng {self.ref}: “{label}”"
        if self.kind == "paragraph":
            return f"đoạn {self.ref}: sửa nội dung"
        if self.field == "lead":
            return f"{self.ref}: chuyển chủ trì {self.old or '(trống)'} → {self.new or '(trống)'}"
        if self.field == "support":
            return (f"{self.ref}: đổi đơn vị phối hợp {self.old or '(trống)'} → "
                    f"{self.new or '(trống)'}")
        if self.field == "title":
            return f"{self.ref}: sửa tên nhóm “{self.old}” → “{self.new}”"
        if self.field == "deadline" and not self.old:
            return f"{self.ref}: đặt thời hạn “{self.new}”"
        if self.field == "deadline" and not self.new:
            return f"{self.ref}: bỏ thời hạn “{self.old}”"
        if self.field == "deadline":
            return f"{self.ref}: đổi thời hạn “{self.old}” → “{self.new}”"
        if self.field.startswith("field:"):
            return f"{self.ref}: sửa cột “{self.field[6:]}”"
        return f"{self.ref}: {FIELD_LABELS.get(self.field, 'sửa ' + self.field)}"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "ref": self.ref, "path": self.path, "field": self.field,
                "old": self.old, "new": self.new, "ids": list(self.ids),
                "position": self.position, "values": dict(self.values),
                "message": self.format()}


@dataclass(frozen=True)
class ImportReport:
    """What an import applied (or would apply, with ``dry_run``)."""

    source: str
    data_file: str
    changes: tuple[Change, ...]
    dry_run: bool = False
    backup: str = ""
    """The copy of the data file kept before it was rewritten."""

    def format(self) -> str:
        lines = [c.format() for c in self.changes]
        if not self.changes:
            lines.append(f"Không có thay đổi nào trong {self.source} so với {self.data_file}.")
        elif self.dry_run:
            lines.append(f"(--dry-run: {len(self.changes)} thay đổi chưa được ghi vào "
                         f"{self.data_file})")
        else:
            lines.append(f"Đã ghi {len(self.changes)} thay đổi vào {self.data_file}"
                         + (f" (bản cũ: {self.backup})." if self.backup else "."))
        return "\n".join(lines)
