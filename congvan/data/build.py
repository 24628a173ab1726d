"""The model built from schema-cleaned data: the document, its units, its appendices."""

from __future__ import annotations

from congvan.data.kinds import KINDS, base_symbol, full_symbol
from congvan.data.model import (Data, DistributionGroup, DocDate, Document, Issuer,
                                LetterOptions, Signer, BodyItem, Unit, drafting_unit)
from congvan.data.numbering import build_appendices


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
    kind = KINDS[doc.get("type") or "cong-van"]
    base = base_symbol(kind, doc["symbol"])
    signer = doc["signer"]
    lines = tuple(signer.get("lines") or (l for l in (signer["authority"], signer["title"]) if l))
    document = Document(
        issuer=Issuer(parent=doc["issuer"]["parent"] or "", lines=tuple(doc["issuer"]["lines"]),
                      short_name=doc["issuer"]["short_name"]),
        number=doc["number"],
        symbol=full_symbol(kind, doc["symbol"]),
        place=doc["place"],
        date=DocDate(*(doc["date"] or (None, None, None))),
        subject=doc["subject"],
        recipients=tuple(doc["recipients"] or ()),
        body=tuple(_body_item(item) for item in doc["body"] or ()),
        signer=Signer(authority=" / ".join(lines[:-1]), title=lines[-1] if lines else "",
                      name=signer["name"], lines=lines),
        distribution=tuple(DistributionGroup(g["label"] or "", tuple(g["entries"]))
                           for g in doc["distribution"] or ()),
        archive=tuple(doc["archive"] or ("VT", *filter(None, [drafting_unit(base)]))),
        kind=kind,
        authority=doc.get("authority") or "",
        bases=tuple(doc.get("bases") or ()),
        proposal=doc.get("proposal") or "",
        articles=tuple(_article(a) for a in doc.get("articles") or ()),
    )
    letters = plain.get("letters") or {}
    return Data(
        document=document, units=units,
        appendices=build_appendices(plain, units),
        letters=LetterOptions(subject=letters.get("subject") or "",
                              closing=letters.get("closing") or "",
                              symbol=letters.get("symbol") or base),
        file=file, warnings=tuple(warnings))


def _body_item(item) -> BodyItem:
    if isinstance(item, str):
        return BodyItem(None, (item,))
    return BodyItem(item["point"], tuple(item["paragraphs"] or ()),
                    tuple(_body_item(child) for child in item.get("points") or ()))


def _article(item) -> tuple[str, ...]:
    if isinstance(item, str):
        return (item,)
    return (item["text"], *(item["paragraphs"] or ()))
