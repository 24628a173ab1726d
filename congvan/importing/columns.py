"""Finding an appendix table's header row by its column titles, whatever their wording
and order (``Đơn vị chủ trì``, ``Cơ quan chủ trì thực hiện``, ``Chủ trì``…), across a
two-row header (``Đơn vị thực hiện`` over ``Chủ trì`` | ``Phối hợp``), and the
column-number row ``(1) (2) (3)`` under it. A column whose title names nothing the
data format knows becomes a declared column of its own (``show: field``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from congvan.vn.slug import slugify
from congvan.vn.text import fold

_PATTERNS = (
    ("number", re.compile(r"^(stt|tt|so tt|so thu tu|thu tu)$")),
    ("support", re.compile(r"phoi hop")),
    ("lead", re.compile(r"chu tri|^(don vi|co quan)( thuc hien| giao)?$")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|^han\b|han hoan thanh|han thuc hien")),
    ("result", re.compile(r"ket qua|san pham")),
    ("note", re.compile(r"ghi chu")),
    ("name", re.compile(r"chi so|nhiem vu|noi dung|cong viec|chi tieu|de an|danh muc|"
                        r"hoat dong|giai phap|^ten\b")),
)
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


@dataclass
class TableColumn:
    grid: int
    """Grid column of the table it is read from."""
    show: str
    title: str
    key: str = ""
    width: int = 10


def classify(title: str) -> str | None:
    """What a column titled ``title`` shows, or None when the title names nothing known."""
    folded = fold(title).strip(" :.")
    folded = re.sub(r"\s+", " ", folded)
    for show, pattern in _PATTERNS:
        if pattern.search(folded):
            return show
    return None


def is_column_numbers(texts: list[str]) -> bool:
    """``(1) (2) (3)…`` or ``1 2 3…``: the numbers of the columns, in order."""
    values = [t for t in texts if t]
    if len(values) < 2:
        return False
    numbers = []
    for t in values:
        m = _COLUMN_NUMBER.match(t)
        if m is None:
            return False
        numbers.append(int(m.group(1)))
    return numbers == list(range(1, len(numbers) + 1))


def header_columns(titles: dict[int, str], grid: list[int]) -> list[TableColumn] | None:
    """The columns of a header row (grid column → title), or None when the titles do not
    read as the header of a task table (at least a name or lead column, and two known)."""
    shows = {g: classify(t) for g, t in titles.items() if t}
    known = [s for s in shows.values() if s]
    if len(known) < 2 or not ({"name", "lead"} & set(known)):
        return None
    columns, used, keys = [], set(), set()
    total = sum(grid) or 1
    for g in sorted(titles):
        title = titles[g]
        if not title:
            continue
        show = shows[g]
        if show == "name" and "name" in used:
            show = "task"
        if show in used or show is None:
            show = "field"
        used.add(show)
        key = ""
        if show == "field":
            key, n = slugify(title), 1
            while key in keys:
                n += 1
                key = f"{slugify(title)}-{n}"
            keys.add(key)
        width = max(1, round(100 * (grid[g] if g < len(grid) else 0) / total))
        columns.append(TableColumn(g, show, title, key, width))
    return columns
