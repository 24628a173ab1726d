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
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from congvan.exceptions import TemplateError
from congvan.ooxml.core_properties import core_properties
from congvan.ooxml.package import ZipTemplate, read_parts
from congvan.ooxml.shell import Shell, serialize
from congvan.ooxml.string_render import ValueCheck, analyse

Finish = Callable[[etree._Element], None]
"""A last pass over a rendered document.xml tree (the decree's solid lines are sized here)."""
FinishText = Callable[[bytes], "bytes | None"]
"""The same pass over document.xml as UTF-8 text (declaration included): the finished
text, or None when it cannot be done exactly on text (then the tree path renders)."""
DOCUMENT = "word/document.xml"
_TAG = re.compile(r"\{\{|\{%|\{#")
_LITERAL = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
"""docxtpl's escapes for a literal Jinja delimiter written in a template."""
_LITERAL_RE = re.compile("|".join(map(re.escape, _LITERAL)))
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
"""Text docxtpl's ``resolve_listing`` would change: a tab, line or page break in a <w:t>."""


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Sandbox(SandboxedEnvironment):
    """The sandbox, with a short way to the items of a plain dict.

    A context is dicts all the way down, and ``{{ task.text }}`` on a dict first tries an
    attribute, which fails with an exception, before the item: a fifth of a letter's
    render went there. A dict instance has no attributes but those of ``dict``, so for
    any other name the item is what the general path returns too (or the same undefined).
    Everything else takes the general path.
    """

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        if type(obj) is LoopContext and not attribute.startswith("_"):
            # ``loop.first`` in every row: the sandbox allows any public name of Jinja's own
            # loop object (its checks look only at the name for such an object)
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)


def make_environment(finalize=None) -> SandboxedEnvironment:
    """Sandboxed, strict, escaping: a template from elsewhere cannot run code.
    ``finalize`` sees every printed value (and returns it unchanged)."""
    return _Sandbox(undefined=jinja2.StrictUndefined, autoescape=True, finalize=finalize)


class CompiledTemplate:
    """A .docx template prepared once, rendered many times.

    document.xml is rendered as a string (:mod:`congvan.ooxml.string_render`) when
    the template allows it, and through an lxml tree otherwise; both give the same
    bytes. ``finish`` is a last pass over the tree; ``finish_text`` the same pass
    over the text (without it, a template with ``finish`` always takes the tree).
    """

    def __init__(self, path: str | Path, finish: Finish | None = None,
                 finish_text: FinishText | None = None):
        self.path = Path(path)
        self._finish = finish
        self._finish_text = finish_text
        try:
            parts = read_parts(self.path)
            tpl = DocxTemplate(str(self.path))
            tpl.init_docx()
        except FileNotFoundError:
            raise TemplateError(f"không tìm thấy mẫu “{self.path}”.") from None
        except Exception as exc:  # a damaged .docx surfaces as many exception types
            raise TemplateError(f"mẫu “{self.path}” không phải tệp Word hợp lệ: {exc}") from None
        self._tpl = tpl
        self._check = ValueCheck()
        self._env = make_environment(finalize=self._check)
        self._compiled: dict[str, jinja2.Template] = {}
        # Body: docxtpl turns the body into Jinja source; the rest of document.xml is a shell.
        body = tpl.get_xml()
        self._check.exact = True
        self._compiled[DOCUMENT], source = self._compile(tpl.patch_xml(body), DOCUMENT)
        self._shell = Shell(parts[DOCUMENT], body)
        self._head, self._tail = self._shell.head.encode(), self._shell.tail.encode()
        self._opening = self._shell.opening.encode()
        self._plan = None
        """Set when the string path is proved exact for this template."""
        self._plain: jinja2.Template | None = None
        """The body compiled without docxtpl's newline before each <w:p (see _plain_form)."""
        if self._check.exact and self._shell.inline and (finish is None or finish_text):
            # constants Jinja folded were checked while compiling (self._check.exact)
            self._plan = analyse(self._env, "<w:body>" + source[len(self._shell.opening):])
        if self._plan and self._plain_form(source):
            self._plain = self._env.from_string(source)
        for name, blob in parts.items():
            if re.match(r"word/(header|footer)\d*\.xml$", name) and _TAG.search(blob.decode("utf-8")):
                xml = tpl.xml_to_string(etree.fromstring(blob))
                self._compiled[name] = self._compile(tpl.patch_xml(xml), name)[0]
        dynamic = set(self._compiled) | {"docProps/core.xml"}
        self._zip = ZipTemplate({k: v for k, v in parts.items() if k not in dynamic},
                                list(parts))

    @property
    def string_path(self) -> bool:
        """Whether document.xml is rendered without an XML parse (when each value allows)."""
        return self._plan is not None

    def _compile(self, xml: str, part: str) -> tuple[jinja2.Template, str]:
        """The compiled part and its Jinja source as rendered text will read it."""
        # A template's {_{ … }_} prints {{ … }}: resolved here, in the template, so that the
        # same characters in the data (rendered later) are printed as they are.
        xml = _LITERAL_RE.sub(lambda m: "{{ %r }}" % _LITERAL[m.group(0)], xml)
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)  # as docxtpl does, for its line numbers
        try:
            return self._env.from_string(source), xml
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"mẫu “{self.path.name}” ({part}) có thẻ Jinja sai cú pháp: {exc.message} "
                f"— gần đoạn: “{_near(source, exc.lineno)}”.") from None
        except Exception as exc:  # Jinja evaluates constant expressions ({{ 1 // 0 }}) here
            raise TemplateError(
                f"mẫu “{self.path.name}” ({part}) không dịch được: {type(exc).__name__}: {exc}.") from None

    def _plain_form(self, source: str) -> bool:
        """Whether the body may be compiled without docxtpl's newline before each ``<w:p``
        (inserted for line numbers, removed after rendering): exactly the same text when
        Jinja only concatenates (no whitespace control), every ``<w:p`` is template text
        and no value prints markup (checked per render: else docxtpl's form renders)."""
        if "\n<w:p" in source or re.search(r"\{[{%#]-|-[}%#]\}", source):
            return False
        in_data = sum(len(re.findall(r"<w:p[ >]", value))
                      for _, kind, value in self._env.lex(source) if kind == "data")
        return in_data == len(re.findall(r"<w:p[ >]", source))

    def _render_part(self, name: str, context: dict) -> tuple[str, bool]:
        """The rendered part, and whether docxtpl's listing pass changed it."""
        xml = self._run(self._compiled[name], name, context)
        return self._listing(xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>"))

    def _listing(self, xml: str) -> tuple[str, bool]:
        # docxtpl's listing pass only rewrites \t \a \n \f inside <w:t>: skip it otherwise
        if ("\t" in xml or "\n" in xml or "\a" in xml or "\f" in xml) and _LISTING.search(xml):
            return self._tpl.resolve_listing(xml), True
        return xml, False

    def _run(self, template: jinja2.Template, name: str, context: dict) -> str:
        try:
            return template.render(context)
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"mẫu “{self.path.name}” dùng biến không có trong dữ liệu: {exc.message}.") from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"lỗi khi điền mẫu “{self.path.name}” ({name}): {exc}") from None
        except Exception as exc:  # a template expression failing in Python ({{ x + 1 }} on text)
            raise TemplateError(f"lỗi khi điền mẫu “{self.path.name}” ({name}): "
                                f"{type(exc).__name__}: {exc}") from None

    def _document(self, context: dict, tree: bool) -> bytes:
        self._check.exact = True
        body = None
        if self._plain is not None and not tree:
            body, listing = self._listing(self._run(self._plain, DOCUMENT, context))
            if not self._check.exact:
                body = None  # a value is not plain text: docxtpl's own form renders it
        if body is None:
            self._check.exact = True
            body, listing = self._render_part(DOCUMENT, context)
        opening = self._shell.opening
        if self._plan and self._check.exact and not tree and body.startswith(opening):
            # A 50,000-row appendix is 60 million characters: the passes work on its UTF-8
            # (half the size of the text with Vietnamese letters), and each step lets go of
            # what it was given before the next one copies it.
            body = body.encode("utf-8")
            body = body.replace(self._opening, b"<w:body>", 1)
            body = self._plan.canonical(body, listing)
            text = b"".join((self._head, body, self._tail))
            del body
            if self._finish_text:
                text = self._finish_text(text)
            if text is None:  # the finishing pass needs the tree: render for it (rare)
                return self._document(context, tree=True)
            return text
        root = self._shell.document(self._tpl, body)
        if self._finish:
            self._finish(root)
        return serialize(root)

    def render_parts(self, context: dict, *, tree: bool = False) -> dict[str, bytes]:
        """The parts that depend on the context, finished (``tree``: through the XML
        tree even where the string path applies; the bytes are the same)."""
        out = {DOCUMENT: self._document(context, tree)}
        for name in self._compiled:
            if name != DOCUMENT:
                out[name] = self._render_part(name, context)[0].encode("utf-8")
        out["docProps/core.xml"] = core_properties(context.get("doc", {}).get("core", {}))
        return out

    def render(self, context: dict, *, tree: bool = False) -> bytes:
        """The finished .docx, byte-identical for identical context and template."""
        return self._zip.build(self.render_parts(context, tree=tree))


def render_reference(path: str | Path, context: dict, finish: Finish | None = None) -> dict[str, bytes]:
    """docxtpl's own full render (reload, reparse, render, save): the yardstick."""
    tpl = DocxTemplate(str(path))
    tpl.render(context, make_environment(), autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    parts = read_parts(buffer.getvalue())
    root = etree.fromstring(parts[DOCUMENT])
    if finish:
        finish(root)
    parts[DOCUMENT] = serialize(root)
    return parts


def _near(xml: str, lineno: int | None) -> str:
    lines = xml.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    return re.sub(r"<[^>]+>", "", lines[lineno - 1])[:120]
