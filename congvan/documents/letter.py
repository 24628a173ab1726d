"""The task letter sent to one unit: its lead and coordinated tasks, cited by number."""

from __future__ import annotations

from congvan.data.model import Data, Unit
from congvan.data.units import LEAD, Assignment
from congvan.documents.common import (closing_text, core_properties, dispatch_reference,
                                      distribution, header, recipients)
from congvan.vn.number_date import number_line, number_text


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
        **header(doc),
        "number_line": number_line(None, doc.symbol),
        "subject": subject,
        **recipients([unit.name]),
        "body": [],
        "distribution": distribution([("", ("Như trên",))], doc.archive),
        "core": core_properties(doc, f"{subject} — {unit.name}"),
    }
    letter = {
        "unit_name": unit.name,
        "intro": intro,
        "lead_heading": heading("Nhiệm vụ chủ trì thực hiện") if lead_rows else "",
        "lead_rows": lead_rows,
        "support_heading": heading("Nhiệm vụ phối hợp thực hiện") if support_rows else "",
        "support_rows": support_rows,
        "closing": closing_text(closing),
    }
    return {"doc": ctx_doc, "letter": letter}
