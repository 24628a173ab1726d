"""Stable anchors in the files we write, so that edits made in Word come back to the data.

Every task row (the document's appendix tables and each unit letter's task tables) and
every body paragraph carries a bookmark (``w:bookmarkStart``/``w:bookmarkEnd``) named
after the task's ref (``t_II_3``; ``t2_…`` in a second appendix) or the paragraph's place
in the body (``p_4``). Bookmarks survive editing and saving in Word and in LibreOffice
(content-control tags do not: LibreOffice drops them). The package also carries custom
document properties (``docProps/custom.xml``): the digest of the data the file came from
and which file it is (the document, or the letter of one unit), so that an import can
re-render exactly what was generated and refuse when the data changed since.

How: the context handed to the template gets an invisible marker (private-use
characters around the anchor's name) at the start of each anchored row's first printed
text and each body paragraph; after rendering, :func:`place_anchors` takes the markers
out and puts the bookmarks around the paragraph that held them. The visible text and the
layout stay exactly as before, whichever template prints the row.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import re
import unicodedata

from lxml import etree

from congvan.data.model import Data
from congvan.data.units import LEAD
from congvan.ooxml.fragments import element_end, enclosing
from congvan.ooxml.namespaces import NS as _NS
from congvan.ooxml.namespaces import W

OPEN, CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{OPEN}([A-Za-z0-9_]+){CLOSE}")
MAX_NAME = 40
"""Word refuses bookmark names longer than 40 characters."""

DIGEST_PROPERTY = "congvan-du-lieu"
"""Custom property: the digest of the data the file was generated from."""
FILE_PROPERTY = "congvan-tep"
"""Custom property: ``van-ban`` (the document) or ``don-vi:<unit id>`` (a unit's letter)."""
DOCUMENT_FILE = "van-ban"
LETTER_PREFIX = "don-vi:"


def context_digest(context: dict) -> str:
    """The digest of the data one file is rendered from: its template context (before
    the markers go in). Equal digests render equal files with the same template; a change
    of the data file that does not reach this file (a comment, another unit's task, the
    registry's order) leaves it as it is.

    The context is pickled without pickle's memo (``fast``), so that equal values give
    equal bytes whichever objects hold them (dicts, lists, text and dates, built in a fixed
    key order): JSON with sorted keys said the same seven times slower, about a third of a
    letter's render."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(context)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return re.sub(r"[^A-Za-z0-9]+", "_", text.encode("ascii", "ignore").decode()).strip("_")


_last_anchors: tuple[Data, dict[str, str]] | None = None
"""The last data set's anchors: every letter of a build asks for them (the rows of the
whole data set), and computing them per letter made a build quadratic."""


def task_anchors(data: Data) -> dict[str, str]:
    """Each row's field path → its bookmark name (unique, ASCII, at most 40 characters)."""
    global _last_anchors
    if _last_anchors is not None and _last_anchors[0] is data:
        return _last_anchors[1]
    out = _task_anchors(data)
    _last_anchors = (data, out)
    return out


def _task_anchors(data: Data) -> dict[str, str]:
    out: dict[str, str] = {}
    used: set[str] = set()
    for index, app in enumerate(data.appendices):
        prefix = "t" if index == 0 else f"t{index + 1}"
        for ind in app.rows():
            base = f"{prefix}_{_ascii(ind.ref) or 'x'}"[:MAX_NAME]
            name, n = base, 1
            while name in used:
                n += 1
                name = f"{base[:MAX_NAME - len(str(n)) - 1]}_{n}"
            used.add(name)
            out[ind.path] = name
    return out


def paragraph_anchor(index: int) -> str:
    """The bookmark of the ``index``-th (from 0) paragraph of the body (``c_…`` and
    ``d_…`` mark a Quyết định's căn cứ and article paragraphs)."""
    return f"p_{index + 1}"


def _marked(name: str, text: str) -> str:
    return f"{OPEN}{name}{CLOSE}{text}"


def _mark_body(paragraphs: list[dict], name=None) -> None:
    for index, para in enumerate(paragraphs):
        spans = para.get("spans")
        if spans:
            anchor = (name or paragraph_anchor)(index)
            spans[0] = {**spans[0], "text": _marked(anchor, spans[0]["text"])}


def mark_dispatch(context: dict, data: Data) -> dict:
    """Markers in the context of ``cong-van.docx`` (:func:`dispatch_context`)."""
    names = task_anchors(data)
    _mark_body(context["doc"]["body"])
    for section_ctx, section in zip(context["appendix"]["sections"], data.appendix.sections):
        rows = [row for block in section_ctx["blocks"] for row in block["rows"]]
        for row, ind in zip(rows, _flat(section.indicators)):
            row["number"] = _marked(names[ind.path], row["number"])
    return context


def mark_document(context: dict, data: Data) -> dict:
    """Markers in the context of ``van-ban.docx`` (:func:`document_context`): body
    paragraphs and the rows of every appendix printed as a table."""
    names = task_anchors(data)
    _mark_body(context["doc"]["body"])
    # a Quyết định's căn cứ and article paragraphs (``c_1``…, ``d_1``…)
    _mark_body(context["doc"].get("bases") or [], lambda i: f"c_{i + 1}")
    _mark_body(context["doc"].get("articles") or [], lambda i: f"d_{i + 1}")
    for app_ctx, app in zip(context["appendices"], data.appendices):
        if not app_ctx.get("table"):
            continue
        rows = [row for row in app_ctx["rows"] if not row["group"]]
        for row, ind in zip(rows, app.rows()):
            spans = row["cells"][0]["paragraphs"][0]
            spans[0] = {**spans[0], "text": _marked(names[ind.path], spans[0]["text"])}
    return context


def mark_letter(context: dict, data: Data, tasks) -> dict:
    """Markers in a unit letter's context (:func:`letter_context`), for its task rows."""
    names = task_anchors(data)
    letter = context["letter"]
    lead = [a for a in tasks if a.role == LEAD]
    support = [a for a in tasks if a.role != LEAD]
    for rows, assigned in ((letter["lead_rows"], lead), (letter["support_rows"], support)):
        for row, a in zip(rows, assigned):
            row["stt"] = _marked(names[a.indicator.path], row["stt"])
    return context


def _flat(indicators):
    for ind in indicators:
        yield ind
        yield from _flat(ind.children)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def place_anchors(root) -> None:
    """The markers of a rendered document.xml tree turned into bookmarks around their
    paragraphs (run as the template's finishing pass, before the tree is serialised)."""
    marked = [t for t in root.iter(_w("t")) if t.text and OPEN in t.text]
    if not marked:
        return
    ids = [int(b.get(_w("id"))) for b in root.iter(_w("bookmarkStart"))
           if (b.get(_w("id")) or "").isdigit()]
    next_id = max(ids, default=0) + 1
    seen: set[str] = set()
    for t in marked:
        names = _MARK.findall(t.text)
        t.text = _MARK.sub("", t.text)
        paragraph = next((a for a in t.iterancestors(_w("p"))), None)
        if paragraph is None:
            continue
        for name in names:
            if name in seen:
                continue
            seen.add(name)
            start = etree.Element(_w("bookmarkStart"))
            start.set(_w("id"), str(next_id))
            start.set(_w("name"), name)
            end = etree.Element(_w("bookmarkEnd"))
            end.set(_w("id"), str(next_id))
            next_id += 1
            ppr = paragraph.find("w:pPr", _NS)
            if ppr is not None:
                ppr.addnext(start)
            else:
                paragraph.insert(0, start)
            paragraph.append(end)


_T = re.compile(rb"<w:t(?P<attrs>(?: [^>]*)?)>(?P<text>[^<]*)</w:t>")
_BOOKMARK_ID = re.compile(rb'<w:bookmarkStart\b[^>]*? w:id="(\d+)"')
_OPEN_BYTES = OPEN.encode()
_MARK_BYTES = re.compile(re.escape(_OPEN_BYTES) + rb"([A-Za-z0-9_]+)" + re.escape(CLOSE.encode()))


def place_anchors_text(xml: bytes) -> bytes | None:
    """:func:`place_anchors` on document.xml as UTF-8 text (lxml's serialisation, as the
    string render writes it): the same bytes the tree pass gives; None where a marker is
    not in plain ``<w:t>`` text (then the tree pass runs)."""
    if _OPEN_BYTES not in xml:
        return xml
    texts = _marked_texts(xml)
    if texts is None:
        return None  # a marker outside plain text: only the tree pass knows where it is
    next_id = _last_bookmark_id(xml) + 1
    edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement), on the original text
    paragraphs: dict[int, list[tuple[int, bytes]]] = {}
    seen: set[bytes] = set()
    held: dict[int, int] = {}  # paragraph start -> where its first marked text is
    for m in texts:
        names = _MARK_BYTES.findall(m.group("text"))
        rest = _MARK_BYTES.sub(b"", m.group("text"))
        # an emptied text stays ``<w:t></w:t>``: lxml writes "" text so, not as ``<w:t/>``
        edits.append((m.start(), m.end(), b"<w:t%s>%s</w:t>" % (m.group("attrs"), rest)))
        p = _paragraph_start(xml, m.start())
        if p < 0:
            continue
        for name in names:
            if name not in seen:
                seen.add(name)
                paragraphs.setdefault(p, []).append((next_id, name))
                next_id += 1
        held.setdefault(p, m.start())
    for p, marks in paragraphs.items():
        opened = xml.index(b">", p) + 1
        ppr = _first_ppr(xml, opened)
        at = opened + len(ppr)
        # the tree pass puts each new start right after w:pPr: the last one first
        edits.append((at, at, b"".join(b'<w:bookmarkStart w:id="%d" w:name="%s"/>' % mark
                                       for mark in reversed(marks))))
        close = _paragraph_end(xml, p, held[p])
        edits.append((close, close, b"".join(b'<w:bookmarkEnd w:id="%d"/>' % i for i, _ in marks)))
    out, done = [], 0
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1])):
        out += [xml[done:start], text]
        done = end
    out.append(xml[done:])
    return b"".join(out)


def _last_bookmark_id(xml: bytes) -> int:
    """The highest id among the bookmarks already in ``xml`` (0: none). Found from each
    ``<w:bookmarkStart`` (a fast search), not by a pattern tried at every character of a
    document that may be sixty million long."""
    ids, pos = [0], xml.find(b"<w:bookmarkStart")
    while pos >= 0:
        m = _BOOKMARK_ID.match(xml, pos)
        if m:
            ids.append(int(m.group(1)))
        pos = xml.find(b"<w:bookmarkStart", pos + 1)
    return max(ids)


def _marked_texts(xml: bytes) -> list[re.Match] | None:
    """The ``<w:t>`` elements whose text holds a marker, in order; None when a marker is
    anywhere else. Found from the markers (the nearest ``<`` before one starts its element,
    since text holds no ``<``), not by matching every text of the document."""
    texts: list[re.Match] = []
    pos = xml.find(_OPEN_BYTES)
    while pos >= 0:
        m = _T.match(xml, xml.rfind(b"<", 0, pos))
        if m is None or not m.start("text") <= pos < m.end("text"):
            return None
        texts.append(m)
        pos = xml.find(_OPEN_BYTES, m.end())
    return texts


_P_OPEN, _P_CLOSE = b"<w:p", b"</w:p>"


def _paragraph_start(xml: bytes, pos: int) -> int:
    """Where the innermost paragraph around ``pos`` starts, or -1. Nearly always the
    last paragraph tag before it, with no paragraph closing between (one row of a table):
    the general search, which also walks back past the paragraph before, costs a few
    times more and runs only otherwise (a text box inside the paragraph)."""
    start = xml.rfind(_P_OPEN, 0, pos)
    while start >= 0 and xml[start + 4] not in b" >":  # w:pPr, w:pStyle…: not a paragraph
        start = xml.rfind(_P_OPEN, 0, start)
    if (start >= 0 and xml.find(_P_CLOSE, start, pos) < 0
            and xml[xml.index(b">", start) - 1] != ord("/")):
        return start
    return enclosing(xml, pos, "w:p")


def _paragraph_end(xml: bytes, start: int, pos: int) -> int:
    """Where the paragraph starting at ``start`` (and holding ``pos``) closes: the index of
    its ``</w:p>``; the first one after ``pos`` unless a paragraph opens before it."""
    close = xml.find(_P_CLOSE, pos)
    inner = xml.find(_P_OPEN, pos, close)
    while inner >= 0 and xml[inner + 4] not in b" >":
        inner = xml.find(_P_OPEN, inner + 4, close)
    if close >= 0 and inner < 0:
        return close
    return element_end(xml, start, "w:p") - len(_P_CLOSE)


def _first_ppr(xml: bytes, pos: int) -> bytes:
    """The paragraph properties starting at ``pos``, or nothing: up to the first
    ``</w:pPr>`` unless another opens before it (a tracked change keeps the old ones)."""
    if not xml.startswith(b"<w:pPr", pos) or xml[pos + 6] not in b" />":
        return b""
    end = xml.find(b"</w:pPr>", pos)
    if xml.startswith(b"<w:pPr>", pos) and end >= 0 and xml.find(b"<w:pPr", pos + 7, end) < 0:
        return xml[pos:end + len(b"</w:pPr>")]
    return xml[pos:element_end(xml, pos, "w:pPr")]
