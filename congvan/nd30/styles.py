"""Effective formatting the way Word resolves it: document defaults, then the paragraph
style and the styles it is based on, then the character style, then the run's own
properties. Theme fonts (``asciiTheme``) are looked up in the theme."""

from __future__ import annotations

from congvan.ooxml.namespaces import NS, w

__all__ = ["Styles", "apply_ppr", "apply_rpr", "int_attr", "is_on", "theme_fonts"]

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_FALSE = ("0", "false", "off")


def is_on(el) -> bool | None:
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in _FALSE


def int_attr(el, attr: str) -> int | None:
    return None if el is None else int_value(el.get(w(attr)))


def int_value(value: str | None) -> int | None:
    """An attribute's integer value as Word reads it (``"1.0"`` is 1), None when unreadable."""
    if value is None:
        return None
    try:
        return int(float(value))
    except (ValueError, OverflowError):
        return None


class Styles:
    """Style chains and document defaults of ``word/styles.xml``."""

    def __init__(self, root, theme):
        self.by_id: dict[str, object] = {}
        self.default_para: str | None = None
        self.theme = theme
        self.defaults_r = self.defaults_p = None
        if root is None:
            return
        for s in root.findall("w:style", NS):
            sid = s.get(w("styleId"))
            self.by_id[sid] = s
            if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true"):
                self.default_para = sid
        self.defaults_r = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        self.defaults_p = root.find("w:docDefaults/w:pPrDefault/w:pPr", NS)

    def chain(self, sid: str | None) -> list:
        """The style and its bases, base first."""
        found, seen = [], set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            found.append(self.by_id[sid])
            based = self.by_id[sid].find("w:basedOn", NS)
            sid = based.get(w("val")) if based is not None else None
        return found[::-1]


def theme_fonts(root) -> dict[str, str]:
    if root is None:
        return {}
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{_A}}}{kind}Font/{{{_A}}}latin")
        if latin is not None:
            fonts[kind] = latin.get("typeface")
    return fonts


def apply_rpr(props: dict, rpr, theme: dict[str, str]) -> None:
    if rpr is None:
        return
    sz = rpr.find("w:sz", NS)
    if int_attr(sz, "val") is not None:
        props["size"] = int_attr(sz, "val") / 2
    for key, tag in (("bold", "b"), ("italic", "i")):
        value = is_on(rpr.find(f"w:{tag}", NS))
        if value is not None:
            props[key] = value
    fonts = rpr.find("w:rFonts", NS)
    if fonts is not None:
        if fonts.get(w("ascii")):
            props["font"] = fonts.get(w("ascii"))
        elif fonts.get(w("asciiTheme")):
            kind = "major" if fonts.get(w("asciiTheme")).startswith("major") else "minor"
            props["font"] = theme.get(kind)
    color = rpr.find("w:color", NS)
    if color is not None and color.get(w("val")):
        props["color"] = color.get(w("val"))


def apply_ppr(props: dict, ppr) -> None:
    if ppr is None:
        return
    jc = ppr.find("w:jc", NS)
    if jc is not None:
        props["jc"] = {"start": "left", "end": "right", "distribute": "both"}.get(
            jc.get(w("val")), jc.get(w("val")))
    ind = ppr.find("w:ind", NS)
    if ind is not None:
        for key, attrs in (("ind_left", ("left", "start")), ("ind_right", ("right", "end"))):
            for attr in attrs:
                if int_attr(ind, attr) is not None:
                    props[key] = int_attr(ind, attr)
        if int_attr(ind, "firstLine") is not None:
            props["first_line"] = int_attr(ind, "firstLine")
        if int_attr(ind, "hanging") is not None:
            props["first_line"] = -int_attr(ind, "hanging")
    spacing = ppr.find("w:spacing", NS)
    for key, attr in (("space_before", "before"), ("space_after", "after"), ("line", "line")):
        if int_attr(spacing, attr) is not None:
            props[key] = int_attr(spacing, attr)
    if spacing is not None and spacing.get(w("lineRule")):
        props["line_rule"] = spacing.get(w("lineRule"))
    bdr = ppr.find("w:pBdr", NS)
    if bdr is not None:
        for side in ("top", "bottom"):
            el = bdr.find(f"w:{side}", NS)
            if el is not None:
                props[f"border_{side}"] = el.get(w("val")) not in ("nil", "none")
