"""The body of an imported document as the data's ``body``: numbered paragraphs become
points (``{point, paragraphs, points}``) at the level their number shows, plain
paragraphs stay text, and the numbers themselves are left to the generator.

A công văn numbers its levels ``1.``, ``a)``, ``-``; a document with a type name ``I.``,
``1.``, ``a)``, ``-`` (:mod:`congvan.documents.body`). A number the generator would
print differently (a list starting at ``b)``, a level skipped) is a warning; a paragraph
whose number has no level to sit at stays a plain paragraph with its number as text, so
that it prints as it was.
"""

from __future__ import annotations

from congvan.data.numbering import roman
from congvan.importing.markup import label_of, paragraph_markup
from congvan.importing.notes import Notes

_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _expected(style: str, n: int) -> str:
    if style == "roman":
        return f"{roman(n)}."
    if style == "arabic":
        return f"{n}."
    if style == "letter":
        return _LETTERS[(n - 1) % len(_LETTERS)] * (1 + (n - 1) // len(_LETTERS)) + ")"
    return "-"


def read_body(paragraphs, *, typed: bool, notes: Notes) -> list:
    styles = ["roman", "arabic", "letter", "dash"] if typed else ["arabic", "letter", "dash"]
    items: list = []
    stack: list[dict] = []  # open points, one per level
    automatic: dict[str, int] = {}  # Word's list number style → level it was given
    for p in paragraphs:
        found = label_of(p.text)
        if found is None and p.list_style:
            found = (p.list_style, "")  # numbered by Word itself, not typed
        level = styles.index(found[0]) if found and found[0] in styles else None
        if found and not found[1] and level is not None:
            # Word's own numbering has no typed number to keep as text: a list style takes
            # the level it first could (the generator numbers it in that level's style).
            if found[0] in automatic:
                level = automatic[found[0]]
            elif level > len(stack):
                notes.add(f"Nội dung, đoạn «{p.text[:50]}»",
                          "đoạn được Word đánh số tự động; được đặt ở cấp "
                          f"«{_expected(styles[len(stack)], 1)}» theo cách đánh số của loại "
                          "văn bản.")
                level = len(stack)
            automatic[found[0]] = level
            found = (styles[level], "")
        if found and level is not None and level <= len(stack):
            style, label = found
            del stack[level:]
            siblings = stack[-1].setdefault("points", []) if stack else items
            count = sum(1 for s in siblings if isinstance(s, dict)) + 1
            if label and label != _expected(style, count):
                notes.add(f"Nội dung, đoạn «{p.text[:50]}»",
                          f"số mục «{label}» sẽ được đánh lại là «{_expected(style, count)}».")
            bold = style in ("roman", "arabic")
            node = {"point": paragraph_markup(p, skip=label, bold=not (bold and p.all_bold()))}
            siblings.append(node)
            stack.append(node)
            continue
        if found and found[1] and found[0] != "dash" and level is None:
            notes.add(f"Nội dung, đoạn «{p.text[:50]}»",
                      f"số mục «{found[1]}» không thuộc cách đánh số của loại văn bản này; "
                      "đoạn được giữ nguyên, không đánh số lại.")
        text = paragraph_markup(p)
        if not stack:
            items.append(text)
        elif "points" in stack[-1]:
            stack[-1]["points"].append(text)
        else:
            stack[-1].setdefault("paragraphs", []).append(text)
    _unclose(items)
    return items


def _unclose(items: list) -> None:
    """Take off the ``/.`` of the ``./.`` the generator adds to the last paragraph (it adds
    it again; the sentence keeps its full stop)."""
    if not items:
        return
    last = items[-1]
    if isinstance(last, str):
        if last.endswith("./."):
            items[-1] = last[:-2]
        return
    for key in ("points", "paragraphs"):
        if last.get(key):
            if key == "points" or not last.get("points"):
                _unclose(last[key])
                return
    if last["point"].endswith("./."):
        last["point"] = last["point"][:-2]
