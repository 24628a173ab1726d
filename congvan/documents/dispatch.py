"""The dispatch (công văn) and its appendix: the context its template sees."""

from __future__ import annotations

from congvan.data.model import Data, flatten
from congvan.documents.common import (closing_text, core_properties, dispatch_reference,
                                      distribution, header, recipients)
from congvan.vn.number_date import number_line


def dispatch_context(data: Data) -> dict:
    doc = data.document
    body, point = [], 0
    for item in doc.body:
        if item.point is not None:
            point += 1
            body.append({"text": f"{point}. {item.point}", "heading": True})
        body += [{"text": p, "heading": False} for p in item.paragraphs]
    body[-1] = {**body[-1], "text": closing_text(body[-1]["text"])}
    ctx_doc = {
        **header(doc),
        "number_line": number_line(doc.number, doc.symbol),
        "subject": doc.subject,
        **recipients([data.units[r].name for r in doc.recipients]),
        "body": body,
        "distribution": distribution(((g.label, g.entries) for g in doc.distribution), doc.archive),
        "core": core_properties(doc, doc.subject),
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
