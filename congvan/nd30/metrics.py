"""Printed width of text in Times New Roman, to size the header's solid lines.

Advance widths (1/1000 em) of the standard Times faces, which Times New Roman
matches closely; accents do not change a letter's width, the horn of ơ/ư does.
"""

from __future__ import annotations

import unicodedata

_PUNCT = {" ": 250, "-": 333, ",": 250, ".": 250, ":": 333, ";": 333, "/": 278,
          "(": 333, ")": 333, "&": 833}
_DIGITS = {d: 500 for d in "0123456789"}

_REGULAR = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    [722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
                     722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611]))
_REGULAR.update(zip("abcdefghijklmnopqrstuvwxyz",
                    [444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778,
                     500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444]))
_BOLD = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                 [722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944,
                  722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667]))
_BOLD.update(zip("abcdefghijklmnopqrstuvwxyz",
                 [500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833,
                  556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444]))
for _table in (_REGULAR, _BOLD):
    _table.update(_PUNCT)
    _table.update(_DIGITS)

_HORN = "\u031b"


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` in points at ``size_pt``."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if ch == _HORN:
                total += 80
            continue
        base = {"Đ": "D", "đ": "d"}.get(ch, ch)
        total += table.get(base, 500)
    return total * size_pt / 1000
