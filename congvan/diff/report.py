"""What ``congvan diff`` reports: the kinds of change, and their text and JSON forms."""


from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from congvan.data.units import LEAD, SUPPORT

NEW = "new"
CHANGED = "changed"
DELETED = "deleted"
"""Statuses of a unit letter (English words, like every value of the JSON report)."""
STATUS_NAMES = {NEW: "mới", CHANGED: "thay đổi", DELETED: "bị xóa"}
"""How a letter's status is said in the text report."""

MOVE = "move"
ADD = "add"
REMOVE = "remove"
"""Kinds of an assignment change."""

PARAGRAPH = "¶"
"""Word standing for a paragraph break inside a multi-paragraph text."""

EMPTY = "(trống)"
"""How an empty value is shown in the report."""

ROLE_NAMES = {LEAD: "chủ trì", SUPPORT: "phối hợp"}

TASK_FIELDS = {
    "section": "nhóm chỉ số",
    "name": "tên chỉ số",
    "ref": "đánh số lại",
    "task": "nội dung nhiệm vụ",
    "deadline": "thời hạn",
    "shares_task": "dùng chung nhiệm vụ với dòng trên",
    "lead_text": "ô chủ trì",
    "support_text": "ô phối hợp",
}
"""Vietnamese labels of the task fields compared."""

DOCUMENT_FIELDS = {
    "document.issuer.parent": "cơ quan chủ quản",
    "document.issuer.lines": "tên cơ quan ban hành",
    "document.issuer.short_name": "tên cơ quan dùng trong câu",
    "document.number": "số văn bản",
    "document.symbol": "ký hiệu",
    "document.place": "địa danh",
    "document.date": "ngày ban hành",
    "document.subject": "trích yếu",
    "document.recipients": "Kính gửi",
    "document.signer.authority": "thẩm quyền ký",
    "document.signer.title": "chức vụ người ký",
    "document.signer.name": "người ký",
    "document.distribution": "Nơi nhận",
    "document.archive": "Lưu",
    "appendix.heading": "tiêu đề phụ lục",
    "appendix.title": "tên phụ lục",
    "letters.subject": "trích yếu thư đơn vị",
    "letters.closing": "câu kết thư đơn vị",
}
"""Vietnamese labels of the document-level fields compared (body items are added per item)."""

SECTION_TITLES = {
    "added": "Nhiệm vụ thêm mới",
    "removed": "Nhiệm vụ bị bỏ",
    "changed": "Nhiệm vụ thay đổi",
    "moved": "Phân công thay đổi",
    "document": "Nội dung công văn thay đổi",
    "letters": "Thư đơn vị thay đổi",
}
"""Headings of the report, in the order printed."""

NO_DIFFERENCE = "Không có khác biệt."


# --- results -------------------------------------------------------------------------------

@dataclass(frozen=True)
class TaskEntry:
    """A task present in only one of the two versions."""

    ref: str
    """Printed reference (``I.2``) in the version that has the task."""
    key: str
    """Stable key: section title and indicator name path."""
    name: str
    """Indicator name."""


@dataclass(frozen=True)
class TaskChange:
    """One field of a task that differs between the versions."""

    ref: str
    """Reference of the task in the new version."""
    old_ref: str
    """Reference of the task in the old version (differs when renumbered)."""
    key: str
    """Stable key of the task in the new version."""
    field: str
    """Field compared: one of :data:`TASK_FIELDS`."""
    label: str
    """Vietnamese name of the field."""
    old: str | bool
    """Old value (text; a bool for ``shares_task``)."""
    new: str | bool
    """New value."""
    word_diff: str = ""
    """For ``task``: the text with ``[-removed-]{+added+}`` marks; else empty."""


@dataclass(frozen=True)
class RoleChange:
    """Units that gained or lost one role on one task (after group expansion)."""

    ref: str
    """Reference of the task in the new version."""
    key: str
    """Stable key of the task in the new version."""
    role: str
    """``lead`` or ``support``."""
    action: str
    """:data:`MOVE` (some lost it, others gained it), :data:`ADD` or :data:`REMOVE`."""
    lost: tuple[str, ...]
    """Ids of the units that no longer have the role."""
    gained: tuple[str, ...]
    """Ids of the units that now have the role."""
    text: str
    """The change in words: ``IV.1: chủ trì chuyển từ Phòng VH&TT sang Phòng Nội vụ``."""


@dataclass(frozen=True)
class FieldChange:
    """A document-level field (dispatch, appendix title, letter options) that differs."""

    field: str
    """Data path of the field: ``document.date``, ``document.body[2]``, ``appendix.title``."""
    label: str
    """Vietnamese name of the field."""
    old: str
    """Old value as text (empty when absent)."""
    new: str
    """New value as text (empty when absent)."""


@dataclass(frozen=True)
class LetterChange:
    """A unit letter that a rebuild would create, rewrite or delete."""

    unit: str
    """Unit id."""
    name: str
    """Full unit name."""
    path: str
    """Letter path in the output folder (the old path for a deleted letter)."""
    status: str
    """:data:`NEW`, :data:`CHANGED` or :data:`DELETED`."""
    old_path: str = ""
    """Previous path when the file name changed (short name edited); else empty."""


@dataclass(frozen=True)
class DataDiff:
    """Every difference between two versions of a data file."""

    added: tuple[TaskEntry, ...] = ()
    """Tasks only in the new version, in new order."""
    removed: tuple[TaskEntry, ...] = ()
    """Tasks only in the old version, in old order."""
    changed: tuple[TaskChange, ...] = ()
    """Field changes of tasks present in both, in new order."""
    moved: tuple[RoleChange, ...] = ()
    """Assignment changes of tasks present in both, in new order."""
    document: tuple[FieldChange, ...] = ()
    """Document-level field changes."""
    letters: tuple[LetterChange, ...] = ()
    """Unit letters that change, in unit order."""

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in SECTION_TITLES)

    def to_dict(self) -> dict:
        """JSON-ready: one list of plain objects per section."""
        return {name: [_plain(item) for item in getattr(self, name)] for name in SECTION_TITLES}

    def format(self) -> str:
        """The report in Vietnamese: one headed section per kind of change."""
        if self.is_empty:
            return NO_DIFFERENCE
        blocks = []
        for name, title in SECTION_TITLES.items():
            items = getattr(self, name)
            if items:
                lines = _FORMATTERS[name](items)
                blocks.append("\n".join([f"{title} ({len(items)}):", *lines]))
        return "\n\n".join(blocks)


def _plain(item) -> dict:
    """A result dataclass as a dict of JSON values (tuples become lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(item).items()}


# --- formatting ----------------------------------------------------------------------------

def _shown(value) -> str:
    if isinstance(value, bool):
        return "có" if value else "không"
    return value if value else EMPTY


def _format_entries(items) -> list[str]:
    return [f"  - {t.ref} {t.key}" for t in items]


def _format_changes(items) -> list[str]:
    lines: list[str] = []
    current = None
    for c in items:
        if (c.ref, c.key) != current:
            current = (c.ref, c.key)
            lines.append(f"  - {c.ref} {c.key}:")
        if c.field == "task":
            lines.append(f"      {c.label}: {c.word_diff}")
        else:
            lines.append(f"      {c.label}: {_shown(c.old)} → {_shown(c.new)}")
    return lines


def _format_moves(items) -> list[str]:
    return [f"  - {m.text}" for m in items]


def _format_fields(items) -> list[str]:
    return [f"  - {f.label} ({f.field}): {_shown(f.old)} → {_shown(f.new)}" for f in items]


def _format_letters(items) -> list[str]:
    lines = []
    for letter in items:
        moved = f" (trước đây: {letter.old_path})" if letter.old_path else ""
        lines.append(f"  - {letter.path}{moved} — {letter.unit}, {letter.name}: "
                     f"{STATUS_NAMES[letter.status]}")
    return lines


_FORMATTERS = {
    "added": _format_entries,
    "removed": _format_entries,
    "changed": _format_changes,
    "moved": _format_moves,
    "document": _format_fields,
    "letters": _format_letters,
}
