"""``diff_data(old, new)``: what changed between two versions of a data file.

Tasks (appendix rows) are matched across versions by a stable key, the section
title and the indicator name path (``NHẬN THỨC SỐ / Tần suất…``), never by their
printed number: inserting a row renumbers every later row, and those rows are
reported as renumbered, not as removed and added again. A key shared by several
rows gets the row's ref appended; such rows, and rows whose name or section was
edited, are then paired by their task text or name.

Assignments are compared after group expansion (one role per unit and task),
and a unit's letter is compared through everything it prints (its template
context), so the report names exactly the letters a rebuild would change.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from congvan.builder.filenames import letter_paths
from congvan.data.model import Data, DocDate, Indicator
from congvan.data.units import LEAD, SUPPORT, assignments
from congvan.diff.report import (ADD, CHANGED, DELETED, DOCUMENT_FIELDS, MOVE, NEW, PARAGRAPH, REMOVE,
                                 ROLE_NAMES, TASK_FIELDS, DataDiff, FieldChange, LetterChange,
                                 RoleChange, TaskChange, TaskEntry)
from congvan.documents.letter import letter_context


# --- word diff -----------------------------------------------------------------------------

def words(paragraphs) -> list[str]:
    """The words of a text given as paragraphs, :data:`PARAGRAPH` between paragraphs."""
    out: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i:
            out.append(PARAGRAPH)
        out.extend(paragraph.split())
    return out


def word_diff(old: list[str], new: list[str]) -> str:
    """``git diff --word-diff`` style: ``a [-b-]{+c+} d``."""
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.extend(old[i1:i2])
            continue
        mark = ""
        if i2 > i1:
            mark += "[-" + " ".join(old[i1:i2]) + "-]"
        if j2 > j1:
            mark += "{+" + " ".join(new[j1:j2]) + "+}"
        parts.append(mark)
    return " ".join(parts)


def _ratio(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()


# --- rows and matching ---------------------------------------------------------------------

@dataclass(frozen=True)
class _Row:
    """An appendix row with what matching needs."""

    key: str
    """Stable key (ref appended when the name path is not unique)."""
    unique: bool
    """False when several rows share the name path."""
    section: str
    """Section title."""
    owner: str
    """Ref of the row whose task this row shares (its own ref when not shared)."""
    ind: Indicator
    """The indicator itself."""


def _rows(data: Data) -> list[_Row]:
    """Every appendix row in printed order, with its stable key."""
    found: list[tuple[str, str, str, Indicator]] = []

    def walk(indicators, section: str, names: tuple[str, ...]) -> None:
        owner = ""
        for ind in indicators:
            owner = owner if ind.shares_task and owner else ind.ref
            path = " / ".join((section, *names, ind.name))
            found.append((path, section, owner, ind))
            walk(ind.children, section, (*names, ind.name))

    for section in data.appendix.sections:
        walk(section.indicators, section.title, ())
    counts: dict[str, int] = {}
    for path, *_ in found:
        counts[path] = counts.get(path, 0) + 1
    return [_Row(path if counts[path] == 1 else f"{path} ({ind.ref})", counts[path] == 1,
                 section, owner, ind) for path, section, owner, ind in found]


def _match(old: list[_Row], new: list[_Row]) -> list[tuple[_Row, _Row]]:
    """Pairs (old row, new row) of the same task, in new order."""
    by_key = {r.key: r for r in old if r.unique}
    pairs = {id(n): by_key[n.key] for n in new if n.unique and n.key in by_key}
    taken = {id(o) for o in pairs.values()}
    rest_old = [o for o in old if id(o) not in taken]
    rest_new = [n for n in new if id(n) not in pairs]
    for score, i, j in sorted(_candidates(rest_old, rest_new), key=lambda c: (-c[0], c[1], c[2])):
        o, n = rest_old[i], rest_new[j]
        if id(o) not in taken and id(n) not in pairs:
            pairs[id(n)] = o
            taken.add(id(o))
    return [(pairs[id(n)], n) for n in new if id(n) in pairs]


def _candidates(old: list[_Row], new: list[_Row]):
    """(score, old index, new index) of rows that are likely one task edited."""
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            score = _likeness(o, n)
            if score > 0:
                yield score, i, j


def _likeness(o: _Row, n: _Row) -> float:
    """How surely two unmatched rows are one task; 0 when they are not."""
    same_task = bool(o.ind.task) and o.ind.task == n.ind.task
    same_name = o.ind.name == n.ind.name
    name_ratio = _ratio(o.ind.name.split(), n.ind.name.split())
    similar = (o.section == n.section and name_ratio >= 0.75
               and _ratio(words(o.ind.task), words(n.ind.task)) >= 0.5)
    if not (same_task or same_name or similar):
        return 0.0
    return (3 * same_task + 2 * same_name + (o.section == n.section)
            + (o.ind.ref == n.ind.ref) / 2 + name_ratio)


# --- task fields ---------------------------------------------------------------------------

def _task_changes(o: _Row, n: _Row, owners_match: bool, moved_roles: set[str]) -> list[TaskChange]:
    """Fields of one task that differ; a shared task's inherited text is reported once."""
    a, b = o.ind, n.ind
    inherited = owners_match and a.shares_task and b.shares_task
    values = [
        ("section", o.section, n.section),
        ("name", a.name, b.name),
        ("ref", a.ref, b.ref),
        ("shares_task", a.shares_task, b.shares_task),
    ]
    if not inherited:
        values.append(("task", a.task, b.task))
        values.append(("deadline", a.deadline.label(), b.deadline.label()))
    if LEAD not in moved_roles:
        values.append(("lead_text", a.lead_text, b.lead_text))
    if SUPPORT not in moved_roles:
        values.append(("support_text", a.support_text, b.support_text))
    out = []
    for field, old, new in values:
        if old == new:
            continue
        diff = ""
        if field == "task":
            diff = word_diff(words(old), words(new))
            old, new = " ".join(words(old)), " ".join(words(new))
        out.append(TaskChange(b.ref, a.ref, n.key, field, TASK_FIELDS[field], old, new, diff))
    return out


# --- assignments ---------------------------------------------------------------------------

def _roles_by_task(data: Data) -> dict[str, dict[str, str]]:
    """Ref → {unit id: role}, groups expanded."""
    out: dict[str, dict[str, str]] = {}
    for uid, tasks in assignments(data).items():
        for a in tasks:
            out.setdefault(a.indicator.ref, {})[uid] = a.role
    return out


def _shorts(ids, data: Data) -> str:
    return ", ".join(data.units[u].short if u in data.units else u for u in ids)


def _role_changes(o: _Row, n: _Row, old: Data, new: Data,
                  old_roles: dict, new_roles: dict) -> list[RoleChange]:
    before = old_roles.get(o.ind.ref, {})
    after = new_roles.get(n.ind.ref, {})
    out = []
    for role in (LEAD, SUPPORT):
        had = [u for u, r in before.items() if r == role]
        has = [u for u, r in after.items() if r == role]
        lost = tuple(u for u in had if u not in has)
        gained = tuple(u for u in has if u not in had)
        if not (lost or gained):
            continue
        name = ROLE_NAMES[role]
        if lost and gained:
            action = MOVE
            text = f"{name} chuyển từ {_shorts(lost, old)} sang {_shorts(gained, new)}"
        elif gained:
            action, text = ADD, f"thêm {name}: {_shorts(gained, new)}"
        else:
            action, text = REMOVE, f"bỏ {name}: {_shorts(lost, old)}"
        out.append(RoleChange(n.ind.ref, n.key, role, action, lost, gained,
                              f"{n.ind.ref}: {text}"))
    return out


# --- document ------------------------------------------------------------------------------

def _date_text(d: DocDate) -> str:
    """The date as the data writes it: ``2023-09-05``, ``2023-09``, ``2023`` or empty."""
    parts = [f"{d.year}" if d.year else "", f"{d.month:02d}" if d.month else "",
             f"{d.day:02d}" if d.day else ""]
    return "-".join(p for p in parts if p)


def _body_text(item) -> str:
    paragraphs = " ¶ ".join(item.paragraphs)
    return f"{item.point}: {paragraphs}" if item.point is not None else paragraphs


def _document_values(data: Data) -> dict[str, str]:
    """Document-level fields (except body) as text, by data path."""
    doc = data.document
    return {
        "document.issuer.parent": doc.issuer.parent,
        "document.issuer.lines": "; ".join(doc.issuer.lines),
        "document.issuer.short_name": doc.issuer.short_name,
        "document.number": "" if doc.number is None else str(doc.number),
        "document.symbol": doc.symbol,
        "document.place": doc.place,
        "document.date": _date_text(doc.date),
        "document.subject": doc.subject,
        "document.recipients": ", ".join(doc.recipients),
        "document.signer.authority": doc.signer.authority,
        "document.signer.title": doc.signer.title,
        "document.signer.name": doc.signer.name,
        "document.distribution": " | ".join(
            f"{g.label} {'; '.join(g.entries)}".strip() for g in doc.distribution),
        "document.archive": ", ".join(doc.archive),
        "appendix.heading": data.appendix.heading,
        "appendix.title": data.appendix.title,
        "letters.subject": data.letters.subject,
        "letters.closing": data.letters.closing,
    }


def _body_changes(old: Data, new: Data) -> list[FieldChange]:
    """Body items that differ, aligned so an inserted paragraph is one change."""
    a = [_body_text(i) for i in old.document.body]
    b = [_body_text(i) for i in new.document.body]
    out = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            index = j if j < j2 else i
            out.append(FieldChange(f"document.body[{index}]", f"nội dung, đoạn {index + 1}",
                                   a[i] if i < i2 else "", b[j] if j < j2 else ""))
    return out


def _document_changes(old: Data, new: Data) -> list[FieldChange]:
    before, after = _document_values(old), _document_values(new)
    out = []
    for field, label in DOCUMENT_FIELDS.items():
        if before[field] != after[field]:
            out.append(FieldChange(field, label, before[field], after[field]))
        if field == "document.recipients":
            out.extend(_body_changes(old, new))
    return out


# --- letters -------------------------------------------------------------------------------

def _letters(data: Data) -> dict[str, dict]:
    """Unit id → everything its letter prints, for units that receive a letter."""
    return {uid: letter_context(data, data.units[uid], tasks)
            for uid, tasks in assignments(data).items()}


def _letter_changes(old: Data, new: Data) -> list[LetterChange]:
    before, after = _letters(old), _letters(new)
    old_paths, new_paths = letter_paths(old), letter_paths(new)
    out = []
    for uid, context in after.items():
        unit = new.units[uid]
        if uid not in before:
            out.append(LetterChange(uid, unit.name, new_paths[uid], NEW))
        elif context != before[uid] or old_paths[uid] != new_paths[uid]:
            moved = old_paths[uid] if old_paths[uid] != new_paths[uid] else ""
            out.append(LetterChange(uid, unit.name, new_paths[uid], CHANGED, moved))
    for uid in before:
        if uid not in after:
            out.append(LetterChange(uid, old.units[uid].name, old_paths[uid], DELETED))
    return out


# --- entry point ---------------------------------------------------------------------------

def diff_data(old: Data, new: Data) -> DataDiff:
    """Every difference between two loaded data files (see :class:`DataDiff`)."""
    old_rows, new_rows = _rows(old), _rows(new)
    pairs = _match(old_rows, new_rows)
    matched_old = {id(o) for o, _ in pairs}
    matched_new = {id(n) for _, n in pairs}
    ref_map = {o.ind.ref: n.ind.ref for o, n in pairs}
    old_roles, new_roles = _roles_by_task(old), _roles_by_task(new)
    changed: list[TaskChange] = []
    moved: list[RoleChange] = []
    for o, n in pairs:
        moves = _role_changes(o, n, old, new, old_roles, new_roles)
        owners_match = ref_map.get(o.owner) == n.owner
        changed += _task_changes(o, n, owners_match, {m.role for m in moves})
        moved += moves
    return DataDiff(
        added=tuple(TaskEntry(n.ind.ref, n.key, n.ind.name)
                    for n in new_rows if id(n) not in matched_new),
        removed=tuple(TaskEntry(o.ind.ref, o.key, o.ind.name)
                      for o in old_rows if id(o) not in matched_old),
        changed=tuple(changed),
        moved=tuple(moved),
        document=tuple(_document_changes(old, new)),
        letters=tuple(_letter_changes(old, new)),
    )
