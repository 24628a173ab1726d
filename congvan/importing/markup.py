"""Text as the data format writes it: runs with bold and italic become the inline markup
(``*nghiêng*``, ``**đậm**``, ``***cả hai***``; a literal ``*`` is ``\\*``), and the number
a heading starts with (``I.``, ``1.``, ``a)``, ``-``) is recognised so that it can be left
to the generator, which numbers points itself."""

from __future__ import annotations

import re

from congvan.nd30.document import Paragraph, Run, normalise

LABEL = re.compile(r"^(?:(?P<roman>[IVXLC]{1,6})\.|(?P<arabic>\d{1,2})\.|"
                   r"(?P<letter>[a-zđ]{1,2})\)|(?P<dash>[-–+]))\s+")
"""A heading's number at the start of a paragraph and the space after it."""
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def escape(text: str) -> str:
    """``text`` as a data field that is read for markup: ``*`` and ``\\`` print literally."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


def label_of(text: str) -> tuple[str, str] | None:
    """(style, label) of the number opening ``text``: ``("roman", "II.")``…, or None."""
    m = LABEL.match(text)
    if m is None:
        return None
    style = m.lastgroup
    if style == "roman" and not _ROMAN.match(m.group("roman")):
        return None
    return style, m.group(0).strip()


def _drop_chars(runs: list[Run], count: int) -> list[Run]:
    """The runs without their first ``count`` characters."""
    out = []
    for run in runs:
        if count <= 0:
            out.append(run)
        elif len(run.text) <= count:
            count -= len(run.text)
        else:
            out.append(Run(run.text[count:], run.size, run.bold, run.italic, run.font, run.color))
            count = 0
    return out


def _leading(runs: list[Run], text: str) -> int:
    """Characters of the runs (white space included) that make up ``text`` at their start."""
    raw = "".join(r.text for r in runs)
    seen, i = 0, 0
    target = text.replace(" ", "")
    while i < len(raw) and seen < len(target):
        if not raw[i].isspace():
            seen += 1
        i += 1
    while i < len(raw) and raw[i].isspace():
        i += 1
    return i


def markup(runs: list[Run], *, skip: str = "", bold: bool = True, italic: bool = True) -> str:
    """The runs' text with markup for the emphasis it shows. ``skip``: text at the start to
    leave out (a heading's number); ``bold``/``italic`` False: that emphasis is the
    paragraph's own format (a heading is bold, a căn cứ italic) and is not written."""
    if skip:
        runs = _drop_chars(runs, _leading(runs, skip))
    pieces: list[list] = []  # [text, bold, italic]
    for run in runs:
        text = run.text
        if not text:
            continue
        b, i = run.bold and bold, run.italic and italic
        if not text.strip() and pieces:  # white space takes the format around it
            pieces[-1][0] += text
            continue
        if pieces and pieces[-1][1] == b and pieces[-1][2] == i:
            pieces[-1][0] += text
        elif (pieces and (b or i) and (pieces[-1][1] or pieces[-1][2])
              and not text[0].isspace() and not pieces[-1][0][-1].isspace()):
            # Two emphases touching (``**a**`` then ``*b*``) would read as one longer
            # marker: they are written as one span with both emphases.
            pieces[-1] = [pieces[-1][0] + text, pieces[-1][1] or b, pieces[-1][2] or i]
        else:
            pieces.append([text, b, i])
    out = []
    for text, b, i in pieces:
        marker = "*" * ((2 if b else 0) + (1 if i else 0))
        if not marker:
            out.append(escape(text))
            continue
        core = text.strip()
        head = text[:len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()):]
        out.append(f"{head}{marker}{escape(core)}{marker}{tail}")
    return normalise("".join(out))


def paragraph_markup(p: Paragraph, *, skip: str = "", bold: bool = True,
                     italic: bool = True) -> str:
    """:func:`markup` of one paragraph."""
    return markup(p.runs, skip=skip, bold=bold, italic=italic)
