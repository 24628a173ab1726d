"""Numbers the data never types: group numerals (I, II… or A, B…), row numbers (1, 2, 3.1…,
restarting per group or continuous), and the appendices built with them.

A row's ``ref`` is how letters cite it: the numbers the document itself prints
(``II.3`` when rows restart under each group, ``14`` when they run on, ``3`` in a
flat appendix), with the appendix named when several appendices hold rows.
"""

from __future__ import annotations

from congvan.data.kinds import COLUMN_TITLES, DEFAULT_ALIGN
from congvan.data.model import Appendix, Column, Indicator, Section, Unit
from congvan.vn.deadlines import find_deadline

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def letter(n: int) -> str:
    """``A``, ``B``, … ``Z``, ``AA``: groups numbered by letters."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def group_numeral(n: int, style: str) -> str:
    return {"roman": roman, "letter": letter}.get(style, lambda _: "")(n)


def build_appendices(plain: dict, units: dict[str, Unit]) -> tuple[Appendix, ...]:
    """Every appendix of the data (``appendix:`` is the one-appendix form of ``appendices:``)."""
    if plain.get("appendices"):
        raw = [(a, f"appendices[{i}]") for i, a in enumerate(plain["appendices"])]
    elif plain.get("appendix"):
        raw = [(plain["appendix"], "appendix")]
    else:
        raw = []
    several = len(raw) > 1
    with_rows = sum(1 for a, _ in raw if a.get("sections") or a.get("rows")) > 1
    out = []
    for index, (app, path) in enumerate(raw):
        numeral = roman(index + 1)
        suffix = f" (PL {numeral})" if with_rows else ""
        heading = app.get("heading") or "PHỤ LỤC"
        if several and heading.upper() == "PHỤ LỤC":  # the numeral is derived, like numbers
            heading = f"{heading} {numeral}"
        out.append(_appendix(app, path, heading, suffix, units))
    return tuple(out)


def _appendix(app: dict, path: str, heading: str, suffix: str, units) -> Appendix:
    style = app.get("group_numbering") or "roman"
    continuous = app.get("numbering") == "continuous"
    counter = [0]
    sections = []
    if app.get("rows"):
        sections.append(Section("", "", _rows(app["rows"], "", f"{path}.rows", units, counter,
                                              suffix), f"{path}.rows"))
    for s_index, sec in enumerate(app.get("sections") or ()):
        numeral = group_numeral(s_index + 1, style)
        spath = f"{path}.sections[{s_index}]"
        if not continuous:
            counter = [0]
        # per-group numbers repeat, so the group's numeral (or position) qualifies them
        qualifier = "" if continuous else (numeral or roman(s_index + 1)) + "."
        sections.append(Section(numeral, sec["title"], _rows(
            sec["indicators"], qualifier, f"{spath}.indicators", units, counter, suffix), spath))
    return Appendix(
        heading=heading, title=app["title"], sections=tuple(sections),
        columns=tuple(_column(c) for c in app.get("columns") or ()),
        column_numbers=bool(app.get("column_numbers")), flat=bool(app.get("rows")),
        orientation=app.get("orientation") or ("portrait" if app.get("form") == "list"
                                               else "landscape"),
        form=app.get("form") or "table")


def _column(col: dict) -> Column:
    show = col["show"]
    merge = col.get("merge")
    return Column(show=show, title=col.get("title") or COLUMN_TITLES[show],
                  width=col.get("width") or 10, align=col.get("align") or DEFAULT_ALIGN[show],
                  merge=(show == "task") if merge is None else merge, key=col.get("key") or "")


def _rows(items, qualifier, path, units, counter, suffix, prefix="") -> tuple[Indicator, ...]:
    """Rows with their numbers; ``counter`` carries the top-level count across groups when
    numbering is continuous; sub-rows are numbered under their parent (``3.1``)."""
    out: list[Indicator] = []
    for i, item in enumerate(items):
        if prefix:
            number = f"{prefix}{i + 1}"
        else:
            counter[0] += 1
            number = str(counter[0])
        ipath = f"{path}[{i}]"
        shares = bool(item["shares_task"]) and bool(out)
        task = out[-1].task if shares else tuple(p for p in item["task"] or () if p)
        if item["deadline"] is not None:
            deadline = item["deadline"]
            written = deadline.phrase
        elif shares:
            deadline, written = out[-1].deadline, out[-1].deadline_text
        else:
            try:
                deadline = find_deadline(" ".join(task))
            except ValueError as exc:
                raise ValueError(str(exc), f"{ipath}.task") from None
            written = deadline.phrase[:1].upper() + deadline.phrase[1:]
        lead = tuple(item["lead"] or ())
        support = tuple(item["support"] or ())
        out.append(Indicator(
            number=number, ref=f"{qualifier}{number}{suffix}", name=item["name"],
            lead=lead, support=support,
            lead_text=item["lead_text"] or _names(lead, units),
            support_text=item["support_text"] or _names(support, units),
            task=task, shares_task=shares, deadline=deadline,
            children=_rows(item["indicators"] or (), qualifier, f"{ipath}.indicators", units,
                           counter, suffix, f"{number}."),
            path=ipath, deadline_text=written, deadline_given=item["deadline"] is not None,
            result=item.get("result") or "",
            note=item.get("note") or "", fields=tuple((item.get("fields") or {}).items())))
    return tuple(out)


def _names(ids, units) -> str:
    return "; ".join(units[i].short if i in units else i for i in ids)
