"""A finding of the conformance check, and the one way element formatting is compared
with the decree's numbers in :mod:`congvan.nd30.layout`."""

from __future__ import annotations

from dataclasses import dataclass

from congvan.nd30.layout import ELEMENTS, Range
from congvan.nd30.document import Paragraph

__all__ = ["Finding", "aligned", "format_checks", "pt"]


@dataclass(frozen=True)
class Finding:
    """One departure from Nghị định 30: which rule, which element, found and expected."""

    rule: str
    """Section of the decree, e.g. ``PL I I.3``."""
    element: str
    """The element in Vietnamese, e.g. ``Lề trái``."""
    text: str
    """The element's text as the file has it ('' when it has none)."""
    found: str
    expected: str

    def format(self) -> str:
        shown = self.text if len(self.text) <= 70 else self.text[:67] + "…"
        where = f"{self.element} «{shown}»" if shown else self.element
        return f"[{self.rule}] {where}: {self.found}; cần {self.expected}."

    def to_dict(self) -> dict:
        return {"rule": self.rule, "element": self.element, "text": self.text,
                "found": self.found, "expected": self.expected}


def pt(value: float | None) -> str:
    """``13``, ``13,5`` (Vietnamese decimal comma), or ``mặc định`` when unknown."""
    if value is None:
        return "không rõ"
    return f"{value:g}".replace(".", ",")


_ALIGNMENT = {"left": "trái", "right": "phải", "center": "giữa", "both": "đều hai lề"}


def aligned(jc: str | None) -> str:
    """A paragraph's alignment in Vietnamese (``căn trái`` when the file says nothing)."""
    return _ALIGNMENT.get(jc or "left", jc)


def _range(r: Range) -> str:
    return f"cỡ {pt(r.low)}" if r.low == r.high else f"cỡ {pt(r.low)}–{pt(r.high)}"


def format_checks(para: Paragraph, key: str, name: str, rule: str) -> list[Finding]:
    """Size, weight, slant and case of ``para`` against ``ELEMENTS[key]``."""
    el = ELEMENTS[key]
    found: list[Finding] = []

    def add(what: str, expected: str) -> None:
        found.append(Finding(rule, name, para.text, what, expected))

    bad = sorted({s for s in para.sizes() if s is None or s not in el.size}, key=lambda s: s or 0)
    if bad:
        add("cỡ chữ " + ", ".join(pt(s) for s in bad), _range(el.size))
    if el.bold is True and not para.all_bold():
        add("chữ không in đậm" if not para.any_bold() else "chỉ một phần in đậm", "chữ in đậm")
    elif el.bold is False and para.any_bold():
        add("chữ in đậm", "chữ không in đậm")
    if el.italic is True and not para.all_italic():
        add("chữ đứng" if not para.any_italic() else "chỉ một phần in nghiêng", "chữ in nghiêng")
    elif el.italic is False and para.any_italic():
        add("chữ in nghiêng", "chữ đứng (không nghiêng)")
    if el.upper and para.text != para.text.upper():
        add("có chữ thường", "chữ in hoa")
    return found
