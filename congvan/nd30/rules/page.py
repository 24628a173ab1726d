"""PL I I: paper, margins, font and colour, page numbers."""

from __future__ import annotations

from congvan.nd30.anatomy import Anatomy
from congvan.nd30.findings import Finding, aligned, pt
from congvan.nd30.layout import (A4_LONG, A4_SHORT, ELEMENTS, FONT, LENGTH_TOLERANCE_MM,
                                 MARGINS_MM, MM)

_SIDES = {"top": "Lề trên", "bottom": "Lề dưới", "left": "Lề trái", "right": "Lề phải"}


def _mm(twips: int) -> str:
    return f"{twips / MM:.1f}".replace(".", ",") + " mm"


def check(a: Anatomy) -> list[Finding]:
    return [*_paper(a), *_fonts(a), *_page_numbers(a)]


def _paper(a: Anatomy) -> list[Finding]:
    found = []
    slack = LENGTH_TOLERANCE_MM * MM
    for s in a.doc.sections:
        where = f"trang ngang, section {s.index + 1}" if s.landscape else f"section {s.index + 1}"
        short, long_ = sorted((s.width, s.height))
        if abs(short - A4_SHORT) > slack or abs(long_ - A4_LONG) > slack:
            found.append(Finding("PL I I.1", f"Khổ giấy ({where})", "",
                                 f"{_mm(s.width)} × {_mm(s.height)}", "khổ A4, 210 × 297 mm"))
        for side, name in _SIDES.items():
            allowed = MARGINS_MM[side]
            value = s.margins[side] / MM
            if not allowed.low - LENGTH_TOLERANCE_MM <= value <= allowed.high + LENGTH_TOLERANCE_MM:
                found.append(Finding("PL I I.3", f"{name} ({where})", "", _mm(s.margins[side]),
                                     f"{allowed.low:g}–{allowed.high:g} mm"))
    return found


def _fonts(a: Anatomy) -> list[Finding]:
    """One finding per foreign font and per colour, naming the first text that uses it."""
    fonts: dict[str, str] = {}
    colours: dict[str, str] = {}
    for p in a.doc.paragraphs:
        for font, colour in p.faces():
            if font and font != FONT:
                fonts.setdefault(font, p.text)
            if colour and colour.lower() not in ("auto", "000000"):
                colours.setdefault(colour, p.text)
    found = [Finding("PL I I.4", "Phông chữ", text, f"phông {font}", f"phông {FONT}")
             for font, text in sorted(fonts.items())]
    found += [Finding("PL I I.4", "Màu chữ", text, f"màu #{colour}", "màu đen")
              for colour, text in sorted(colours.items())]
    return found


def _page_numbers(a: Anatomy) -> list[Finding]:
    found = []
    sections = a.doc.sections
    for s in sections:
        first_kind = "first" if s.title_page else "default"
        first = a.doc.parts.get(s.headers.get(first_kind, ""))
        if s.index == 0 and first is not None and first.page_field is not None:
            found.append(Finding("PL I I.7", f"Số trang (section {s.index + 1})",
                                 first.page_field.text,
                                 "trang đầu có số trang",
                                 "trang 1 không đánh số; số trang từ trang 2"))
        for name in set(s.footers.values()):
            part = a.doc.parts.get(name)
            if part is not None and part.page_field is not None:
                found.append(Finding("PL I I.7", "Số trang", part.page_field.text,
                                     "số trang ở chân trang", "số trang ở giữa lề trên"))
    seen = set()
    for s in sections:
        for name in set(s.headers.values()):
            part = a.doc.parts.get(name)
            if part is None or part.page_field is None or name in seen:
                continue
            seen.add(name)
            p = part.page_field
            sizes = {r.size for r in p.runs if r.size is not None} or {None}
            bad = sorted(x for x in sizes if x is None or x not in ELEMENTS["page_number"].size)
            if bad:
                found.append(Finding("PL I I.7", "Số trang", p.text,
                                     "cỡ chữ " + ", ".join(pt(x) for x in bad), "cỡ 13–14"))
            if any(r.italic for r in p.runs):
                found.append(Finding("PL I I.7", "Số trang", p.text, "chữ in nghiêng", "chữ đứng"))
            if p.jc != "center":
                found.append(Finding("PL I I.7", "Số trang", p.text,
                                     f"căn {aligned(p.jc)}", "căn giữa lề trên"))
    return found
