"""Appendices with declared columns (or as a numbered list): the context a template loops
over, and the layout the builder applies after rendering (widths, alignment, merges,
orientation), which a Word template cannot express per data set.

Rows of a table are flattened for the template: a group row ``{group: true, number,
title, span}`` or a data row ``{group: false, cells}``, each cell a list of paragraphs,
each paragraph a list of spans (see :mod:`congvan.documents.body`).
"""

from __future__ import annotations

from congvan.data.model import Appendix, Column, Data, Indicator, flatten
from congvan.documents.body import paragraph, spans
from congvan.documents.common import dispatch_reference
from congvan.nd30.layout import LANDSCAPE_TEXT_WIDTH, TEXT_WIDTH

CLASSIC_COLUMNS = (
    Column("number", "STT", 15, "center", False),
    Column("name", "Chỉ số chính/Chỉ số thành phần", 60, "left", False),
    Column("lead", "Đơn vị chủ trì thực hiện", 35, "center", False),
    Column("support", "Đơn vị phối hợp", 40, "center", False),
    Column("task", "Nhiệm vụ", 92, "justify", True),
)
"""The five columns of the công văn appendix of earlier data files."""


def cell_text(ind: Indicator, col: Column) -> list[str]:
    """The paragraphs one row prints in one column (data as written)."""
    value = {
        "number": ind.number, "name": ind.name, "lead": ind.lead_text,
        "support": ind.support_text, "deadline": ind.deadline_text, "result": ind.result,
        "note": ind.note,
    }
    if col.show == "task":
        return list(ind.task) or [""]
    if col.show == "field":
        return [ind.field(col.key)]
    return [value[col.show]]


def widths(columns, orientation: str) -> list[int]:
    """Twips of each column, proportional to the declared widths, filling the text width."""
    total = LANDSCAPE_TEXT_WIDTH if orientation == "landscape" else TEXT_WIDTH
    weights = [c.width for c in columns]
    out = [int(total * w / sum(weights)) for w in weights]
    out[-1] += total - sum(out)
    return out


def appendix_context(data: Data, app: Appendix) -> tuple[dict, dict]:
    """(template context, layout) of one appendix."""
    columns = app.columns or CLASSIC_COLUMNS
    ctx = {
        "heading": app.heading, "title": app.title,
        "reference": f"(Kèm theo {dispatch_reference(data)})",
        "table": app.form == "table", "list": app.form == "list",
        "header": [c.title for c in columns],
        "numbers": [f"({i + 1})" for i in range(len(columns))] if app.column_numbers else [],
        "rows": [], "entries": [],
    }
    layout_rows: list[list[str] | None] = [None] * (1 + bool(app.column_numbers))
    for section in app.sections:
        if section.title:
            ctx["rows"].append({"group": True, "number": section.number,
                                "title": section.title, "span": max(1, len(columns) - 1)})
            ctx["entries"].append(paragraph(f"{section.number}. {section.title}" if section.number
                                          else section.title, heading=True, bold=True))
            layout_rows.append(None)
        previous: Indicator | None = None
        for ind in flatten(section.indicators):
            merges = []
            cells = []
            for col in columns:
                state = ""
                if col.merge and ind.shares_task and previous is not None:
                    state = "continue"
                elif col.merge:
                    state = "restart"
                merges.append(state)
                texts = [""] if state == "continue" else cell_text(ind, col)
                cells.append({"paragraphs": [spans(t) for t in texts]})
            ctx["rows"].append({"group": False, "cells": cells})
            layout_rows.append(merges)
            if not ind.shares_task:
                ctx["entries"].append(paragraph(f"{ind.number}. {ind.name}" if ind.name
                                              else f"{ind.number}. {' '.join(ind.task)}"))
                if ind.name:
                    ctx["entries"] += [paragraph(t) for t in ind.task]
            previous = ind
    layout = {"widths": widths(columns, app.orientation),
              "aligns": [c.align for c in columns], "rows": layout_rows}
    return ctx, layout


def appendices_context(data: Data) -> tuple[list[dict], dict]:
    """Every appendix's context, and the layout of the whole document: the tables (in
    order, tables only) and each section's orientation (the document's own first)."""
    contexts, tables = [], []
    for app in data.appendices:
        ctx, layout = appendix_context(data, app)
        contexts.append(ctx)
        if app.form == "table":
            tables.append(layout)
    sections = ["portrait"] + [app.orientation for app in data.appendices]
    return contexts, {"tables": tables, "sections": sections}
