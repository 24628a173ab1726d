"""Body text: the inline markup of text fields, and nested headings numbered per level.

Inline markup (in any text field that a document prints as running text):

* ``*nghiêng*`` prints *nghiêng* in italics, ``**đậm**`` in bold, ``***cả hai***`` both;
* ``\\*`` prints a literal ``*`` (and ``\\\\`` a literal backslash);
* a ``*`` that no later ``*`` closes prints as it is.

Text becomes a list of spans ``{"text", "bold", "italic"}`` that the template loops
over, one run per span: data is never turned into XML here (the renderer escapes it).

Headings: a công văn numbers its points ``1.``, ``a)``, ``-``; a document with a type
name ``I.``, ``1.``, ``a)``, ``-`` (Nghị định 30, PL I V). The first level of a typed
document is bold; ``1.`` is bold; ``a)`` and ``-`` are not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from congvan.data.numbering import roman

_TOKEN = re.compile(r"\\([\\*])|(\*{1,3})")


def spans(text: str, *, bold: bool = False, italic: bool = False) -> list[dict]:
    """The spans of one paragraph; ``bold``/``italic`` apply to all of it (a heading)."""
    pieces: list[tuple[str, int]] = []  # (text, marker length or 0 for text)
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            pieces.append((text[pos:m.start()], 0))
        pieces.append((m.group(1), 0) if m.group(1) else (m.group(2), len(m.group(2))))
        pos = m.end()
    if pos < len(text):
        pieces.append((text[pos:], 0))
    # A marker toggles only when a later marker of the same length closes it.
    closing = _closed_markers(pieces)
    out: list[dict] = []
    state = {"b": False, "i": False}
    for index, (piece, marker) in enumerate(pieces):
        if marker and index in closing:
            if marker in (2, 3):
                state["b"] = not state["b"]
            if marker in (1, 3):
                state["i"] = not state["i"]
            continue
        _add(out, piece, bold or state["b"], italic or state["i"])
    return out or [{"text": "", "bold": bold, "italic": italic}]


def _closed_markers(pieces) -> set[int]:
    """Indexes of markers that open or close a matched pair."""
    matched, open_at = set(), {}
    for index, (_, marker) in enumerate(pieces):
        if not marker:
            continue
        if marker in open_at:
            matched.update((open_at.pop(marker), index))
        else:
            open_at[marker] = index
    return matched


def _add(out: list[dict], text: str, bold: bool, italic: bool) -> None:
    if not text:
        return
    if out and out[-1]["bold"] == bold and out[-1]["italic"] == italic:
        out[-1]["text"] += text
    else:
        out.append({"text": text, "bold": bold, "italic": italic})


@lru_cache(maxsize=1 << 16)
def plain(text: str) -> str:
    """The text without its markup (for places printed in one style: titles, letter cells).

    Cached, and immediate for text without ``*`` or ``\\``: every letter that shows a
    task asks for its text again."""
    if "*" not in text and "\\" not in text:
        return text
    return "".join(s["text"] for s in spans(text))


def paragraph(text: str, *, heading: bool = False, bold: bool = False,
              italic: bool = False) -> dict:
    """One body paragraph of the context: ``text`` (plain, for tests and old templates),
    ``heading``, and its ``spans``."""
    parts = spans(text, bold=bold, italic=italic)
    return {"text": "".join(s["text"] for s in parts), "heading": heading, "spans": parts}


def _level_label(level: int, n: int, typed: bool) -> tuple[str, bool]:
    """The number of the ``n``-th point at ``level`` (0 = top) and whether it is bold."""
    styles = ("roman", "arabic", "letter", "dash") if typed else ("arabic", "letter", "dash")
    style = styles[min(level, len(styles) - 1)]
    if style == "roman":
        return f"{roman(n)}.", True
    if style == "arabic":
        return f"{n}.", True
    if style == "letter":
        return f"{_vi_letter(n)})", False
    return "-", False


_LETTERS = "abcdđeghiklmnopqrstuvxy"
"""Vietnamese points are lettered a), b), c), d), đ), e)… (no f, j, w, z)."""


def _vi_letter(n: int) -> str:
    return _LETTERS[(n - 1) % len(_LETTERS)] * (1 + (n - 1) // len(_LETTERS))


def body_paragraphs(items, *, typed: bool) -> list[dict]:
    """Body items (model BodyItem) as paragraphs, points numbered per level and restarting
    under each parent."""
    out: list[dict] = []

    def walk(items, level: int) -> None:
        count = 0
        for item in items:
            if item.point is not None:
                count += 1
                label, bold = _level_label(level, count, typed)
                out.append(paragraph(f"{_escape(label)} {item.point}", heading=bold, bold=bold))
            out.extend(paragraph(p) for p in item.paragraphs)
            walk(item.children, level + 1)

    walk(items, 0)
    return out


def _escape(label: str) -> str:
    return label.replace("\\", "\\\\").replace("*", "\\*")


def close_text(paragraphs: list[dict]) -> None:
    """The text ends with ``./.`` (added to the last span of the last paragraph)."""
    if not paragraphs:
        return
    last = paragraphs[-1]
    parts = [dict(s) for s in last["spans"]]
    text = parts[-1]["text"].rstrip()
    if not "".join(s["text"] for s in parts).rstrip().endswith("./."):
        parts[-1]["text"] = text.rstrip(".") + "./."
    paragraphs[-1] = {**last, "spans": parts, "text": "".join(s["text"] for s in parts)}
