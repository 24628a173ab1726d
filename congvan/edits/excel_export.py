"""``congvan export DATA.yaml --xlsx giao-viec.xlsx``: the tasks as an Excel sheet.

Sheet ``Nhiệm vụ``: one row per task (code, group, name, lead, coordinating units, task
text, deadline as written and as a date, note), header frozen, columns sized, text
wrapped; the unit columns offer the short names of sheet ``Đơn vị`` in a drop-down
(Excel does not stop other values: the import checks every one). A hidden sheet
``congvan`` holds the digest of the rows as exported, so that an import can tell whether
the data changed since.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from congvan.data.model import Data, flatten
from congvan.documents.body import plain
from congvan.output.atomic import atomic_write

TASK_SHEET = "Nhiệm vụ"
UNIT_SHEET = "Đơn vị"
META_SHEET = "congvan"
DIGEST_KEY = "congvan-du-lieu"
COLUMNS = (
    ("code", "Mã", 9), ("group", "Nhóm", 22), ("name", "Tên nhiệm vụ", 40),
    ("lead", "Chủ trì", 24), ("support", "Phối hợp", 28), ("task", "Nội dung nhiệm vụ", 60),
    ("deadline", "Thời hạn", 22), ("due", "Hạn (ngày)", 12), ("note", "Ghi chú", 24),
)
"""(field, column title, width in characters), in sheet order."""
EDITABLE = ("name", "lead", "support", "task", "deadline", "note")


def task_rows(data: Data) -> list[dict]:
    """Each task as the sheet shows it (texts without inline markup)."""
    rows = []
    for app in data.appendices:
        for section in app.sections:
            for ind in flatten(section.indicators):
                rows.append({
                    "code": ind.ref, "group": plain(section.title), "name": plain(ind.name),
                    "lead": plain(ind.lead_text), "support": plain(ind.support_text),
                    "task": "\n".join(plain(p) for p in ind.task),
                    "deadline": plain(ind.deadline_text),
                    "due": ind.deadline.due.isoformat() if ind.deadline.due else "",
                    "note": plain(ind.note), "path": ind.path,
                })
    return rows


def rows_digest(rows: list[dict]) -> str:
    content = json.dumps(rows, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def write_workbook(data: Data, target: Path) -> int:
    """Write the workbook to ``target`` (atomically); the number of task rows."""
    from datetime import date

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = task_rows(data)
    book = Workbook()
    sheet = book.active
    sheet.title = TASK_SHEET
    sheet.append([title for _, title, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        values = [row[key] for key, _, _ in COLUMNS]
        values[[k for k, _, _ in COLUMNS].index("due")] = \
            date.fromisoformat(row["due"]) if row["due"] else None
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            if cell.column_letter == get_column_letter(_column("due")) and cell.value:
                cell.number_format = "DD/MM/YYYY"
    for index, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(2, sheet.max_row)}"

    units = book.create_sheet(UNIT_SHEET)
    units.append(["Tên ngắn", "Tên đầy đủ", "Mã"])
    for cell in units[1]:
        cell.font = Font(bold=True)
    for unit in data.units.values():
        units.append([unit.short, unit.name, unit.id])
    for letter, width in (("A", 36), ("B", 50), ("C", 20)):
        units.column_dimensions[letter].width = width
    units.freeze_panes = "A2"
    last = max(2, units.max_row)
    choice = DataValidation(type="list", formula1=f"='{UNIT_SHEET}'!$A$2:$A${last}",
                            allow_blank=True, showErrorMessage=False)
    choice.prompt = "Chọn đơn vị; nhiều đơn vị: gõ tên ngắn cách nhau bởi dấu chấm phẩy (;)."
    choice.showInputMessage = True
    sheet.add_data_validation(choice)
    for key in ("lead", "support"):
        column = get_column_letter(_column(key))
        choice.add(f"{column}2:{column}{max(2, sheet.max_row) + 200}")

    meta = book.create_sheet(META_SHEET)
    meta.append([DIGEST_KEY, rows_digest(rows)])
    meta.append(["du-lieu", Path(data.file).name])
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(Path(target), buffer.getvalue(), Path(target).name)
    return len(rows)


def _column(key: str) -> int:
    return [k for k, _, _ in COLUMNS].index(key) + 1
