"""Any document laid out by the general template (``templates/van-ban.docx``): a công văn
whose appendices declare their own columns, or a document with a type name (kế hoạch,
quyết định, thông báo, báo cáo) and its title block (Nghị định 30, PL I II.5.b).

The template shows each part only when the context fills it: the ``V/v`` line under Số
(công văn), the tên loại and trích yếu (types), Kính gửi (công văn, báo cáo that has one),
the Quyết định parts (:mod:`congvan.documents.decision`), the appendices
(:mod:`congvan.documents.appendix`).
"""

from __future__ import annotations

from congvan.data.model import Data
from congvan.documents.appendix import appendices_context
from congvan.documents.body import body_paragraphs, close_text, plain
from congvan.documents.common import core_properties, distribution, header, recipients
from congvan.documents.decision import decision_context, default_distribution
from congvan.vn.number_date import number_line


def document_context(data: Data) -> dict:
    doc = data.document
    kind = doc.kind
    typed = bool(kind.name)
    body = body_paragraphs(doc.body, typed=typed)
    if kind.key != "quyet-dinh":
        close_text(body)
    names = [data.units[r].name for r in doc.recipients]
    ctx_doc = {
        **header(doc),
        "number_line": number_line(doc.number, doc.symbol),
        "subject": "" if typed else plain(doc.subject),
        "type_name": kind.name,
        "type_subject": plain(doc.subject) if typed else "",
        **(recipients(names) if names else {"recipient_single": "", "recipient_lines": []}),
        "body": body,
        **decision_context(doc),
        "distribution": distribution(default_distribution(doc), doc.archive),
        "core": core_properties(doc, plain(doc.subject)),
    }
    appendices, layout = appendices_context(data)
    return {"doc": ctx_doc, "appendices": appendices, "layout": layout}
