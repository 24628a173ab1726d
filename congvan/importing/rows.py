"""An appendix table's rows as the data's ``sections`` / ``rows``: group rows (a Roman
numeral or letter before one title cell, or one cell spanning the row), numbered rows
with their sub-rows (``3.1`` under ``3``), a task cell merged down over the rows that
share it (``shares_task``), other merged cells (their text repeated in each row),
and rows a page break split in two.

Units named in the chủ trì / phối hợp cells become registry entries; a cell that prints
differently from the short names joined by ``; `` keeps its text (``lead_text``).
Everything that cannot be read with confidence is a warning naming the table row.
"""

from __future__ import annotations

import re

from congvan.importing.markup import escape, markup
from congvan.importing.notes import Notes
from congvan.importing.tables import Line, ReadTable
from congvan.importing.units import Registry, split_names
from congvan.vn.deadlines import parse_deadline

_ROW_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
_GROUP_NUMBER = re.compile(r"^([IVXLC]{1,6}|[A-ZĐ])\.?$")
_GROUP_IN_TITLE = re.compile(r"^([IVXLC]{1,6}|[A-ZĐ])[.)]\s+(.+)$")


class Rows:
    """Reads the lines of one appendix table."""

    def __init__(self, table: ReadTable, units: Registry, notes: Notes, *, rich: bool):
        self.table = table
        self.units = units
        self.notes = notes
        self.rich = rich
        """Cells are read for markup (declared columns print it)."""
        self.sections: list[dict] = []
        self.numerals: list[str] = []
        self.numbers: list[tuple[str, str, dict]] = []  # (number read, where, row) in order
        self.merge_columns: set[int] = set()
        self.bad_deadlines: list[str] = []
        self._last: dict | None = None
        self._top: list[dict] = []  # every top-level row, for sub-rows

    def index(self, show: str) -> int | None:
        return next((i for i, c in enumerate(self.table.columns) if c.show == show), None)

    def read(self) -> None:
        number_col = self.index("number")
        for line in self.table.lines:
            group = self._group(line, number_col)
            if group is not None:
                numeral, title = group
                self.sections.append({"title": title, "indicators": []})
                self.numerals.append(numeral)
                self._last = None
                self._top = []
                continue
            number = line.slots[number_col].text if number_col is not None else ""
            continued = number_col is not None and line.slots[number_col].continued
            # An STT cell Word numbers by itself has no text: a new row, numbered again.
            automatic = number_col is not None and line.slots[number_col].numbered
            if (continued or (line.first_of_table and not number and not automatic)) \
                    and self._last is not None:
                self._extend(self._last, line)
                continue
            m = _ROW_NUMBER.match(number)
            if number_col is not None and not m and not (automatic and not number):
                self.notes.add(line.where, f"ô số thứ tự «{number}» không phải một số; dòng "
                                           "được coi là một dòng mới (số do chương trình đánh).")
            row = self._row(line)
            parent = None
            if m and "." in m.group(1):
                prefix = m.group(1).rsplit(".", 1)[0]
                parent = next((r for n, _, r in reversed(self.numbers) if n == prefix), None)
                if parent is None:
                    self.notes.add(line.where, f"không tìm thấy dòng «{prefix}» chứa dòng "
                                               f"«{m.group(1)}»; dòng được đặt ở cấp trên cùng.")
            if not self.sections:
                self.sections.append({"title": "", "indicators": []})
                self.numerals.append("")
            siblings = parent.setdefault("indicators", []) if parent else \
                self.sections[-1]["indicators"]
            if row.get("shares_task") and not siblings:
                del row["shares_task"]
                self.notes.add(line.where, "ô nhiệm vụ gộp với dòng ở cấp khác; nhiệm vụ được "
                                           "để trống ở dòng này.")
            siblings.append(row)
            self.numbers.append((m.group(1) if m else "", line.where, row))
            self._last = row

    def _group(self, line: Line, number_col: int | None):
        """(numeral, title) when ``line`` is a group row."""
        texts = [(i, s) for i, s in enumerate(line.slots) if s.text]
        if not texts:
            return None
        if number_col is not None and len(texts) == 2 and texts[0][0] == number_col:
            numeral = texts[0][1].text
            title_slot = texts[1][1]
            if _GROUP_NUMBER.match(numeral) and (title_slot.span > 1 or line.cells == 2
                                                  and len(line.slots) > 2 and
                                                  self.index("lead") is not None and
                                                  not line.slots[self.index("lead")].text):
                return numeral.rstrip("."), escape(title_slot.text)
        if len(texts) == 1 and (texts[0][1].span >= len(line.slots) - 1 > 0):
            title = texts[0][1].text
            m = _GROUP_IN_TITLE.match(title)
            if m:
                return m.group(1), escape(m.group(2))
            if not _ROW_NUMBER.match(title):
                return "", escape(title)
        return None

    def _text(self, slot) -> str:
        if self.rich:
            return " ".join(markup(p.runs) for p in slot.paragraphs if p.text)
        return escape(slot.text)

    def _row(self, line: Line) -> dict:
        row: dict = {}
        merged: list[int] = []
        for i, (column, slot) in enumerate(zip(self.table.columns, line.slots)):
            if slot.span == 0:
                continue
            if slot.span > 1:
                self.notes.add(line.where, f"ô «{slot.text[:40]}» gộp ngang qua "
                                           f"{slot.span} cột; nội dung được ghi vào cột "
                                           f"«{column.title}».")
            if slot.continued:
                if column.show == "task":
                    row["shares_task"] = True
                    continue
                previous = self._last or {}
                self._copy(row, previous, column)
                merged.append(i)
                continue
            self._put(row, column, slot, line)
        if row.get("shares_task"):  # merged with the task: the column merges as the task does
            self.merge_columns.update(merged)
        if not row.get("name"):
            row["name"] = ""
        return row

    @staticmethod
    def _copy(row: dict, previous: dict, column) -> None:
        show = column.show
        if show == "field":
            if previous.get("fields", {}).get(column.key):
                row.setdefault("fields", {})[column.key] = previous["fields"][column.key]
            return
        for key in (show, f"{show}_text"):
            if key in previous:
                row[key] = previous[key]

    def _put(self, row: dict, column, slot, line: Line) -> None:
        show = column.show
        if not slot.texts or show == "number":
            return
        if show in ("lead", "support"):
            names = split_names(slot.texts)
            ids = [self.units.named(n) for n in names]
            row[show] = ids
            printed = "; ".join(self.units.short(i) for i in ids)
            cell = slot.texts[0] if len(slot.texts) == 1 else \
                "; ".join(t.rstrip(" ;,.") for t in slot.texts)
            if printed != cell:
                row[f"{show}_text"] = escape(cell)
        elif show == "task":
            row["task"] = [markup(p.runs) if self.rich else escape(p.text)
                           for p in slot.paragraphs if p.text]
        elif show == "deadline":
            text = slot.text
            try:
                parse_deadline(text)
            except ValueError:
                self.bad_deadlines.append(line.where)
            row["deadline"] = text
        elif show == "field":
            row.setdefault("fields", {})[column.key] = self._text(slot)
        else:
            if len(slot.texts) > 1 and show == "name":
                self.notes.add(line.where, f"ô «{column.title}» có {len(slot.texts)} đoạn; "
                                           "được nối thành một đoạn.")
            row[show] = self._text(slot)

    def _extend(self, row: dict, line: Line) -> None:
        """A row continued below (split by a page break, or its number cell merged down)."""
        if line.first_of_table:
            self.notes.add(line.where, "dòng đầu bảng tiếp theo không có số thứ tự; được ghép "
                                       "vào dòng cuối của bảng trước (dòng bị ngắt trang).")
        for column, slot in zip(self.table.columns, line.slots):
            if slot.continued or not slot.texts or column.show == "number":
                continue
            extra: dict = {}
            self._put(extra, column, slot, line)
            for key, value in extra.items():
                if key in ("lead", "support"):
                    before = row.get(f"{key}_text") or "; ".join(
                        self.units.short(i) for i in row.get(key, []))
                    added = extra.get(f"{key}_text") or "; ".join(
                        self.units.short(i) for i in value)
                    row[key] = list(dict.fromkeys(row.get(key, []) + value))
                    text = "; ".join(t for t in (before, added) if t)
                    row.pop(f"{key}_text", None)
                    if text != "; ".join(self.units.short(i) for i in row[key]):
                        row[f"{key}_text"] = text
                elif key == "task":
                    row["task"] = row.get("task", []) + value
                elif key == "fields":
                    for k, v in value.items():
                        old = row.setdefault("fields", {}).get(k, "")
                        row["fields"][k] = f"{old} {v}".strip()
                elif isinstance(value, str) and not key.endswith("_text"):
                    row[key] = f"{row.get(key, '')} {value}".strip()
