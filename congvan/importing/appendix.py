"""Each appendix of an imported document as data: heading, title, columns (declared
unless they are the công văn's classic five), groups or flat rows, their numbering,
and the rows themselves (:mod:`congvan.importing.rows`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from congvan.data.numbering import letter, roman
from congvan.documents.appendix import CLASSIC_COLUMNS
from congvan.importing.markup import escape
from congvan.importing.notes import Notes
from congvan.importing.rows import Rows
from congvan.importing.tables import read_tables
from congvan.importing.units import Registry
from congvan.nd30.anatomy import Anatomy

_HEADING = re.compile(r"^(.*?)(\s+[IVXLCDM]+|\s+\d+)?$")


def _tables_of(a: Anatomy, start: int, end: int):
    out = []
    for table in a.doc.tables:
        if table.nested:
            continue
        first = min((p.index for r in table.rows for c in r.cells for p in c.paragraphs),
                    default=-1)
        if start < first < end:
            out.append(table)
    return out


def read_appendices(a: Anatomy, units: Registry, notes: Notes, *, classic_allowed: bool):
    """The appendices as data (a list of dicts)."""
    heads = [app.heading for app in a.appendices]
    ends = [h.index for h in heads[1:]] + [len(a.doc.paragraphs) + 1]
    out = []
    for n, (app, end) in enumerate(zip(a.appendices, ends), start=1):
        where = f"Phụ lục {n}" if len(heads) > 1 else "Phụ lục"
        tables = _tables_of(a, app.heading.index, end)
        read = read_tables(tables, where, notes)
        if read is None:
            notes.add(where, "không tìm thấy bảng có dòng tiêu đề cột (STT, nhiệm vụ, chủ trì…); "
                             "phụ lục này không được nhập.")
            continue
        out.append(_appendix(a, app, read, end, where, units, notes,
                             classic_allowed and len(heads) == 1))
    if not out and not heads:
        out = _body_tables(a, units, notes)
    return out


@dataclass
class _Heading:
    """Where an appendix starts when the document has no heading for it."""

    text: str
    index: int


@dataclass
class _Start:
    heading: _Heading


def _body_tables(a: Anatomy, units: Registry, notes: Notes) -> list[dict]:
    """A task table typed inside the text (no PHỤ LỤC heading): imported as an appendix,
    with a warning, since the generator prints it after the signature."""
    end = a.distribution_label.index if a.distribution_label is not None else \
        len(a.doc.paragraphs) + 1
    found = None
    for table in _tables_of(a, -1, end):
        read = read_tables([table], "Bảng trong nội dung", Notes())
        if read is not None:
            found = (table, read)
            break
    if found is None:
        return []
    table, _ = found
    first = min(p.index for r in table.rows for c in r.cells for p in c.paragraphs)
    read = read_tables(_tables_of(a, first - 1, end), "Bảng trong nội dung", notes)
    notes.add("Bảng trong nội dung", "văn bản không có tiêu đề PHỤ LỤC; bảng nhiệm vụ nằm "
                                     "trong nội dung được nhập thành phụ lục (in sau phần ký).")
    start = _Start(_Heading("PHỤ LỤC", first - 1))
    return [_appendix(a, start, read, first, "Bảng trong nội dung", units, notes, False)]


def _title(a: Anatomy, app, end: int, read) -> str:
    table_start = min((p.index for t in _tables_of(a, app.heading.index, end)
                       for r in t.rows for c in r.cells for p in c.paragraphs), default=end)
    lines = [p.text for p in a.doc.paragraphs
             if app.heading.index < p.index < table_start and p.text and p.cell is None
             and not p.text.startswith("(")]
    return " ".join(lines) or read.caption


def _appendix(a, app, read, end, where, units, notes, classic_allowed) -> dict:
    shows = [(c.show, c.title) for c in read.columns]
    classic = classic_allowed and not read.column_numbers and \
        shows == [(c.show, c.title) for c in CLASSIC_COLUMNS]
    rows = Rows(read, units, notes, rich=not classic)
    rows.read()
    classic = classic and any(s["title"] for s in rows.sections)
    out: dict = {}
    heading = _HEADING.match(app.heading.text).group(1)
    if heading != "PHỤ LỤC":
        out["heading"] = heading
    title = _title(a, app, end, read)
    if not title:
        notes.add(where, "không tìm thấy tên phụ lục; hãy sửa title.")
        title = "(Tên phụ lục)"
    out["title"] = escape(title)
    grouped = any(s["title"] for s in rows.sections)
    numerals = [n for n, s in zip(rows.numerals, rows.sections) if s["title"]]
    if grouped:
        style = _numbering_style(numerals)
        if style is None:
            notes.add(where, f"số các nhóm ({', '.join(numerals)}) không theo I, II… hay A, "
                             "B…; được đánh lại I, II….")
        elif style != "roman":
            out["group_numbering"] = style
    if grouped and _continuous(rows):
        out["numbering"] = "continuous"
    if read.column_numbers:
        out["column_numbers"] = True
    if not classic:
        out["columns"] = _columns(read, rows)
    if rows.bad_deadlines:
        _deadlines_as_field(out, rows, notes)
    _check_numbers(rows, out.get("numbering") == "continuous", notes)
    if grouped:
        sections = rows.sections
        if not sections[0]["title"]:
            notes.add(where, "có dòng trước dòng nhóm đầu tiên; các dòng đó được đặt vào một "
                             "nhóm «(Chưa có tên nhóm)».")
            sections[0]["title"] = "(Chưa có tên nhóm)"
        out["sections"] = [s for s in sections if s["indicators"] or _note_empty(s, where, notes)]
    else:
        out["rows"] = [r for s in rows.sections for r in s["indicators"]]
    if not out.get("sections") and not out.get("rows"):
        notes.add(where, "bảng không có dòng nhiệm vụ nào.")
    return out


def _numbering_style(numerals: list[str]) -> str | None:
    if not any(numerals):
        return "none"
    count = range(1, len(numerals) + 1)
    if numerals == [roman(n) for n in count]:
        return "roman"
    if numerals == [letter(n) for n in count]:
        return "letter"
    return None


def _note_empty(section, where, notes) -> bool:
    notes.add(where, f"nhóm «{section['title']}» không có dòng nào; đã bỏ.")
    return False


def _continuous(rows: Rows) -> bool:
    tops = [[n for n, _, r in rows.numbers if r in s["indicators"] and n]
            for s in rows.sections if s["indicators"]]
    return len(tops) > 1 and tops[1][:1] not in (["1"], []) and tops[0] and \
        tops[1][0] == str(len(rows.sections[0]["indicators"]) + 1)


def _columns(read, rows: Rows) -> list[dict]:
    out = []
    for i, c in enumerate(read.columns):
        col = {"show": c.show, "title": escape(c.title), "width": c.width}
        if c.show == "field":
            col["key"] = c.key
        if i in rows.merge_columns and c.show != "task":
            col["merge"] = True
        out.append(col)
    return out


def _deadlines_as_field(out: dict, rows: Rows, notes: Notes) -> None:
    """A deadline column with a cell the deadline reader does not understand is kept as a
    column of its own: its text prints as it was, and no deadline is derived from it."""
    where = ", ".join(rows.bad_deadlines[:3]) + ("…" if len(rows.bad_deadlines) > 3 else "")
    notes.add(where, "thời hạn không đọc được theo các dạng congvan hiểu; cột thời hạn được "
                     "nhập thành cột tự đặt (khóa thoi-gian), không tính hạn cho thư đơn vị.")
    for col in out.get("columns", []):
        if col["show"] == "deadline":
            col["show"], col["key"] = "field", "thoi-gian"
    for _, _, row in rows.numbers:
        if "deadline" in row:
            row.setdefault("fields", {})["thoi-gian"] = row.pop("deadline")


def _check_numbers(rows: Rows, continuous: bool, notes: Notes) -> None:
    counter = 0
    for section in rows.sections:
        if not continuous:
            counter = 0
        for row in section["indicators"]:
            counter += 1
            _check_row(rows, row, str(counter), notes)


def _check_row(rows: Rows, row: dict, expected: str, notes: Notes) -> None:
    found = next(((n, w) for n, w, r in rows.numbers if r is row), ("", ""))
    if found[0] and found[0] != expected:
        notes.add(found[1], f"số thứ tự «{found[0]}» sẽ được đánh lại là «{expected}».")
    for i, child in enumerate(row.get("indicators", []), start=1):
        _check_row(rows, child, f"{expected}.{i}", notes)
