"""Checks that need more than one field: references, groups, dates, doubtful assignments.

:func:`reference_errors` runs on schema-cleaned plain data (before the model is
built, since the model assumes references resolve); :func:`warnings` runs on the
model. Both return located problems and never raise.
"""

from __future__ import annotations

import datetime

from congvan.data.model import Data
from congvan.data.problems import Problem
from congvan.data.source import Source
from congvan.vn.legacy import convert_legacy, detect_legacy_short, legacy_label, legacy_suggestion
from congvan.vn.suggest import did_you_mean, suggest
from congvan.vn.text import fold, normalize


def _list(value) -> list:
    """A list field of data that may not have passed the schema (a lone value, or nothing)."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _get(item, key):
    return item.get(key) if isinstance(item, dict) else None


def reference_errors(plain, source: Source) -> list[Problem]:
    """Unit references, duplicate ids, groups that contain themselves, misplaced shares_task.

    Works on schema-cleaned data, and also, best effort, on raw data that failed the
    schema (so that one run shows every problem): anything malformed is skipped.
    """
    problems: list[Problem] = []
    units = [u for u in _list(_get(plain, "units")) if isinstance(_get(u, "id"), str)]
    ids: dict[str, int] = {}
    for i, unit in enumerate(_list(_get(plain, "units"))):
        uid = _get(unit, "id")
        if not isinstance(uid, str):
            continue
        if uid in ids:
            problems.append(source.problem(
                f"units[{i}].id", f'mã đơn vị "{uid}" bị trùng với units[{ids[uid]}].',
                "Mỗi đơn vị chỉ khai báo một lần, với một mã riêng."))
        else:
            ids[uid] = i
    problems += _same_reading(plain, source)
    labels = {u["id"]: str(_get(u, "short") or _get(u, "name") or u["id"]) for u in units}
    by_label = {label: uid for uid, label in labels.items()}

    def check_ref(uid, path: str) -> None:
        if not isinstance(uid, str) or uid in ids:
            return
        # Users type names as often as ids: match against both, accents ignored.
        close = suggest(uid, list(by_label) + list(ids), n=2)
        if close and fold(close[0]) == fold(uid):
            close = close[:1]  # an exact match but for accents and punctuation
        hint = did_you_mean(f'"{by_label.get(c, c)}" ({labels[by_label.get(c, c)]})' for c in close)
        problems.append(source.problem(
            path, f'không có đơn vị mã "{uid}" trong danh mục đơn vị (units).',
            hint or "Hãy thêm đơn vị vào units hoặc sửa lại mã."))

    for i, unit in enumerate(_list(_get(plain, "units"))):
        members = _list(_get(unit, "members"))
        for j, member in enumerate(members):
            check_ref(member, f"units[{i}].members[{j}]")
        if members and _get(unit, "kind") != "group":
            problems.append(source.problem(
                f"units[{i}].members", f'đơn vị "{_get(unit, "id")}" có members nhưng kind không phải group.',
                "Hãy đặt kind: group cho nhóm đơn vị."))
    for i, uid in enumerate(_list(_get(_get(plain, "document"), "recipients"))):
        check_ref(uid, f"document.recipients[{i}]")

    appendices = [("appendix", _get(plain, "appendix"))] + [
        (f"appendices[{i}]", a) for i, a in enumerate(_list(_get(plain, "appendices")))]
    for apath, appendix in appendices:
        for s, section in enumerate(_list(_get(appendix, "sections"))):
            _row_errors(_get(section, "indicators"), f"{apath}.sections[{s}].indicators",
                        check_ref, problems, source)
        _row_errors(_get(appendix, "rows"), f"{apath}.rows", check_ref, problems, source)
    problems += _cycles(units, ids, source)
    return problems


def _row_errors(indicators, path: str, check_ref, problems: list[Problem], source: Source) -> None:
    """Unit references and misplaced shares_task in rows and their sub-rows. (Not a nested
    function: one that calls itself is a reference cycle, which would keep the source and
    all its marks alive after a load, whose objects the collector never sees again.)"""
    for k, ind in enumerate(_list(indicators)):
        ipath = f"{path}[{k}]"
        for role in ("lead", "support"):
            for j, uid in enumerate(_list(_get(ind, role))):
                check_ref(uid, f"{ipath}.{role}[{j}]")
        if _get(ind, "shares_task") is True and k == 0:
            problems.append(source.problem(
                f"{ipath}.shares_task", "chỉ số đầu tiên không có chỉ số liền trước để dùng chung nhiệm vụ.",
                "Hãy bỏ shares_task hoặc ghi nhiệm vụ vào task."))
        if _get(ind, "shares_task") is True and _get(ind, "task"):
            problems.append(source.problem(
                f"{ipath}.task", "vừa có task vừa có shares_task: true.",
                "Hãy chọn một: nhiệm vụ riêng (task) hoặc dùng chung với chỉ số trên."))
        _row_errors(_get(ind, "indicators"), f"{ipath}.indicators", check_ref, problems, source)


_FIELD_LABELS = {"id": "mã", "name": "tên", "short": "tên ngắn"}


def reading(text: str) -> str:
    """How a name reads: NFC, case folded, runs of spaces as one. ``Phòng Tư pháp`` typed
    in NFD, or ``PHÒNG TƯ PHÁP``, reads as ``phòng tư pháp``."""
    return " ".join(normalize(text).casefold().split())


def _same_reading(plain, source: Source) -> list[Problem]:
    """Two units whose ids, names or short names read the same: one unit declared twice,
    or two units nobody could tell apart in a letter or the appendix."""
    problems = []
    units = _list(_get(plain, "units"))
    for key, label in _FIELD_LABELS.items():
        seen: dict[str, int] = {}
        for i, unit in enumerate(units):
            value = _get(unit, key)
            if not isinstance(value, str) or not value.strip():
                continue
            first = seen.setdefault(reading(value), i)
            other = _get(units[first], key)
            if first == i or (key == "id" and other == value):  # exact repeats: reported above
                continue
            line = source.where(f"units[{first}].{key}")[0]
            problems.append(source.problem(
                f"units[{i}].{key}",
                f'{label} "{value}" đọc giống hệt {label} "{other}" của units[{first}] '
                f'(dòng {line}, mã "{_get(units[first], "id")}"); hai đơn vị sẽ không phân biệt được.',
                f"Nếu là cùng một đơn vị, hãy bỏ một mục; nếu khác, hãy đặt {label} khác hẳn "
                "(khác chữ, không chỉ khác hoa thường hay cách gõ dấu)."))
    return problems


def _cycles(units, ids, source) -> list[Problem]:
    """A group that contains itself, directly or through other groups."""
    members = {u["id"]: [m for m in _list(_get(u, "members")) if isinstance(m, str)] for u in units}
    problems = []
    for uid, index in ids.items():
        stack, seen = list(members[uid]), set()
        while stack:
            current = stack.pop()
            if current == uid:
                problems.append(source.problem(
                    f"units[{index}].members", f'nhóm "{uid}" chứa chính nó (trực tiếp hoặc qua nhóm khác).',
                    "Hãy bỏ vòng lặp trong danh sách members."))
                break
            if current not in seen:
                seen.add(current)
                stack.extend(members.get(current, ()))
    return problems


def warnings(data: Data, source: Source, legacy: list[Problem] | None = None) -> list[Problem]:
    """Warnings about the model; ``legacy``: :func:`legacy_short_texts` of the source when
    already found (the loader finds them before it lets the source's values go)."""
    out: list[Problem] = []
    doc = data.document
    if doc.place.startswith("TP.") or " TP." in doc.place:
        out.append(source.warning(
            "document.place", f'địa danh "{doc.place}" viết tắt "TP.".',
            "Nghị định 30 yêu cầu tên chính thức, ví dụ: "
            f'"{doc.place.replace("TP.", "Thành phố")}".'))
    if doc.kind.name and doc.subject.startswith("V/v"):
        out.append(source.warning(
            "document.subject", f'trích yếu của {doc.kind.sentence.lower()} bắt đầu bằng "V/v".',
            f"Chỉ công văn có V/v; {doc.kind.sentence.lower()} in trích yếu đậm dưới tên loại "
            f"{doc.kind.name}: hãy bỏ “V/v ”."))
    earliest = None
    if doc.date.year:
        earliest = datetime.date(doc.date.year, doc.date.month or 1, doc.date.day or 1)
    referenced = set(doc.recipients)
    for ind in data.rows():
        referenced.update(ind.lead, ind.support)
        if ind.shares_task:
            continue
        if earliest and ind.deadline.due and ind.deadline.due < earliest:
            out.append(source.warning(
                f"{ind.path}.{'deadline' if ind.deadline_given else 'task'}",
                f'{ind.ref}: thời hạn "{ind.deadline.phrase}" sớm hơn ngày ban hành {doc.kind.sentence.lower()}.',
                "Hãy kiểm tra lại thời hạn hoặc ngày ban hành."))
        both = [u for u in dict.fromkeys(ind.lead) if u in ind.support]
        for uid in both:
            out.append(source.warning(
                f"{ind.path}.support",
                f'{ind.ref}: "{data.units[uid].short}" vừa chủ trì vừa phối hợp.',
                "Hãy bỏ đơn vị này khỏi một trong hai cột."))
        if not ind.task and not ind.children and not ind.lead:
            out.append(source.warning(
                ind.path, f"{ind.ref}: chỉ số không có nhiệm vụ, đơn vị chủ trì hay chỉ số thành phần.",
                "Hãy ghi nhiệm vụ hoặc bỏ chỉ số này."))
    out += legacy_short_texts(source) if legacy is None else legacy
    reached = _closure(referenced, data.units)
    for uid, unit in data.units.items():
        if uid not in reached:
            out.append(source.warning(
                f"{unit.path}.id", f'đơn vị "{unit.short}" không nhận nhiệm vụ nào.',
                "Hãy giao nhiệm vụ cho đơn vị hoặc bỏ đơn vị khỏi danh mục."))
    return out


def legacy_short_texts(source: Source) -> list[Problem]:
    """Warnings for short texts (names, short names, signer, places…) typed in a legacy
    font; long texts were already refused by validation, which needs more evidence."""
    out = []
    # (parent path, key or index, value): a path is only spelled out for a text flagged
    stack: list = [(None, "", source.value)]
    while stack:
        parent, key, value = stack.pop()
        # only what can hold a legacy text is stacked (no number, date, ASCII id…)
        if isinstance(value, dict):
            path = _path(parent, key)
            stack += [(path, str(k), v) for k, v in value.items() if _may_hold_legacy(v)]
        elif isinstance(value, list):
            path = _path(parent, key)
            stack += [(path, i, v) for i, v in enumerate(value) if _may_hold_legacy(v)]
        elif isinstance(value, str):
            encoding = detect_legacy_short(value)
            if encoding:
                out.append(source.warning(
                    _path(parent, key), f'"{normalize(value).strip()}" có vẻ được gõ bằng bảng mã '
                    f'{legacy_label(encoding)}, đọc theo Unicode là '
                    f'"{convert_legacy(value, encoding).strip()}".', legacy_suggestion(encoding)))
    return sorted(out, key=lambda p: (p.line or 0, p.column or 0))


def _may_hold_legacy(value) -> bool:
    """A table, a list, or a text with a character above ASCII (legacy codes all are)."""
    return isinstance(value, (dict, list)) or (isinstance(value, str) and not value.isascii())


def _path(parent: str | None, key: str | int) -> str:
    """The field path of ``key`` (a table's key, or a list's index) under ``parent``."""
    if parent is None:
        return key
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def _closure(ids, units) -> set[str]:
    """The ids and every unit reachable from them through group membership."""
    reached, stack = set(), list(ids)
    while stack:
        uid = stack.pop()
        if uid not in reached:
            reached.add(uid)
            stack.extend(units[uid].members if uid in units else ())
    return reached
