"""The task letter sent to one unit: its lead and coordinated tasks, cited by the document's
own numbers; rows that share one task show it once, merged."""

from __future__ import annotations

import functools

from congvan.data.model import Data, Unit, drafting_unit
from congvan.data.units import LEAD, Assignment
from congvan.documents.body import plain
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
    return (f"V/v thực hiện nhiệm vụ được giao tại {doc.kind.sentence} số "
            f"{number_text(doc.number)}/{doc.symbol}")


def _about(data: Data) -> str:
    """``về việc …`` of a công văn's V/v; ``về …`` of a typed document's trích yếu."""
    about = plain(data.document.subject)
    if about.startswith("V/v "):
        return "về việc " + about[4:]
    if data.document.kind.name:
        return "về " + about[:1].lower() + about[1:]
    return about


def _titles(data: Data) -> dict:
    if _classic(data):
        return {"name": "Chỉ số", "task": "Nhiệm vụ"}
    return {"name": "Tên nhiệm vụ", "task": "Nội dung, sản phẩm"}


def _classic(data: Data) -> bool:
    """Letters of a công văn's classic appendix keep their indicator wording and labels."""
    return all(app.classic for app in data.appendices)


def _task(ind) -> list[str]:
    """What the task cell shows: the task text, else the row's result (a plan's row often
    names the task and its product only)."""
    return [plain(p) for p in ind.task] or ([plain(ind.result)] if ind.result else [""])


@functools.lru_cache(maxsize=4096)
def _deadline_label(deadline) -> str:
    """The Thời hạn cell of a deadline, worked out once: a task's row is in the letter of
    its lead and of each coordinating unit."""
    return deadline.label()


def _blocks(rows: list[tuple[Assignment, dict]]) -> list[dict]:
    """Consecutive rows sharing one task become one block: the task shown once, merged."""
    blocks: list[dict] = []
    previous = None
    for a, row in rows:
        ind = a.indicator
        if ind.shares_task and blocks and previous is not None and previous.task == ind.task:
            blocks[-1]["rows"].append(row)
        else:
            blocks.append({"rows": [row], "paragraphs": _task(ind)})
        previous = ind
    return blocks


def letter_context(data: Data, unit: Unit, tasks: list[Assignment]) -> dict:
    """The task letter of one unit: its lead tasks (table 1) and coordinated tasks (table 2)."""
    doc = data.document
    lead_rows, support_rows = [], []
    classic = _classic(data)
    for a in tasks:
        ind = a.indicator
        # a declared deadline column prints deadlines as written; so does the letter then
        row = {"stt": ind.ref, "indicator": plain(ind.name), "paragraphs": _task(ind),
               "deadline": _deadline_label(ind.deadline) if classic else plain(ind.deadline_text)}
        if a.role == LEAD:
            lead_rows.append((a, {**row, "support": plain(ind.support_text)}))
        else:
            support_rows.append((a, {**row, "lead": plain(ind.lead_text)}))
    intro = (f"Thực hiện {dispatch_reference(data)} {_about(data)}, {doc.issuer.short_name} "
             f"đề nghị {_in_sentence(unit.name)} triển khai thực hiện các nhiệm vụ sau:")
    closing = data.letters.closing or (
        f"Đề nghị {_in_sentence(unit.name)} triển khai thực hiện đúng thời hạn, "
        "báo cáo kết quả theo yêu cầu.")
    numbered = 0

    def heading(text: str) -> str:
        nonlocal numbered
        numbered += 1
        return f"{numbered}. {text}"

    subject = letter_subject(data)
    symbol = data.letters.symbol
    archive = doc.archive if symbol == doc.base_symbol else \
        ("VT", *filter(None, [drafting_unit(symbol)]))
    ctx_doc = {
        **header(doc),
        "number_line": number_line(None, symbol),
        "subject": subject,
        **recipients([unit.name]),
        "body": [],
        "distribution": distribution([("", ("Như trên",))], archive),
        "core": core_properties(doc, f"{subject} — {unit.name}"),
    }
    letter = {
        "unit_name": unit.name,
        "intro": intro,
        "titles": _titles(data),
        "lead_heading": heading("Nhiệm vụ chủ trì thực hiện") if lead_rows else "",
        "lead_rows": [r for _, r in lead_rows],
        "lead_blocks": _blocks(lead_rows),
        "support_heading": heading("Nhiệm vụ phối hợp thực hiện") if support_rows else "",
        "support_rows": [r for _, r in support_rows],
        "support_blocks": _blocks(support_rows),
        "closing": closing_text(closing),
    }
    return {"doc": ctx_doc, "letter": letter}
