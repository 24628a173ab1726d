"""The domain: a dispatch, its units and its appendix of tasks, as frozen values.

Built from data already cleaned by :mod:`congvan.data.format`. Everything the data
does not type is derived here once: section numerals (I, II…), indicator numbers
(1, 2, 3.1…), shared tasks, deadlines.
"""

from __future__ import annotations

from dataclasses import dataclass

from congvan.data.numbering import roman
from congvan.vn.deadlines import Deadline, find_deadline


@dataclass(frozen=True)
class Unit:
    """An office, a phường/xã, or a group of units."""

    id: str
    """Stable id used by every reference in the data."""
    name: str
    """Full name, as printed after Kính gửi."""
    short: str
    """Short name printed in the appendix (``Phòng VH&TT``)."""
    kind: str
    """office, commune, group or organization."""
    members: tuple[str, ...] = ()
    """Member ids of a group; empty for a group whose members are not listed."""
    path: str = ""
    """Field path of the unit in the data, for messages."""

    @property
    def is_group(self) -> bool:
        return self.kind == "group"


@dataclass(frozen=True)
class DocDate:
    """The signing date; month and day may still be blank before signing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Issuer:
    parent: str
    """Parent body line (upper case), or empty."""
    lines: tuple[str, ...]
    """Name of the issuing body, one entry per printed line."""
    short_name: str
    """Name used inside sentences (``UBND thành phố Bắc Kạn``)."""


@dataclass(frozen=True)
class Signer:
    authority: str
    """``TM. ỦY BAN NHÂN DÂN``, ``KT. CHỦ TỊCH``… or empty."""
    title: str
    name: str


@dataclass(frozen=True)
class BodyItem:
    """A body paragraph, or a numbered point with its paragraphs."""

    point: str | None
    """Title of a numbered point (number derived), or None for a plain paragraph."""
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DistributionGroup:
    label: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    """The dispatch itself (everything outside the appendix)."""

    issuer: Issuer
    number: int | None
    symbol: str
    """Ký hiệu such as ``UBND-VHTT``."""
    place: str
    date: DocDate
    subject: str
    recipients: tuple[str, ...]
    """Unit ids of Kính gửi."""
    body: tuple[BodyItem, ...]
    signer: Signer
    distribution: tuple[DistributionGroup, ...]
    archive: tuple[str, ...]
    """Entries of the ``Lưu:`` line."""


@dataclass(frozen=True)
class Indicator:
    """A row of the appendix: an indicator or sub-indicator and the task assigned for it."""

    number: str
    """Printed STT: ``1``, ``3.1``."""
    ref: str
    """Reference across the whole appendix: ``I.1``, ``VII.3.1``."""
    name: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    lead_text: str
    """Printed lead cell (derived from short names unless the data gives it)."""
    support_text: str
    task: tuple[str, ...]
    """Task paragraphs (a shared task repeats the first indicator's); may be empty."""
    shares_task: bool
    """True when this row continues the previous row's task (one merged cell)."""
    deadline: Deadline
    children: tuple["Indicator", ...]
    path: str
    """Field path in the data, for messages."""

    @property
    def has_task(self) -> bool:
        return bool(self.task) or bool(self.lead) or bool(self.support)


@dataclass(frozen=True)
class Section:
    number: str
    """Roman numeral."""
    title: str
    indicators: tuple[Indicator, ...]
    path: str


@dataclass(frozen=True)
class Appendix:
    heading: str
    title: str
    sections: tuple[Section, ...]

    def rows(self):
        """Every indicator, sub-indicators after their parent, in printed order."""
        for section in self.sections:
            yield from flatten(section.indicators)


def flatten(indicators):
    """Indicators with their sub-indicators after each, in printed order."""
    for ind in indicators:
        yield ind
        yield from flatten(ind.children)


@dataclass(frozen=True)
class LetterOptions:
    subject: str
    """Trích yếu of the unit letters; empty means derived from the dispatch."""
    closing: str


@dataclass(frozen=True)
class Data:
    """One data file, loaded and checked."""

    document: Document
    units: dict[str, Unit]
    """Registry, in data order."""
    appendix: Appendix
    letters: LetterOptions
    file: str = ""
    warnings: tuple = ()
    """Problems of severity warning found while loading."""

    @property
    def drafting_unit(self) -> str:
        """Abbreviation of the drafting unit: the part of the ký hiệu after the issuer's."""
        return drafting_unit(self.document.symbol)


def drafting_unit(symbol: str) -> str:
    """``VHTT`` of ``UBND-VHTT``: the ký hiệu's part after the issuer's abbreviation."""
    return symbol.split("-", 1)[1]


def build_data(plain: dict, file: str = "", warnings=()) -> Data:
    """The model from schema-cleaned plain data (see :mod:`congvan.data.format`).

    Raises ValueError (with the field path as ``args[1]``) for an impossible date
    in a task's text; the loader turns it into a located error.
    """
    units = {}
    for i, u in enumerate(plain["units"]):
        units.setdefault(u["id"], Unit(
            id=u["id"], name=u["name"], short=u["short"] or u["name"], kind=u["kind"],
            members=tuple(u["members"] or ()), path=f"units[{i}]"))
    doc = plain["document"]
    document = Document(
        issuer=Issuer(parent=doc["issuer"]["parent"] or "", lines=tuple(doc["issuer"]["lines"]),
                      short_name=doc["issuer"]["short_name"]),
        number=doc["number"],
        symbol=doc["symbol"],
        place=doc["place"],
        date=DocDate(*(doc["date"] or (None, None, None))),
        subject=doc["subject"],
        recipients=tuple(doc["recipients"]),
        body=tuple(BodyItem(None, (item,)) if isinstance(item, str)
                   else BodyItem(item["point"], tuple(item["paragraphs"] or ()))
                   for item in doc["body"]),
        signer=Signer(authority=doc["signer"]["authority"] or "", title=doc["signer"]["title"],
                      name=doc["signer"]["name"]),
        distribution=tuple(DistributionGroup(g["label"] or "", tuple(g["entries"]))
                           for g in doc["distribution"] or ()),
        archive=tuple(doc["archive"] or ("VT", drafting_unit(doc["symbol"]))),
    )
    app = plain["appendix"]
    sections = []
    for s_index, sec in enumerate(app["sections"]):
        numeral = roman(s_index + 1)
        path = f"appendix.sections[{s_index}]"
        sections.append(Section(
            number=numeral, title=sec["title"], path=path,
            indicators=_indicators(sec["indicators"], numeral, "", f"{path}.indicators", units)))
    letters = plain.get("letters") or {}
    return Data(
        document=document, units=units,
        appendix=Appendix(heading=app["heading"] or "PHỤ LỤC", title=app["title"],
                          sections=tuple(sections)),
        letters=LetterOptions(subject=letters.get("subject") or "",
                              closing=letters.get("closing") or ""),
        file=file, warnings=tuple(warnings))


def _indicators(items, section_ref, prefix, path, units) -> tuple[Indicator, ...]:
    out: list[Indicator] = []
    for i, item in enumerate(items):
        number = f"{prefix}{i + 1}"
        ipath = f"{path}[{i}]"
        shares = bool(item["shares_task"]) and bool(out)
        task = out[-1].task if shares else tuple(p for p in item["task"] or () if p)
        if item["deadline"] is not None:
            deadline = item["deadline"]
        elif shares:
            deadline = out[-1].deadline
        else:
            try:
                deadline = find_deadline(" ".join(task))
            except ValueError as exc:
                raise ValueError(str(exc), f"{ipath}.task") from None
        lead = tuple(item["lead"] or ())
        support = tuple(item["support"] or ())
        out.append(Indicator(
            number=number, ref=f"{section_ref}.{number}", name=item["name"],
            lead=lead, support=support,
            lead_text=item["lead_text"] or _names(lead, units),
            support_text=item["support_text"] or _names(support, units),
            task=task, shares_task=shares, deadline=deadline,
            children=_indicators(item["indicators"] or (), section_ref, f"{number}.",
                                 f"{ipath}.indicators", units),
            path=ipath))
    return tuple(out)


def _names(ids, units) -> str:
    return "; ".join(units[i].short if i in units else i for i in ids)
