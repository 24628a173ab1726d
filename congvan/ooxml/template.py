"""The one rendering path: a .docx template + a context → the bytes of a .docx.

A template is prepared once (docxtpl's tag preprocessing, Jinja compilation,
static parts compressed), then rendered for any number of contexts without
reparsing. Jinja runs sandboxed with StrictUndefined and autoescape: data is
never evaluated, a misspelt variable is an error. docxtpl's own full render is
kept as :func:`render_reference`, the yardstick the fast path is tested against.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from congvan.exceptions import TemplateError
from congvan.ooxml.core_properties import core_properties
from congvan.ooxml.namespaces import NS as _NS
from congvan.ooxml.namespaces import W
from congvan.ooxml.package import ZipTemplate, read_parts

Finish = Callable[[etree._Element], None]
"""A last pass over a rendered document.xml tree (the decree's solid lines are sized here)."""
_TAG = re.compile(r"\{\{|\{%|\{#")
_LITERAL = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
"""docxtpl's escapes for a literal Jinja delimiter written in a template."""
_LITERAL_RE = re.compile("|".join(map(re.escape, _LITERAL)))
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
"""Text docxtpl's ``resolve_listing`` would change: a tab, line or page break in a <w:t>."""


def make_environment() -> SandboxedEnvironment:
    """Sandboxed, strict, escaping: a template from elsewhere cannot run code."""
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


class CompiledTemplate:
    """A .docx template prepared once, rendered many times."""

    def __init__(self, path: str | Path, finish: Finish | None = None):
        self.path = Path(path)
        self._finish = finish
        try:
            parts = read_parts(self.path)
            tpl = DocxTemplate(str(self.path))
            tpl.init_docx()
        except FileNotFoundError:
            raise TemplateError(f"không tìm thấy mẫu “{self.path}”.") from None
        except Exception as exc:  # a damaged .docx surfaces as many exception types
            raise TemplateError(f"mẫu “{self.path}” không phải tệp Word hợp lệ: {exc}") from None
        self._tpl = tpl
        self._env = make_environment()
        self._compiled: dict[str, jinja2.Template] = {}
        # Body: docxtpl turns the body into Jinja source; the rest of document.xml is a shell.
        body = tpl.get_xml()
        self._compiled["word/document.xml"] = self._compile(tpl.patch_xml(body), "word/document.xml")
        self._shell = _Shell(parts["word/document.xml"], body)
        for name, blob in parts.items():
            if re.match(r"word/(header|footer)\d*\.xml$", name) and _TAG.search(blob.decode("utf-8")):
                xml = tpl.xml_to_string(etree.fromstring(blob))
                self._compiled[name] = self._compile(tpl.patch_xml(xml), name)
        dynamic = set(self._compiled) | {"docProps/core.xml"}
        self._zip = ZipTemplate({k: v for k, v in parts.items() if k not in dynamic},
                                list(parts))

    def _compile(self, xml: str, part: str) -> jinja2.Template:
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)  # as docxtpl does, for its line numbers
        # A template's {_{ … }_} prints {{ … }}: resolved here, in the template, so that the
        # same characters in the data (rendered later) are printed as they are.
        xml = _LITERAL_RE.sub(lambda m: "{{ %r }}" % _LITERAL[m.group(0)], xml)
        try:
            return self._env.from_string(xml)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"mẫu “{self.path.name}” ({part}) có thẻ Jinja sai cú pháp: {exc.message} "
                f"— gần đoạn: “{_near(xml, exc.lineno)}”.") from None
        except Exception as exc:  # Jinja evaluates constant expressions ({{ 1 // 0 }}) here
            raise TemplateError(
                f"mẫu “{self.path.name}” ({part}) không dịch được: {type(exc).__name__}: {exc}.") from None

    def _render_part(self, name: str, context: dict) -> str:
        try:
            xml = self._compiled[name].render(context)
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"mẫu “{self.path.name}” dùng biến không có trong dữ liệu: {exc.message}.") from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"lỗi khi điền mẫu “{self.path.name}” ({name}): {exc}") from None
        except Exception as exc:  # a template expression failing in Python ({{ x + 1 }} on text)
            raise TemplateError(f"lỗi khi điền mẫu “{self.path.name}” ({name}): "
                                f"{type(exc).__name__}: {exc}") from None
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        # docxtpl's listing pass only rewrites \t \a \n \f inside <w:t>: skip it otherwise
        if ("\t" in xml or "\n" in xml or "\a" in xml or "\f" in xml) and _LISTING.search(xml):
            return self._tpl.resolve_listing(xml)
        return xml

    def render_parts(self, context: dict) -> dict[str, bytes]:
        """The parts that depend on the context, finished."""
        out = {}
        root = self._shell.document(self._tpl, self._render_part("word/document.xml", context))
        if self._finish:
            self._finish(root)
        out["word/document.xml"] = _serialize(root)
        for name in self._compiled:
            if name != "word/document.xml":
                out[name] = self._render_part(name, context).encode("utf-8")
        out["docProps/core.xml"] = core_properties(context.get("doc", {}).get("core", {}))
        return out

    def render(self, context: dict) -> bytes:
        """The finished .docx, byte-identical for identical context and template."""
        return self._zip.build(self.render_parts(context))


def render_reference(path: str | Path, context: dict, finish: Finish | None = None) -> dict[str, bytes]:
    """docxtpl's own full render (reload, reparse, render, save): the yardstick."""
    tpl = DocxTemplate(str(path))
    tpl.render(context, make_environment(), autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    parts = read_parts(buffer.getvalue())
    root = etree.fromstring(parts["word/document.xml"])
    if finish:
        finish(root)
    parts["word/document.xml"] = _serialize(root)
    return parts


class _Shell:
    """document.xml around its body, ready to take a rendered body.

    docxtpl parses the rendered body on its own (``fix_tables``), then moves it
    into the document, which re-links every namespace in it. Parsing the body in
    place, inside the rest of document.xml, gives the same tree in one pass.
    That is only done when it is exactly equivalent: the body declares no
    namespace and has no attribute of its own, and no table needs docxtpl's
    grid fix; otherwise docxtpl's own steps run.
    """

    def __init__(self, document_xml: bytes, body_source: str):
        root = etree.fromstring(document_xml)
        body = root.find("w:body", _NS)
        plain = body is not None and not body.attrib and body.nsmap == root.nsmap
        if body is not None:
            root.replace(body, etree.Element(f"{{{W}}}body"))
        self._document = etree.tostring(root)
        """document.xml with an empty body, for docxtpl's path."""
        text = etree.tostring(root, encoding="unicode")
        opening = re.match(r"<w:body(?:\s[^>]*)?>", body_source)
        self._inline = bool(plain and opening and text.count("<w:body/>") == 1)
        self._head, _, self._tail = text.partition("<w:body/>")
        self._opening = opening.group(0) if opening else ""

    def document(self, tpl: DocxTemplate, body_xml: str):
        """The document's root element holding the rendered body, tables fixed as
        docxtpl's ``fix_tables`` does."""
        if self._inline and body_xml.startswith(self._opening):
            root = etree.fromstring(
                self._head + "<w:body>" + body_xml[len(self._opening):] + self._tail,
                parser=etree.XMLParser(recover=True))
            body = root.find("w:body", _NS)
            if body is not None and not any(map(_grid_needs_fix, body.iter(f"{{{W}}}tbl"))):
                return root
        root = etree.fromstring(self._document)
        root.replace(root.find("w:body", _NS), tpl.fix_tables(body_xml))
        return root


# docxtpl's fix_tables only changes a table's grid when a row has more cells than the
# grid has columns, or when no row fills the grid (counting w:gridSpan as it does).
_GRID_COLUMNS = etree.XPath("count(w:tblGrid[1]/w:gridCol)", namespaces=_NS)
_ROW_TOO_WIDE = etree.XPath("boolean(.//w:tr[count(w:tc) > $columns])", namespaces=_NS)
_ROW_FILLS_GRID = etree.XPath(
    "boolean(.//w:tr[count(w:tc) - count(w:tc/w:tcPr[1]/w:gridSpan[1])"
    " + sum(w:tc/w:tcPr[1]/w:gridSpan[1]/@w:val) >= $columns])", namespaces=_NS)


def _grid_needs_fix(table) -> bool:
    columns = _GRID_COLUMNS(table)
    return _ROW_TOO_WIDE(table, columns=columns) or not _ROW_FILLS_GRID(table, columns=columns)


def _serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _near(xml: str, lineno: int | None) -> str:
    lines = xml.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    return re.sub(r"<[^>]+>", "", lines[lineno - 1])[:120]
