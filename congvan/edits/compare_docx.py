"""An edited .docx against the one generated from the same data: the edits, as changes.

Rows are paired by their anchors (bookmarks named after the task); what each column of a
table holds is learnt from the generated document, whose cells print the data's fields
(a template may order or title its columns as it likes). A row without an anchor that
the generated table does not have (a header, a group row) is a row the person added.
"""

from __future__ import annotations

import difflib
from collections import Counter

from congvan.builder.anchors import task_anchors
from congvan.data.model import Data, Indicator
from congvan.documents.body import plain
from congvan.edits.changes import Change, EditConflict
from congvan.edits.reading import Document, Table
from congvan.edits.unit_names import unit_ids

ROLES = ("number", "name", "task", "lead", "support", "deadline", "result", "note")
TEXT_FIELDS = ("name", "task", "deadline", "result", "note")


def _candidates(ind: Indicator) -> dict[str, set[str]]:
    task = "\n".join(plain(p) for p in ind.task)
    out = {
        "number": {ind.number, ind.ref}, "name": {plain(ind.name)},
        "task": {task} if task else {plain(ind.result)},
        "lead": {plain(ind.lead_text)}, "support": {plain(ind.support_text)},
        "deadline": {plain(ind.deadline_text), ind.deadline.label()},
        "result": {plain(ind.result)}, "note": {plain(ind.note)},
    }
    for key, value in ind.fields:
        out[f"field:{key}"] = {plain(value)}
    return out


def column_roles(table: Table, by_anchor: dict[str, Indicator]) -> dict[int, str]:
    """Column index → the field it prints, by what the generated rows show."""
    votes: dict[int, Counter] = {}
    for row in table.rows:
        ind = by_anchor.get(row.anchor or "")
        if ind is None:
            continue
        candidates = _candidates(ind)
        for index, text in enumerate(row.cells):
            if not text:
                continue
            for role, values in candidates.items():
                if text in values:
                    votes.setdefault(index, Counter())[role] += 1
    order = {role: i for i, role in enumerate(ROLES)}
    return {index: min(counter, key=lambda r: (-counter[r], order.get(r, len(order))))
            for index, counter in votes.items()}


def compare(generated: Document, edited: Document, data: Data, *, letter: bool) -> list[Change]:
    """The changes that turn ``generated`` into ``edited``."""
    names = task_anchors(data)
    by_path = {ind.path: ind for ind in data.rows()}
    by_anchor = {name: by_path[path] for path, name in names.items()}
    tables = [t for t in generated.tables if t.anchored]
    roles_of = {id(t): column_roles(t, by_anchor) for t in tables}
    table_of = {row.anchor: t for t in tables for row in t.rows if row.anchor}
    generated_rows = generated.rows()
    changes: list[Change] = []
    seen: set[str] = set()
    for t_index, table in enumerate(edited.tables):
        anchors = [r.anchor for r in table.rows if r.anchor in generated_rows]
        if not anchors:
            continue
        source = Counter(id(table_of[a]) for a in anchors).most_common(1)[0][0]
        source_table = next(t for t in tables if id(t) == source)
        roles = roles_of[source]
        _check_order(source_table, anchors, by_anchor)
        kinds = _classify(source_table, table, generated_rows)
        previous: str | None = None
        pending: list[tuple[int, tuple[str, ...], bool]] = []
        after_structure = False
        for r_index, row in enumerate(table.rows):
            kind = kinds[r_index]
            if kind == "task":
                seen.add(row.anchor)
                for number, cells, before in pending:
                    first = before or previous is None
                    changes.append(_added(cells, roles, data, t_index, number,
                                          by_anchor[row.anchor if first else previous],
                                          "before" if first else "after", letter))
                pending = []
                changes += _edited(by_anchor[row.anchor], generated_rows[row.anchor].cells,
                                   row.cells, roles_of[id(table_of[row.anchor])], data,
                                   t_index, r_index)
                previous, after_structure = row.anchor, False
            elif kind == "new":
                pending.append((r_index, row.cells, after_structure))
            elif kind != "empty":
                after_structure = True
                if isinstance(kind, tuple):
                    changes += _group_title(kind, row.cells, data)
        for number, cells, _ in pending:
            if previous is None:
                raise EditConflict(f"bảng {t_index + 1}, dòng {number + 1}: không biết đặt dòng "
                                   "mới vào đâu (bảng không còn dòng nhiệm vụ nào).")
            changes.append(_added(cells, roles, data, t_index, number,
                                  by_anchor[previous], "after", letter))
    for anchor in generated_rows:
        if anchor not in seen and anchor in by_anchor:
            ind = by_anchor[anchor]
            if letter:
                raise EditConflict(f"dòng {ind.ref} đã bị xóa khỏi thư đơn vị: thư chỉ nhận "
                                   "sửa nội dung; hãy xóa dòng trong văn bản chính hoặc tệp "
                                   "dữ liệu.")
            kept = next((by_anchor[a] for a in seen if anchor_of_parent(ind, by_anchor, a)), None)
            if kept is not None:
                raise EditConflict(f"dòng {ind.ref} đã bị xóa nhưng dòng con {kept.ref} của nó "
                                   "vẫn còn: hãy xóa cả dòng con, hoặc giữ lại dòng cha.")
            changes.append(Change("remove", ind.ref, ind.path,
                                  old=plain(ind.name) or plain(" ".join(ind.task))))
    changes = [c for c in changes if not _under_removed(c, changes)]
    return changes


def _check_order(source: Table, anchors: list[str], by_anchor) -> None:
    """Rows moved to another place are refused: the data's order is not changed from here."""
    kept = set(anchors)
    before = [r.anchor for r in source.rows if r.anchor in kept]
    after = list(dict.fromkeys(anchors))
    if before != after:
        moved = next(a for a, b in zip(after, before) if a != b)
        raise EditConflict(f"dòng {by_anchor[moved].ref} đã được chuyển sang chỗ khác trong bảng: "
                           "việc đổi thứ tự dòng chưa được đưa về dữ liệu; hãy đổi thứ tự trong "
                           "tệp dữ liệu (hoặc trả dòng về chỗ cũ rồi nhập lại).")


def _classify(source: Table, table: Table, generated_rows) -> list:
    """Each edited row: ``task`` (an anchored row, first time seen), ``new`` (a row the
    person added), ``empty``, ``same`` (a header or group row as generated), or the
    generated row's cells when it is a header or group row whose text was changed."""
    def token(row, first: set):
        if row.anchor in generated_rows and row.anchor not in first:
            first.add(row.anchor)
            return ("A", row.anchor)
        return ("S", row.cells)

    old = [token(r, set()) for r in source.rows]
    new = [token(r, set()) for r in table.rows]
    kinds: list = [None] * len(new)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        free = [old[i][1] for i in range(i1, i2) if old[i][0] == "S"] if tag != "equal" else []
        for j in range(j1, j2):
            kind, value = new[j]
            if kind == "A":
                kinds[j] = "task"
            elif not any(value):
                kinds[j] = "empty"
            elif tag == "equal":
                kinds[j] = "same"
            else:
                match = next((cells for cells in free if len(cells) == len(value)), None)
                if match is not None:
                    free.remove(match)
                    kinds[j] = match
                else:
                    kinds[j] = "new"
    return kinds


def _group_title(old_cells: tuple[str, ...], new_cells: tuple[str, ...], data: Data) -> list[Change]:
    """A group row whose title was retyped; a header row's edits are not data (ignored)."""
    for app in data.appendices:
        for section in app.sections:
            title = plain(section.title)
            if not title or title not in old_cells:
                continue
            if section.number and section.number not in old_cells:
                continue
            new = new_cells[old_cells.index(title)]
            if new == title or not new:
                return []
            label = f"Nhóm {section.number}" if section.number else "Nhóm"
            return [Change("edit", label, section.path, "title", title, new)]
    return []


def anchor_of_parent(ind: Indicator, by_anchor, anchor: str) -> bool:
    """Whether the row of ``anchor`` is a sub-row of ``ind``."""
    other = by_anchor.get(anchor)
    return other is not None and other.path.startswith(ind.path + ".")


def _under_removed(change: Change, changes) -> bool:
    return change.kind == "remove" and any(
        c.kind == "remove" and change.path.startswith(c.path + ".") for c in changes)


def _where(t_index: int, r_index: int, c_index: int | None = None) -> str:
    cell = f", cột {c_index + 1}" if c_index is not None else ""
    return f"bảng {t_index + 1}, dòng {r_index + 1}{cell}"


def _units(text: str, data: Data, where: str) -> tuple[str, ...]:
    ids = unit_ids(text, data)
    if ids is None:
        raise EditConflict(f"{where}: “{text}” không phải tên đơn vị nào trong danh sách units "
                           "của tệp dữ liệu. Hãy dùng tên ngắn (short) hoặc tên đầy đủ của đơn "
                           "vị, cách nhau bởi dấu chấm phẩy.")
    return tuple(ids)


def _edited(ind: Indicator, old_cells, new_cells, roles, data, t_index, r_index) -> list[Change]:
    if len(old_cells) != len(new_cells):
        raise EditConflict(f"{_where(t_index, r_index)} (dòng {ind.ref}): số ô của dòng đã thay "
                           "đổi; hãy giữ nguyên các cột của bảng.")
    out = []
    for c_index, (old, new) in enumerate(zip(old_cells, new_cells)):
        role = roles.get(c_index)
        if old == new or role in (None, "number"):
            continue
        if role == "task" and ind.shares_task:
            continue
        if role in ("lead", "support"):
            ids = _units(new, data, _where(t_index, r_index, c_index))
            out.append(Change("edit", ind.ref, ind.path, role, old, new, ids=ids))
        else:
            out.append(Change("edit", ind.ref, ind.path, role, old, new))
    return out


def _added(cells, roles, data, t_index, r_index, neighbour: Indicator, position: str,
           letter: bool) -> Change:
    if letter:
        raise EditConflict(f"{_where(t_index, r_index)}: thư đơn vị có một dòng mới; thư chỉ "
                           "nhận sửa nội dung: hãy thêm dòng vào văn bản chính hoặc tệp dữ liệu.")
    values: dict = {}
    for c_index, text in enumerate(cells):
        role = roles.get(c_index)
        if role is None or role == "number" or not text:
            continue
        if role in ("lead", "support"):
            values[role] = list(_units(text, data, _where(t_index, r_index, c_index)))
        elif role.startswith("field:"):
            values.setdefault("fields", {})[role[6:]] = text
        else:
            values[role] = text
    if not values.get("name") and not values.get("task"):
        raise EditConflict(f"{_where(t_index, r_index)}: dòng mới không có tên hay nội dung "
                           "nhiệm vụ.")
    return Change("add", neighbour.ref, neighbour.path, position=position, values=values)
