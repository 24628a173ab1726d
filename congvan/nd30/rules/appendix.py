"""PL I III.1: each appendix in its own section with its own page numbers, its heading,
title and reference line, a header row that repeats and merged cells that add up."""

from __future__ import annotations

import re

from congvan.nd30.anatomy import Anatomy, Appendix
from congvan.nd30.document import Table
from congvan.nd30.findings import Finding, aligned, format_checks
from congvan.vn.text import fold


def check(a: Anatomy) -> list[Finding]:
    found: list[Finding] = []
    for appendix in a.appendices:
        found += _appendix(a, appendix)
        if len(a.appendices) > 1 and fold(appendix.heading.text) == "phu luc":
            found.append(Finding("PL I III.1", "Tiêu đề phụ lục", appendix.heading.text,
                                 f"không đánh số trong khi văn bản có {len(a.appendices)} phụ lục",
                                 "số La Mã sau chữ Phụ lục: «PHỤ LỤC I», «PHỤ LỤC II»"))
    for table in a.doc.tables:
        found += merges(table)
    return found


def _appendix(a: Anatomy, x: Appendix) -> list[Finding]:
    found: list[Finding] = []
    head = x.heading
    if not x.starts_section:
        found.append(Finding("PL I III.1", "Phụ lục", head.text, "nằm tiếp trong section của văn bản",
                             "bắt đầu trang mới bằng một section riêng (ngắt section trước tiêu đề)"))
    else:
        section = a.doc.sections[head.section]
        if section.page_start is None:
            found.append(Finding("PL I III.1.đ", "Số trang phụ lục", head.text,
                                 "tiếp theo số trang của văn bản",
                                 "đánh số trang riêng (bắt đầu lại từ 1)"))
    found += format_checks(head, "appendix_heading", "Tiêu đề phụ lục", "PL I III.1")
    if head.jc != "center":
        found.append(Finding("PL I III.1", "Tiêu đề phụ lục", head.text, f"căn {aligned(head.jc)}",
                             "căn giữa"))
    if x.title is None:
        found.append(Finding("PL I III.1", "Tên phụ lục", "", "không tìm thấy",
                             "tên phụ lục đậm, căn giữa dưới tiêu đề"))
    else:
        found += format_checks(x.title, "appendix_title", "Tên phụ lục", "PL I III.1")
    ref = x.reference
    if ref is None:
        found.append(Finding("PL I III.1.c", "Dòng kèm theo", "", "không tìm thấy",
                             f"«(Kèm theo {a.kind} số …)» in nghiêng dưới tên phụ lục"))
    else:
        found += format_checks(ref, "appendix_reference", "Dòng kèm theo", "PL I III.1.c")
        said = re.search(r"kèm theo\s+(.+?)\s+số\b", ref.text, re.IGNORECASE)
        if said and fold(said.group(1)) != fold(a.kind):
            found.append(Finding("PL I III.1.c", "Dòng kèm theo", ref.text,
                                 f"ghi «{said.group(1)}»", f"đúng loại văn bản: «Kèm theo {a.kind} số …»"))
    if x.table is not None and x.table.rows and not x.table.rows[0].header:
        found.append(Finding("PL I III.1", "Bảng phụ lục", _row_text(x.table),
                             "hàng tiêu đề không lặp lại", "hàng tiêu đề lặp lại ở đầu mỗi trang"))
    return found


def _row_text(table: Table, row: int = 0) -> str:
    return " | ".join(" ".join(p.text for p in c.paragraphs if p.text) for c in table.rows[row].cells)


def merges(table: Table) -> list[Finding]:
    """Every continuation of a vertical merge has a cell above it in the same columns, and
    every row's cells span the table's columns exactly."""
    found = []
    columns = len(table.grid)
    above: dict[int, tuple[int, str | None]] = {}
    """Grid column -> (span, vMerge) of the cell in the previous row starting there."""
    for i, row in enumerate(table.rows):
        total = row.grid_before + sum(c.span for c in row.cells) + row.grid_after
        if columns and total != columns:
            found.append(Finding("PL I III.1", f"Bảng {table.index + 1}, hàng {i + 1}",
                                 _row_text(table, i), f"các ô trải {total} cột",
                                 f"đúng {columns} cột như lưới của bảng"))
        current = {}
        for c in row.cells:
            current[c.grid_col] = (c.span, c.vmerge)
            start = above.get(c.grid_col)
            if c.vmerge == "continue" and (start is None or start[0] != c.span or start[1] is None):
                found.append(Finding("PL I III.1", f"Bảng {table.index + 1}, hàng {i + 1}, "
                                     f"cột {c.grid_col + 1}", _row_text(table, i),
                                     "ô gộp dọc không có ô bắt đầu ở hàng trên",
                                     "ô gộp tiếp nối nằm ngay dưới một ô cùng cột"))
        above = current
    return found
