"""Changes applied to the data file's text, keeping everything they do not touch.

ruamel.yaml's round trip keeps comments, key order, quoting and block scalars; its output
still differs from a hand-written file in small ways (a flow list wrapped over two lines
is joined). So the text written is the original with only the changed lines replaced:
the round trip of the unchanged data and of the changed data are compared line by line,
and each differing stretch is spliced into the original at the same place.
"""

from __future__ import annotations

import difflib
import io
import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from congvan.edits.changes import Change, EditConflict

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 88
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load(text: str, name: str):
    try:
        return _yaml().load(text)
    except YAMLError as exc:
        raise EditConflict(f"{name}: không đọc được tệp dữ liệu: {exc}") from None


def dump(tree) -> str:
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def _steps(path: str):
    return [m.group(1) if m.group(1) is not None else int(m.group(2))
            for m in _STEP.finditer(path)]


def node_at(tree, path: str):
    """The node at a field path (``appendix.sections[0].indicators[2]``)."""
    node = tree
    for step in _steps(path):
        node = node[step]
    return node


def _parent(tree, path: str):
    steps = _steps(path)
    node = tree
    for step in steps[:-1]:
        node = node[step]
    return node


def _text_like(old, text: str):
    """``text`` written the way the field was: a folded or literal block, or plain."""
    if isinstance(old, LiteralScalarString):
        return LiteralScalarString(text)
    if isinstance(old, FoldedScalarString) or len(text) > 70:
        return FoldedScalarString(text)
    return text


def _paragraphs(old, text: str):
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if isinstance(old, list) or len(paragraphs) > 1:
        seq = CommentedSeq(_text_like(None, p) for p in paragraphs)
        return seq
    return _text_like(old, paragraphs[0] if paragraphs else "")


def _flow(ids) -> CommentedSeq:
    seq = CommentedSeq(ids)
    seq.fa.set_flow_style()
    return seq


def _block(value) -> bool:
    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _move_trailing(src, src_key, dst, dst_key) -> None:
    """Move the comment or blank line after ``src[src_key]`` to after ``dst[dst_key]``
    (ruamel keeps it with the value before it; it belongs after the row). Its text ends
    a plain value's line itself ("\n\n") but follows a block scalar's ("\n")."""
    entry = src.ca.items.get(src_key)
    if not entry or len(entry) < 3 or entry[2] is None or not _scalar(src[src_key]) \
            or not _scalar(dst[dst_key]):
        return
    token = entry[2]
    entry[2] = None
    text = token.value
    if _block(src[src_key]) and not _block(dst[dst_key]):
        text = "\n" + text
    elif not _block(src[src_key]) and _block(dst[dst_key]) and text.startswith("\n"):
        text = text[1:]
    token.value = text
    dst.ca.items.setdefault(dst_key, [None, None, None, None])[2] = token


def _scalar(value) -> bool:
    return isinstance(value, str)


def _set(row, key: str, value) -> None:
    """``row[key] = value``; a new key goes last, taking over the blank line or comment
    that followed the row."""
    if key in row or not row:
        row[key] = value
        return
    last = list(row)[-1]
    row[key] = value
    _move_trailing(row, last, row, key)


def _set_units(row, role: str, ids, text: str) -> None:
    one = isinstance(row.get(role), str) and len(ids) == 1
    _set(row, role, ids[0] if one else _flow(ids))
    key = f"{role}_text"
    if key in row:
        row[key] = text


def apply(tree, changes: list[Change]) -> None:
    """Apply ``changes`` in place. Rows are found before anything moves, so removing or
    adding one row does not shift where another change lands."""
    rows = {c.path: node_at(tree, c.path) for c in changes if c.kind != "paragraph"}
    parents = {c.path: _parent(tree, c.path) for c in changes if c.kind in ("add", "remove")}
    groups = {c.path: _group_of(tree, c.path) for c in changes if c.kind == "remove"}
    for change in changes:
        if change.kind == "edit":
            row = rows[change.path]
            if change.field in ("lead", "support"):
                _set_units(row, change.field, change.ids, change.new)
            elif change.field == "task":
                _set(row, "task", _paragraphs(row.get("task"), change.new))
            elif change.field.startswith("field:"):
                if "fields" not in row:
                    _set(row, "fields", CommentedMap())
                row["fields"][change.field[6:]] = change.new
            else:
                _set(row, change.field, _text_like(row.get(change.field), change.new))
        elif change.kind == "paragraph":
            parent = _parent(tree, change.path)
            last = _steps(change.path)[-1]
            parent[last] = _text_like(parent[last], change.new)
    for change in changes:
        if change.kind == "add":
            seq, row = parents[change.path], rows[change.path]
            index = _index(seq, row, change) + (change.position == "after")
            new = _new_row(change.values)
            seq.insert(index, new)
            if index == len(seq) - 1 and index > 0 and isinstance(seq[index - 1], dict):
                before = seq[index - 1]
                _move_trailing(before, list(before)[-1], new, list(new)[-1])
    for change in changes:
        if change.kind == "remove":
            seq, row = parents[change.path], rows[change.path]
            index = _index(seq, row, change)
            following = seq[index + 1] if index + 1 < len(seq) else None
            if isinstance(following, dict) and following.get("shares_task") \
                    and not row.get("shares_task"):
                # the next row showed this row's task (merged): it now holds the task itself
                del following["shares_task"]
                for key in ("task", "deadline"):
                    if key in row and key not in following:
                        _set(following, key, row[key])
            del seq[index]
            _drop_if_empty(groups[change.path])


def _group_of(tree, path: str):
    """(the groups list, the group) holding the row at ``path``, or None for a row not
    directly in a group."""
    steps = _steps(path)
    if len(steps) < 4 or steps[-2] != "indicators" or steps[-4] != "sections":
        return None
    sections = node_at(tree, ".".join(str(s) for s in steps[:-3]))
    return sections, sections[steps[-3]]


def _drop_if_empty(place) -> None:
    """A group whose last row went goes too (a group needs one row at least)."""
    if place is None:
        return
    sections, group = place
    if not group.get("indicators"):
        for index, item in enumerate(sections):
            if item is group:
                del sections[index]
                return


def _index(seq, row, change: Change) -> int:
    for index, item in enumerate(seq):
        if item is row:
            return index
    raise EditConflict(f"không tìm thấy dòng {change.ref} trong tệp dữ liệu.")


def _new_row(values: dict) -> CommentedMap:
    row = CommentedMap()
    for key in ("name", "lead", "support", "task", "deadline", "result", "note", "fields"):
        if key not in values:
            continue
        value = values[key]
        if key in ("lead", "support"):
            row[key] = _flow(value)
        elif key == "task":
            row[key] = _paragraphs(None, value)
        elif key == "fields":
            row[key] = CommentedMap(value)
        else:
            row[key] = _text_like(None, value)
    return row


def splice(original: str, before: str, after: str) -> str:
    """``original`` with the differences between ``before`` and ``after`` (two dumps)
    spliced in; ``after`` itself when a difference falls where the original was not
    dumped line for line."""
    orig, base, new = (t.splitlines(keepends=True) for t in (original, before, after))
    mapping: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, orig, base, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapping[block.b + k] = block.a + k
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, new,
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 < i2:
            if not all(k in mapping for k in range(i1, i2)) or \
                    mapping[i2 - 1] - mapping[i1] != i2 - 1 - i1:
                return after
            start, end = mapping[i1], mapping[i2 - 1] + 1
        elif i1 in mapping:
            start = end = mapping[i1]
        elif i1 > 0 and i1 - 1 in mapping:
            start = end = mapping[i1 - 1] + 1
        else:
            return after
        edits.append((start, end, new[j1:j2]))
    for start, end, lines in reversed(edits):
        orig[start:end] = lines
    return "".join(orig)
