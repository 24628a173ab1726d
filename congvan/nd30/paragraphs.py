"""Paragraphs as the conformance check reads them: text and position at once, formatting
(runs, alignment, indents, spacing, borders, drawings, list numbering) on first use.

Every rule needs the text and the place of every paragraph, but the formatting of only a
few dozen (the header block, the signature, the headings); a generated appendix has tens
of thousands of table-cell paragraphs whose formatting no rule looks at. Resolving it for
all of them took most of the check's time (issue 11). A :class:`ReadParagraph` keeps its
lxml element and resolves its formatting from it, by the same code and with the same
style caches, the first time one of those attributes is read, so the values are the ones
an eager reading gives (tests/nd30/test_reading.py compares the two on many files).
"""

from __future__ import annotations

import unicodedata

from congvan.nd30.document import Paragraph, Run, normalise
from congvan.nd30.numbering import Numbering, numbered
from congvan.nd30.styles import Styles, apply_ppr, apply_rpr
from congvan.ooxml.namespaces import NS, w

__all__ = ["ParagraphReader", "ReadParagraph"]

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Tags looked up once: a generated appendix has tens of thousands of paragraphs.
_T, _RUN, _RPR, _TEXT_TAGS = w("t"), w("r"), w("rPr"), (w("t"), w("tab"), w("br"))
_P, _TEXT_BOX = w("p"), w("txbxContent")
_DRAWINGS = (w("drawing"), "{urn:schemas-microsoft-com:vml}line")
_new = object.__new__


_FORMATTING = frozenset(("runs", "jc", "first_line", "ind_left", "ind_right", "space_before",
                         "space_after", "line", "line_rule", "border_top", "border_bottom",
                         "has_drawing", "list_style"))


class ReadParagraph(Paragraph):
    """A :class:`Paragraph` read from a file, its formatting resolved on first use.

    Made by :meth:`ParagraphReader.read` with its formatting attributes unset: reading
    one of them finds nothing in its slot and asks :meth:`__getattr__`, which sets them
    all. ``__init__`` stays the dataclass's, so ``dataclasses.replace`` makes a complete
    copy."""

    __slots__ = ("_p", "_reader", "_plain")

    def __getattr__(self, name):
        # Only called for an attribute that is not set: formatting not resolved yet.
        if name not in _FORMATTING:
            raise AttributeError(name)
        for key, value in self._reader.formatting(self._p).items():
            setattr(self, key, value)
        return getattr(self, name)

    def faces(self) -> set[tuple[str | None, str | None]]:
        # A paragraph none of whose runs has properties shows its style's font and colour
        # (what formatting() would give every run), without resolving the runs.
        if not getattr(self, "_plain", False):
            return super().faces()
        if not self.text:
            return set()
        face = self._reader.uniform_face()
        if face is None:
            base = self._reader.style(self._reader.style_id(self._p))[1]
            face = (base["font"], base["color"])
        return {face}


class ParagraphReader:
    """Reads the paragraphs of one file, numbering them in reading order, with the
    file's styles and list numbering resolved once per style."""

    def __init__(self, styles: Styles, numbering: Numbering | None = None):
        self.styles = styles
        self.numbering = numbering or Numbering(None)
        self._numbered: dict[str | None, list] = {}
        self.count = 0
        self._resolved: dict[str | None, tuple[dict, dict]] = {}
        self._uniform: tuple | None | bool = False  # not known yet

    def read(self, p, section: int, nested: bool) -> ReadParagraph:
        """The paragraph ``p`` (an lxml ``w:p``): its text now, its formatting when asked.
        ``nested``: ``p`` holds a text box (whose paragraphs are read on their own)."""
        pieces, plain = [], True
        for r in p.iter(_RUN):
            if nested and _owner(r) is not p:
                continue
            for t in r:
                tag = t.tag
                if tag == _T:
                    pieces.append(t.text or "")
                elif tag in _TEXT_TAGS:
                    pieces.append(" ")
                elif tag == _RPR:
                    plain = False
        # normalise() composes the whole text, so composing each run first changes nothing.
        para = _new(ReadParagraph)
        para.index, para.text, para.section, para.cell = (self.count, normalise("".join(pieces)),
                                                          section, None)
        para._p, para._reader, para._plain = p, self, plain
        self.count += 1
        return para

    def uniform_face(self) -> tuple[str | None, str | None] | None:
        """The (font, colour) every paragraph style gives, when they all give the same
        (then a paragraph's style need not be looked up to know its runs' face)."""
        if self._uniform is False:
            faces = {(base["font"], base["color"])
                     for base in (self.style(sid)[1] for sid in (None, *self.styles.by_id))}
            self._uniform = faces.pop() if len(faces) == 1 else None
        return self._uniform

    def style_id(self, p) -> str | None:
        ppr = p.find("w:pPr", NS)
        style = ppr.find("w:pStyle", NS) if ppr is not None else None
        return style.get(w("val")) if style is not None else self.styles.default_para

    def style(self, sid: str | None) -> tuple[dict, dict]:
        """Paragraph and run properties a paragraph style gives, resolved once per style."""
        if sid not in self._resolved:
            chain = self.styles.chain(sid)
            pprops = {"jc": None, "ind_left": 0, "ind_right": 0, "first_line": 0,
                      "space_before": 0, "space_after": 0, "line": 240, "line_rule": "auto",
                      "border_top": False, "border_bottom": False}
            apply_ppr(pprops, self.styles.defaults_p)
            base = {"size": None, "bold": False, "italic": False, "font": None, "color": None}
            apply_rpr(base, self.styles.defaults_r, self.styles.theme)
            if base["size"] is None:
                base["size"] = 10.0  # Word's built-in default when no size is given anywhere
            for s in chain:
                apply_ppr(pprops, s.find("w:pPr", NS))
                apply_rpr(base, s.find("w:rPr", NS), self.styles.theme)
            self._resolved[sid] = (pprops, base)
        return self._resolved[sid]

    def formatting(self, p) -> dict:
        """Every formatting attribute of paragraph ``p``, as Word resolves it."""
        ppr = p.find("w:pPr", NS)
        sid = self.style_id(p)
        styled, base = self.style(sid)
        props = dict(styled)
        apply_ppr(props, ppr)
        runs = []
        nested = next(p.iter(_TEXT_BOX), None) is not None
        for r in p.iter(_RUN):
            if nested and _owner(r) is not p:
                continue
            text = "".join((t.text or "") if t.tag == _T else " "
                           for t in r if t.tag in _TEXT_TAGS)
            rprops = dict(base)
            rpr = r.find("w:rPr", NS)
            rstyle = rpr.find("w:rStyle", NS) if rpr is not None else None
            if rstyle is not None:
                for s in self.styles.chain(rstyle.get(w("val"))):
                    apply_rpr(rprops, s.find("w:rPr", NS), self.styles.theme)
            apply_rpr(rprops, rpr, self.styles.theme)
            runs.append(Run(unicodedata.normalize("NFC", text), **rprops))
        num_id, level = numbered(ppr, self._style_numbering(sid))
        props.update(runs=runs, has_drawing=next(p.iter(*_DRAWINGS), None) is not None,
                     list_style=self.numbering.style(num_id, level))
        return props

    def _style_numbering(self, sid: str | None) -> list:
        """The style chain of ``sid`` when one of its styles numbers paragraphs (cached)."""
        if sid not in self._numbered:
            chain = self.styles.chain(sid)
            self._numbered[sid] = chain if any(
                s.find("w:pPr/w:numPr", NS) is not None for s in chain) else []
        return self._numbered[sid]


def _owner(r):
    """The paragraph a run belongs to (None inside a Fallback copy of a text box)."""
    for anc in r.iterancestors(_P, _MC_FALLBACK):
        return anc
    return None
