"""What the templates see: every printed string derived here, once.

Templates never number, join or punctuate; see ``docs/templates.md`` for the
variables. Values are plain strings; escaping is the renderer's job.
"""

from __future__ import annotations

import datetime

from .dates import date_text, number_line, number_text, place_date
from .model import Data, Document, Unit, flatten
from .units import LEAD, Assignment


def _list_lines(items) -> list[str]:
    """``- a;`` … ``- z.``: Kính gửi and Nơi nhận punctuation."""
    items = [i.rstrip(" ;.") for i in items]
    return [f"- {item}{'.' if n == len(items) - 1 else ';'}" for n, item in enumerate(items)]


def _closing(text: str) -> str:
    """A dispatch's text ends with ``./.``."""
    text = text.rstrip()
    if text.endswith("./."):
        return text
    return text.rstrip(".") + "./."


def dispatch_reference(data: Data) -> str:
    """``Công văn số      /UBND-VHTT ngày    tháng 9 năm 2023 của UBND thành phố Bắc Kạn``."""
    doc = data.document
    return (f"Công văn số {number_text(doc.number)}/{doc.symbol} {date_text(doc.date)} "
            f"của {doc.issuer.short_name}")


def _core(doc: Document, title: str) -> dict:
    """File properties; the date is the document's own, never the clock's."""
    d = doc.date
    date = datetime.date(d.year, d.month or 1, d.day or 1) if d.year else None
    return {"title": title, "author": doc.issuer.short_name, "subject": doc.subject, "date": date}


def _header(doc: Document) -> dict:
    """The parts of ``doc`` every document of this issuer shares."""
    return {
        "issuer_parent": doc.issuer.parent,
        "issuer_lines": list(doc.issuer.lines),
        "place_date": place_date(doc.place, doc.date),
        "signer": {"authority": doc.signer.authority, "title": doc.signer.title,
                   "name": doc.signer.name},
    }


def _recipients(names: list[str]) -> dict:
    if len(names) == 1:
        return {"recipient_single": names[0].rstrip(" ;.") + ".", "recipient_lines": []}
    return {"recipient_single": "", "recipient_lines": _list_lines(names)}


def _distribution(groups, archive, drafting: str) -> list[dict]:
    """Nơi nhận groups; ``- Lưu: VT, VHTT.`` closes the last one."""
    out = [{"label": label, "entries": list(entries)} for label, entries in groups]
    lưu = "Lưu: " + ", ".join(archive or ("VT", drafting))
    if out:
        out[-1]["entries"].append(lưu)
    else:
        out.append({"label": "", "entries": [lưu]})
    flat = _list_lines([e for g in out for e in g["entries"]])
    result, start = [], 0
    for g in out:
        result.append({"label": g["label"], "lines": flat[start:start + len(g["entries"])]})
        start += len(g["entries"])
    return result


def dispatch_context(data: Data) -> dict:
    doc = data.document
    body, point = [], 0
    for item in doc.body:
        if item.point is not None:
            point += 1
            body.append({"text": f"{point}. {item.point}", "heading": True})
        body += [{"text": p, "heading": False} for p in item.paragraphs]
    body[-1] = {**body[-1], "text": _closing(body[-1]["text"])}
    ctx_doc = {
        **_header(doc),
        "number_line": number_line(doc.number, doc.symbol),
        "subject": doc.subject,
        **_recipients([data.units[r].name for r in doc.recipients]),
        "body": body,
        "distribution": _distribution(((g.label, g.entries) for g in doc.distribution),
                                      doc.archive, data.drafting_unit),
        "core": _core(doc, doc.subject),
    }
    sections = []
    for section in data.appendix.sections:
        blocks: list[dict] = []
        for ind in flatten(section.indicators):
            row = {"number": ind.number, "name": ind.name, "lead": ind.lead_text,
                   "support": ind.support_text}
            if ind.shares_task and blocks:
                blocks[-1]["rows"].append(row)
            else:
                blocks.append({"rows": [row], "paragraphs": list(ind.task) or [""]})
        sections.append({"number": section.number, "title": section.title, "blocks": blocks})
    appendix = {
        "heading": data.appendix.heading,
        "title": data.appendix.title,
        "reference": f"(Ban hành kèm theo {dispatch_reference(data)})",
        "sections": sections,
    }
    return {"doc": ctx_doc, "appendix": appendix}


def _in_sentence(name: str) -> str:
    """A unit name inside a sentence: "Các đoàn thể…" is a common noun there ("các đoàn thể");
    proper names (Phòng Nội vụ, Ủy ban nhân dân phường …) keep their capitals."""
    return "các" + name[3:] if name.startswith("Các ") else name


def letter_subject(data: Data) -> str:
    if data.letters.subject:
        return data.letters.subject
    doc = data.document
    return f"V/v thực hiện nhiệm vụ được giao tại Công văn số {number_text(doc.number)}/{doc.symbol}"


def letter_context(data: Data, unit: Unit, tasks: list[Assignment]) -> dict:
    """The task letter of one unit: its lead tasks (table 1) and coordinated tasks (table 2)."""
    doc = data.document
    lead_rows, support_rows = [], []
    for a in tasks:
        ind = a.indicator
        row = {"stt": ind.ref, "indicator": ind.name, "paragraphs": list(ind.task) or [""],
               "deadline": ind.deadline.label()}
        if a.role == LEAD:
            lead_rows.append({**row, "support": ind.support_text})
        else:
            support_rows.append({**row, "lead": ind.lead_text})
    about = doc.subject
    if about.startswith("V/v "):
        about = "về việc " + about[4:]
    intro = (f"Thực hiện {dispatch_reference(data)} {about}, {doc.issuer.short_name} đề nghị "
             f"{_in_sentence(unit.name)} triển khai thực hiện các nhiệm vụ sau:")
    closing = data.letters.closing or (
        f"Đề nghị {_in_sentence(unit.name)} triển khai thực hiện đúng thời hạn, "
        "báo cáo kết quả theo yêu cầu.")
    numbered = 0

    def heading(text: str) -> str:
        nonlocal numbered
        numbered += 1
        return f"{numbered}. {text}"

    subject = letter_subject(data)
    ctx_doc = {
        **_header(doc),
        "number_line": number_line(None, doc.symbol),
        "subject": subject,
        **_recipients([unit.name]),
        "body": [],
        "distribution": _distribution([("", ("Như trên",))], doc.archive, data.drafting_unit),
        "core": _core(doc, f"{subject} — {unit.name}"),
    }
    letter = {
        "unit_name": unit.name,
        "intro": intro,
        "lead_heading": heading("Nhiệm vụ chủ trì thực hiện") if lead_rows else "",
        "lead_rows": lead_rows,
        "support_heading": heading("Nhiệm vụ phối hợp thực hiện") if support_rows else "",
        "support_rows": support_rows,
        "closing": _closing(closing),
    }
    return {"doc": ctx_doc, "letter": letter}
