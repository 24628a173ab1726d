"""What every document's context shares: header, Số, Kính gửi, Nơi nhận, file properties.

Templates never number, join or punctuate: every printed string is derived in
this package, once (see ``docs/templates.md`` for the variables). Values are
plain strings; escaping is the renderer's job.
"""

from __future__ import annotations

import datetime

from congvan.data.model import Data, Document
from congvan.vn.number_date import date_text, number_text, place_date


def list_lines(items) -> list[str]:
    """``- a;`` … ``- z.``: Kính gửi and Nơi nhận punctuation."""
    items = [i.rstrip(" ;.") for i in items]
    return [f"- {item}{'.' if n == len(items) - 1 else ';'}" for n, item in enumerate(items)]


def closing_text(text: str) -> str:
    """A dispatch's text ends with ``./.``."""
    text = text.rstrip()
    if text.endswith("./."):
        return text
    return text.rstrip(".") + "./."


def dispatch_reference(data: Data) -> str:
    """``Công văn số      /UBND-VHTT ngày    tháng 9 năm 2023 của UBND thành phố Bắc Kạn``;
    ``Kế hoạch số …/KH-UBND …`` for a plan: the document by its type, number and date."""
    doc = data.document
    return (f"{doc.kind.sentence} số {number_text(doc.number)}/{doc.symbol} "
            f"{date_text(doc.date)} của {doc.issuer.short_name}")


def core_properties(doc: Document, title: str) -> dict:
    """File properties; the date is the document's own, never the clock's."""
    d = doc.date
    date = datetime.date(d.year, d.month or 1, d.day or 1) if d.year else None
    return {"title": title, "author": doc.issuer.short_name, "subject": doc.subject, "date": date}


def header(doc: Document) -> dict:
    """The parts of ``doc`` every document of this issuer shares."""
    return {
        "issuer_parent": doc.issuer.parent,
        "issuer_lines": list(doc.issuer.lines),
        "place_date": place_date(doc.place, doc.date),
        "signer": {"authority": doc.signer.authority, "title": doc.signer.title,
                   "name": doc.signer.name, "lines": list(doc.signer.lines)},
    }


def recipients(names: list[str]) -> dict:
    if len(names) == 1:
        return {"recipient_single": names[0].rstrip(" ;.") + ".", "recipient_lines": []}
    return {"recipient_single": "", "recipient_lines": list_lines(names)}


def distribution(groups, archive) -> list[dict]:
    """Nơi nhận groups; ``- Lưu: VT, VHTT.`` (the document's ``archive``) closes the last one."""
    out = [{"label": label, "entries": list(entries)} for label, entries in groups]
    lưu = "Lưu: " + ", ".join(archive)
    if out:
        out[-1]["entries"].append(lưu)
    else:
        out.append({"label": "", "entries": [lưu]})
    flat = list_lines([e for g in out for e in g["entries"]])
    result, start = [], 0
    for g in out:
        result.append({"label": g["label"], "lines": flat[start:start + len(g["entries"])]})
        start += len(g["entries"])
    return result


