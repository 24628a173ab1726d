"""Word's automatic list numbering (``word/numbering.xml``): which kind of number a
numbered paragraph shows — ``I.`` (roman), ``1.`` (arabic), ``a)`` (letter) or a bullet
(dash) — when the number is not typed in its text but drawn by Word."""

from __future__ import annotations

from congvan.nd30.styles import int_attr
from congvan.ooxml.namespaces import NS, w

__all__ = ["Numbering"]

_FORMATS = {"upperRoman": "roman", "lowerRoman": "roman", "decimal": "arabic",
            "decimalZero": "arabic", "upperLetter": "letter", "lowerLetter": "letter",
            "bullet": "dash"}


class Numbering:
    def __init__(self, root):
        self._abstract: dict[str, dict[int, str | None]] = {}
        self._nums: dict[str, tuple[str, dict[int, str | None]]] = {}
        if root is None:
            return
        for abstract in root.findall("w:abstractNum", NS):
            self._abstract[abstract.get(w("abstractNumId"))] = _levels(abstract)
        for num in root.findall("w:num", NS):
            ref = num.find("w:abstractNumId", NS)
            overrides = {}
            for o in num.findall("w:lvlOverride", NS):
                lvl = o.find("w:lvl", NS)
                if lvl is not None:
                    overrides.update(_levels(o))
            self._nums[num.get(w("numId"))] = (ref.get(w("val")) if ref is not None else "",
                                               overrides)

    def style(self, num_id: str | None, level: int) -> str | None:
        """``roman``, ``arabic``, ``letter``, ``dash`` or None (no number shown)."""
        if not num_id or num_id == "0" or num_id not in self._nums:
            return None
        abstract, overrides = self._nums[num_id]
        if level in overrides:
            return overrides[level]
        return self._abstract.get(abstract, {}).get(level)


def _levels(parent) -> dict[int, str | None]:
    out = {}
    for lvl in parent.findall("w:lvl", NS):
        fmt = lvl.find("w:numFmt", NS)
        out[int_attr(lvl, "ilvl") or 0] = _FORMATS.get(fmt.get(w("val")) if fmt is not None
                                                       else "decimal")
    return out


def numbered(ppr, chain) -> tuple[str | None, int]:
    """(numId, level) of a paragraph: its own numPr, else its style's."""
    for props in [ppr] + [s.find("w:pPr", NS) for s in reversed(chain)]:
        num = props.find("w:numPr", NS) if props is not None else None
        if num is not None:
            nid = num.find("w:numId", NS)
            return (nid.get(w("val")) if nid is not None else None,
                    int_attr(num.find("w:ilvl", NS), "val") or 0)
    return None, 0
