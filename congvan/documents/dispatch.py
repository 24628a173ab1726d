"""The công văn with the classic appendix of earlier data files (``templates/cong-van.docx``):
the context its template sees. Other documents: :mod:`congvan.documents.titled`."""

from __future__ import annotations

from congvan.data.model import Data, flatten
from congvan.documents.body import body_paragraphs, close_text, plain
from congvan.documents.common import (core_properties, dispatch_reference, distribution, header,
                                      recipients)
from congvan.vn.number_date import number_line


def dispatch_context(data: Data) -> dict:
    doc = data.document
    body = body_paragraphs(doc.body, typed=False)
    close_text(body)
    ctx_doc = {
        **header(doc),
        "number_line": number_line(doc.number, doc.symbol),
        "subject": plain(doc.subject),
        **recipients([data.units[r].name for r in doc.recipients]),
        "body": body,
        "distribution": distribution(((g.label, g.entries) for g in doc.distribution), doc.archive),
        "core": core_properties(doc, plain(doc.subject)),
    }
    sections = []
    for section in data.appendix.sections:
        blocks: list[dict] = []
        for ind in flatten(section.indicators):
            row = {"number": ind.number, "name": plain(ind.name), "lead": plain(ind.lead_text),
                   "support": plain(ind.support_text)}
            if ind.shares_task and blocks:
                blocks[-1]["rows"].append(row)
            else:
                blocks.append({"rows": [row], "paragraphs": [plain(p) for p in ind.task] or [""]})
        sections.append({"number": section.number, "title": plain(section.title),
                         "blocks": blocks})
    appendix = {
        "heading": data.appendix.heading,
        "title": plain(data.appendix.title),
        "reference": f"(Ban hành kèm theo {dispatch_reference(data)})",
        "sections": sections,
    }
    return {"doc": ctx_doc, "appendix": appendix}
