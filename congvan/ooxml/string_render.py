"""document.xml rendered as a string, with no XML parse, where that is provably exact.

The tree path (parse the rendered body, docxtpl's table fix, the finish pass,
serialise) is the reference: its output is lxml's serialisation of the parsed
text. A rendered body gives the same bytes without the parse when the text is
already what lxml writes, but for two differences fixed here by substitution:

- an element left empty (a value printed empty, a loop run zero times) reads
  ``<x></x>`` or ``<x a="1"></x>``; lxml writes ``<x/>``, ``<x a="1"/>``. In this text
  ``">`` only ends a tag, so ``"></x>`` can only close an empty ``x``: a plain
  replacement, no regular expression, fixes it;
- autoescape writes ``"`` and ``'`` as ``&#34;`` / ``&#39;``; lxml writes them as
  they are in text.

:func:`analyse` proves, once per template, that every rendering is such text:
well-formed whatever the data (each branch of an ``if``/``for`` closes what it
opens), values printed only between tags (never inside a tag: only the fixed
words of an ``if`` may vary an attribute, as docxtpl's ``{% vm %}`` does),
literal text as lxml writes it, and no table that docxtpl's ``fix_tables`` would
ever change (fixed cells per row, one row always present that fills the grid).
:class:`ValueCheck` then checks each value as Jinja prints it: plain text with
no character XML forbids (a carriage return, a control character, markup from
``|safe``…) sends that one render down the tree path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import jinja2
from jinja2.runtime import Undefined

_TEXT_OK = re.compile(r"[\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
"""A value lxml writes back unchanged once escaped: no control character, no CR."""
_MARKUP_OK = re.compile(
    r"(?:[\t\n\x20-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    r"|&(?:amp|lt|gt|#34|#39);)*")
"""Already-escaped text (a constant Jinja folded) with no tag and only the escapes above."""
_TAG = re.compile(r'<(/?)([\w:.-]+)((?: [\w:.-]+="[^"<>]*")*)(/?)>\Z')
"""One tag as lxml writes it: single spaces, double quotes, no space before ``/>``."""
_TEXT_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|#13);)")
_ATTR_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|#9|#10|#13);)")
_EMPTY_ANY = re.compile(rb'<([\w:.-]+)((?: [^<>]*")?)></\1>')
_BLOCK_OPEN, _BLOCK_NEXT, _BLOCK_CLOSE = {"if", "for"}, {"elif", "else"}, {"endif", "endfor"}


class ValueCheck:
    """Jinja's ``finalize``: sees every printed value; ``exact`` turns False when one
    would not come back unchanged from an XML parse (then the tree path runs).

    A template renders in one thread at a time (the pool uses processes)."""

    def __init__(self):
        self.exact = True

    def __call__(self, value):
        if type(value) is str:
            if not value.isprintable() and not _TEXT_OK.fullmatch(value):
                self.exact = False
        elif isinstance(value, Undefined) or type(value) in (int, float):
            pass  # an undefined value raises in Jinja as before; numbers print as ASCII
        elif hasattr(value, "__html__"):
            if not _MARKUP_OK.fullmatch(value.__html__()):
                self.exact = False
        elif not _TEXT_OK.fullmatch(str(value)):
            self.exact = False
        return value


@dataclass(frozen=True)
class Plan:
    """What :func:`analyse` proved: the string path may render this body."""

    with_attributes: tuple[str, ...]
    """Names of elements with attributes that some rendering can leave empty."""
    bare: tuple[str, ...]
    """Names of elements without attributes that some rendering can leave empty."""

    def canonical(self, xml: bytes, listing: bool) -> bytes:
        """The rendered body, in UTF-8, as lxml would write it (``listing``: docxtpl's
        listing pass ran and may have left any ``w:t`` empty)."""
        if b"&#3" in xml:
            xml = xml.replace(b"&#34;", b'"').replace(b"&#39;", b"'")
        if listing:
            return _EMPTY_ANY.sub(rb"<\1\2/>", xml)
        if self.with_attributes and b'"></' in xml:
            for name in self.with_attributes:
                xml = xml.replace(b'"></%s>' % name.encode(), b'"/>')
        for name in self.bare:
            xml = xml.replace(b"<%s></%s>" % (name.encode(), name.encode()), b"<%s/>" % name.encode())
        return xml


class _Reject(Exception):
    """The template does not qualify; the tree path renders it."""


@dataclass(eq=False)
class _Element:
    name: str
    depth: int
    parent: _Element | None
    bare: bool = True
    content: bool = False
    table: _Table | None = None
    cells: int = 0
    spans: int = 0
    seen_tcpr: bool = False
    seen_span: bool = False
    first: bool = False


@dataclass(eq=False)
class _Table:
    depth: int
    columns: int = 0
    grid: bool = False
    rows: list = field(default_factory=list)


@dataclass
class _Frame:
    stack: tuple
    state: str


def analyse(env: jinja2.Environment, source: str) -> Plan | None:
    """A :class:`Plan` for the Jinja source of a body (``<w:body>…</w:body>``, no
    namespace declaration of its own), or None when the string path cannot be
    proved exact for every context."""
    try:
        return _Walker().run(env.lex(source))
    except (_Reject, jinja2.TemplateSyntaxError):
        return None


class _Walker:
    def __init__(self):
        self.stack: list[_Element] = []
        self.frames: list[_Frame] = []
        self.state = "text"  # text | tag | attr
        self.tag: list[str] = []
        self.tag_dynamic = False
        self.empty: set[str] = set()

    def run(self, tokens) -> Plan:
        tokens = iter(tokens)
        for _, kind, value in tokens:
            if kind == "data":
                self.data(value)
            elif kind == "variable_begin":
                _skip_to(tokens, "variable_end")
                self.output()
            elif kind == "block_begin":
                keyword = next((v for _, k, v in tokens if k != "whitespace"), None)
                _skip_to(tokens, "block_end")
                self.block(keyword)
            elif kind == "comment_begin":
                _skip_to(tokens, "comment_end")
            elif kind not in ("raw_begin", "raw_end", "whitespace"):
                raise _Reject(kind)
        if self.stack or self.frames or self.state != "text":
            raise _Reject("unbalanced")
        return Plan(tuple(sorted(n for n, bare in self.empty if not bare)),
                    tuple(sorted(n for n, bare in self.empty if bare)))

    # --- Jinja ------------------------------------------------------------------

    def output(self) -> None:
        if self.state != "text":
            raise _Reject("value inside a tag")
        self.mark_dynamic()

    def block(self, keyword: str | None) -> None:
        if keyword in _BLOCK_OPEN:
            if self.state == "tag":
                raise _Reject("block inside a tag")
            if self.state == "text":
                self.mark_dynamic()
            else:
                self.tag_dynamic = True
            self.frames.append(_Frame(tuple(self.stack), self.state))
        elif keyword in _BLOCK_NEXT or keyword in _BLOCK_CLOSE:
            if not self.frames:
                raise _Reject("stray block end")
            frame = self.frames[-1]
            if tuple(self.stack) != frame.stack or self.state != frame.state:
                raise _Reject("a branch does not close what it opens")
            if keyword in _BLOCK_CLOSE:
                self.frames.pop()
        else:
            raise _Reject(f"block {keyword}")

    def mark_dynamic(self) -> None:
        """A value or block directly in the open element: its children vary."""
        if self.stack and self.stack[-1].name in ("w:tr", "w:tblGrid", "w:tcPr"):
            raise _Reject("cells, spans or grid vary")

    # --- XML ---------------------------------------------------------------------

    def data(self, text: str) -> None:
        i = 0
        while i < len(text):
            if self.state == "text":
                j = text.find("<", i)
                chunk = text[i:] if j < 0 else text[i:j]
                if ">" in chunk or "\r" in chunk or _TEXT_ENTITY.search(chunk):
                    raise _Reject("text not as lxml writes it")
                if chunk and self.stack and self.stack[-1].depth == len(self.frames):
                    self.stack[-1].content = True  # text always rendered
                if j < 0:
                    return
                self.state, self.tag, self.tag_dynamic, i = "tag", ["<"], False, j + 1
                continue
            quote = text.find('"', i)
            if self.state == "attr":
                end = len(text) if quote < 0 else quote
                chunk = text[i:end]
                if re.search(r"[<>\t\n\r]", chunk) or _ATTR_ENTITY.search(chunk):
                    raise _Reject("attribute not as lxml writes it")
                self.tag.append(text[i:end + 1])
                if quote >= 0:
                    self.state = "tag"
                i = end + 1
                continue
            close = text.find(">", i)
            stop = min(p for p in (quote, close, len(text)) if p >= 0)
            self.tag.append(text[i:stop + 1])
            if stop == len(text):
                return
            i = stop + 1
            if stop == quote:
                self.state = "attr"
            else:
                self.state = "text"
                self.element("".join(self.tag))

    def element(self, tag: str) -> None:
        m = _TAG.match(tag)
        if not m or "xmlns" in tag or (m.group(1) and (m.group(3) or m.group(4))):
            raise _Reject(f"tag {tag[:40]}")
        name = m.group(2)
        parent = self.stack[-1] if self.stack else None
        if m.group(1):
            if parent is None or parent.name != name:
                raise _Reject("mismatched close")
            self.stack.pop()
            if not parent.content:  # all it holds is printed values or inside blocks
                self.empty.add((name, parent.bare))
            if name == "w:tbl":
                _check_table(parent.table)
            return
        if parent is not None and parent.depth == len(self.frames):
            parent.content = True  # a child always rendered
        el = _Element(name, len(self.frames), parent, bare=not m.group(3))
        self.count(el, m.group(3))
        if not m.group(4):
            self.stack.append(el)

    def count(self, el: _Element, attrs: str) -> None:
        """What docxtpl's fix_tables looks at: grid columns, cells and spans per row."""
        parent, table = el.parent, self.table()
        if el.name == "w:tbl":
            if table is not None:
                raise _Reject("nested table")
            el.table = _Table(el.depth)
        elif table is None:
            return
        elif el.name == "w:tblGrid" and parent.table is table and not table.grid:
            el.first = table.grid = True
        elif el.name == "w:gridCol" and parent.first and parent.name == "w:tblGrid":
            table.columns += 1
        elif el.name == "w:tr":
            table.rows.append(el)
            el.first = el.depth == table.depth  # rendered whenever its table is
        elif el.name == "w:tc" and parent.name == "w:tr":
            parent.cells += 1
            parent.spans += 1
        elif el.name == "w:tcPr" and parent.name == "w:tc" and not parent.seen_tcpr:
            parent.seen_tcpr = el.first = True
        elif el.name == "w:gridSpan" and parent.first and parent.name == "w:tcPr" \
                and not parent.seen_span:
            if self.tag_dynamic:
                raise _Reject("span varies")
            parent.seen_span = True
            value = re.search(r' w:val="(\d+)"', attrs)
            row = parent.parent.parent
            if value is None or row is None or row.name != "w:tr":
                raise _Reject("span")
            row.spans += int(value.group(1)) - 1

    def table(self) -> _Table | None:
        for el in reversed(self.stack):
            if el.table is not None:
                return el.table
        return None


def _check_table(table: _Table) -> None:
    """docxtpl's fix_tables changes nothing: no row wider than the grid, and a row
    present in every rendering that fills it."""
    if any(row.cells > table.columns for row in table.rows):
        raise _Reject("a row is wider than the grid")
    if not any(row.first and row.spans >= table.columns for row in table.rows):
        raise _Reject("no row always fills the grid")


def _skip_to(tokens, end: str) -> None:
    for _, kind, _ in tokens:
        if kind == end:
            return
    raise _Reject("unterminated tag")
