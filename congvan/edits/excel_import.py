"""``congvan import giao-viec.xlsx --into DATA.yaml``: the edits of an exported sheet.

Rows are paired by their code (column ``Mã``); columns are found by their titles, in any
order. Every value is checked again (Excel does not enforce its drop-downs): a unit name
that names no unit, a code that is not in the data or appears twice, a new row whose group
is unknown are refused naming the sheet, row and column, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from congvan.data.model import Data
from congvan.edits.changes import Change, EditConflict
from congvan.edits.excel_export import (COLUMNS, DIGEST_KEY, EDITABLE, META_SHEET, TASK_SHEET,
                                        rows_digest, task_rows)
from congvan.edits.reading import UnreadableFile, tidy
from congvan.edits.unit_names import unit_ids
from congvan.vn.text import fold

REQUIRED = ("code", "name", "lead", "support", "task")


def _key(text) -> str:
    return " ".join(fold(str(text or "")).lower().split())


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return tidy(str(value))


def _open(source: Path):
    from openpyxl import load_workbook

    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"không đọc được tệp “{source}”: {exc.strerror or exc}.") from None
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(f"{source.name} được đặt mật khẩu hoặc là tệp Excel cũ (.xls): hãy "
                             "mở bằng Excel, bỏ mật khẩu và lưu lại dạng .xlsx.")
    try:
        return load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, EOFError) as exc:
        raise UnreadableFile(f"{source.name} không phải tệp Excel .xlsx đọc được (hỏng hoặc sai "
                             f"định dạng: {type(exc).__name__}).") from None
    except Exception as exc:  # openpyxl raises its own types for damaged parts
        raise UnreadableFile(f"{source.name} không phải tệp Excel .xlsx đọc được "
                             f"({type(exc).__name__}).") from None


def _columns(sheet, name: str) -> dict[str, int]:
    """Field → column index (0-based) from the header row's titles."""
    titles = {_key(title): key for key, title, _ in COLUMNS}
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    found = {}
    for index, title in enumerate(header):
        key = titles.get(_key(title))
        if key and key not in found:
            found[key] = index
    missing = [title for key, title, _ in COLUMNS if key in REQUIRED and key not in found]
    if missing:
        raise EditConflict(f"{name}: trang “{sheet.title}” thiếu cột "
                           + ", ".join(f"“{m}”" for m in missing)
                           + " ở dòng 1 (tệp phải do lệnh congvan export --xlsx tạo ra).")
    return found


def sheet_changes(source: Path, data: Data) -> list[Change]:
    book = _open(source)
    name = source.name
    if TASK_SHEET not in book.sheetnames:
        raise EditConflict(f"{name}: không có trang “{TASK_SHEET}” (tệp phải do lệnh congvan "
                           "export --xlsx tạo ra).")
    sheet = book[TASK_SHEET]
    columns = _columns(sheet, name)
    expected = task_rows(data)
    meta = book[META_SHEET] if META_SHEET in book.sheetnames else None
    digest = {row[0]: row[1] for row in meta.iter_rows(values_only=True) if len(row) > 1} \
        if meta is not None else {}
    if digest.get(DIGEST_KEY) != rows_digest(expected):
        raise EditConflict(
            f"tệp dữ liệu {data.file} đã thay đổi kể từ khi xuất {name} (hoặc tệp không do "
            "congvan export tạo), nên không biết chắc người sửa đã đổi những gì; chưa ghi gì. "
            "Hãy xuất lại (congvan export) rồi chép các sửa đổi vào bản mới.")
    by_code = {row["code"]: row for row in expected}
    by_path = {ind.path: ind for ind in data.rows()}
    groups = {_key(row["group"]): row for row in reversed(expected) if row["group"]}

    def where(r: int, key: str) -> str:
        col = columns[key]
        from openpyxl.utils import get_column_letter

        title = dict((k, t) for k, t, _ in COLUMNS)[key]
        return f"{name}, trang “{sheet.title}”, dòng {r}, cột “{title}” ({get_column_letter(col + 1)}{r})"

    def cell(values, key: str) -> str:
        index = columns.get(key)
        return _text(values[index]) if index is not None and index < len(values) else ""

    def units(values, r: int, key: str) -> tuple[str, ...]:
        text = cell(values, key)
        ids = unit_ids(text, data)
        if ids is None:
            raise EditConflict(f"{where(r, key)}: “{text}” không phải tên đơn vị nào trong trang "
                               "“Đơn vị”; nhiều đơn vị thì cách nhau bởi dấu chấm phẩy (;).")
        return tuple(ids)

    changes: list[Change] = []
    seen: dict[str, int] = {}
    previous = None
    for r, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        code = cell(values, "code")
        if not code and not any(cell(values, k) for k in EDITABLE):
            continue
        if code:
            if code not in by_code:
                raise EditConflict(f"{where(r, 'code')}: mã “{code}” không có trong dữ liệu; "
                                   "dòng mới thì để trống cột Mã.")
            if code in seen:
                raise EditConflict(f"{where(r, 'code')}: mã “{code}” đã có ở dòng {seen[code]}.")
            seen[code] = r
            old, ind = by_code[code], by_path[by_code[code]["path"]]
            previous = old
            for key in EDITABLE:
                if key not in columns:
                    continue
                new = cell(values, key)
                if new == old[key]:
                    continue
                if key in ("lead", "support"):
                    changes.append(Change("edit", ind.ref, ind.path, key, old[key], new,
                                          ids=units(values, r, key)))
                else:
                    changes.append(Change("edit", ind.ref, ind.path, key, old[key], new))
            due = _due(values, columns, r, where)
            if due is not None and due != old["due"] and cell(values, "deadline") == old["deadline"]:
                day = dt.date.fromisoformat(due)
                changes.append(Change("edit", ind.ref, ind.path, "deadline", old["deadline"],
                                      f"Trước ngày {day.day:02d}/{day.month:02d}/{day.year}"))
            continue
        changes.append(_added(values, r, cell, units, where, columns, previous, groups, by_path))
    removed = [row for row in expected if row["code"] not in seen]
    for row in removed:
        kept = next((other for other in expected if other["code"] in seen
                     and other["path"].startswith(row["path"] + ".")), None)
        if kept is not None:
            raise EditConflict(f"{name}: dòng mã “{row['code']}” đã bị xóa nhưng dòng con "
                               f"“{kept['code']}” của nó vẫn còn (dòng {seen[kept['code']]}): "
                               "hãy xóa cả dòng con, hoặc giữ lại dòng cha.")
        if not any(row["path"].startswith(other["path"] + ".") for other in removed):
            ind = by_path[row["path"]]
            changes.append(Change("remove", ind.ref, ind.path, old=row["name"] or row["task"]))
    return changes


def _due(values, columns, r, where) -> str | None:
    """The ``Hạn (ngày)`` cell as an ISO date ('' when empty); None without that column."""
    index = columns.get("due")
    if index is None or index >= len(values):
        return None
    value = values[index]
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        day, month, year = (int(p) for p in str(value).strip().split("/"))
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise EditConflict(f"{where(r, 'due')}: “{value}” không phải ngày (dd/mm/yyyy).") from None


def _added(values, r, cell, units, where, columns, previous, groups, by_path) -> Change:
    group = cell(values, "group")
    neighbour, position = previous, "after"
    if group and (previous is None or _key(group) != _key(previous["group"])):
        if _key(group) not in groups:
            raise EditConflict(f"{where(r, 'group')}: nhóm “{group}” không có trong dữ liệu; "
                               "không biết đặt dòng mới vào đâu.")
        neighbour = groups[_key(group)]
    if neighbour is None:
        raise EditConflict(f"{where(r, 'code')}: không biết đặt dòng mới vào đâu: hãy ghi "
                           "nhóm của nó ở cột Nhóm.")
    ind = by_path[neighbour["path"]]
    values_out: dict = {}
    for key in ("name", "lead", "support", "task", "deadline", "note"):
        if key in columns and cell(values, key):
            values_out[key] = list(units(values, r, key)) if key in ("lead", "support") \
                else cell(values, key)
    if not values_out.get("name") and not values_out.get("task"):
        raise EditConflict(f"{where(r, 'name')}: dòng mới không có tên hay nội dung nhiệm vụ.")
    return Change("add", ind.ref, ind.path, position=position, values=values_out)
