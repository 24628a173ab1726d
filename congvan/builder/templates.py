"""Where the .docx templates are, and each compiled once per process."""

from __future__ import annotations

import functools
from pathlib import Path

from congvan.builder.anchors import place_anchors, place_anchors_text
from congvan.builder.layout_pass import apply_layout
from congvan.nd30.solid_lines import LINE_STYLE, LINE_STYLE_NAME, fit_lines, fit_lines_text
from congvan.ooxml import custom_properties
from congvan.ooxml.package import CONTENT_TYPES, ROOT_RELS, read_parts
from congvan.ooxml.styles import style_id
from congvan.ooxml.template import CompiledTemplate
from congvan.output.manifest import file_sha256


DISPATCH_TEMPLATE = "cong-van.docx"
GENERAL_TEMPLATE = "van-ban.docx"
LETTER_TEMPLATE = "thu-don-vi.docx"


class LaidOutTemplate(CompiledTemplate):
    """A template whose context may carry a ``layout`` (declared-column tables, section
    orientations), applied to the rendered document before it is packed, and
    ``properties`` (custom document properties), written to ``docProps/custom.xml``
    beside the template's own (see :mod:`congvan.builder.anchors`)."""

    def __init__(self, path, finish=None, finish_text=None):
        super().__init__(path, finish=finish, finish_text=finish_text)
        parts = read_parts(self.path)
        self.digest = file_sha256(self.path)
        """The template file's sha256: part of every rendered file's inputs."""
        self._package = (parts.get(CONTENT_TYPES), parts.get(ROOT_RELS))
        self._custom = custom_properties.read(parts.get(custom_properties.PART))
        self._entries: tuple[bytes, bytes] | None = None

    def render_parts(self, context: dict, *, tree: bool = False) -> dict[str, bytes]:
        parts = super().render_parts(context, tree=tree)
        if context.get("layout"):
            parts["word/document.xml"] = apply_layout(parts["word/document.xml"],
                                                      context["layout"])
        if context.get("properties") and all(self._package):
            if self._entries is None:
                self._entries = custom_properties.package_entries(*self._package)
            parts[CONTENT_TYPES], parts[ROOT_RELS] = self._entries
            parts[custom_properties.PART] = custom_properties.write(
                {**self._custom, **context["properties"]})
        return parts


def document_template(data) -> str:
    """The template of the document itself: the công văn with its classic appendix keeps
    ``cong-van.docx``; every other layout (a type name, declared columns, several
    appendices, a list, none) is ``van-ban.docx``."""
    classic = (data.document.kind.key == "cong-van" and len(data.appendices) == 1
               and data.appendix.classic)
    return DISPATCH_TEMPLATE if classic else GENERAL_TEMPLATE


def default_templates_dir() -> Path:
    """The project's own templates: ``templates/`` of a checkout, or the installed copy."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "templates"
    return checkout if (checkout / DISPATCH_TEMPLATE).is_file() else package / "templates"


_cache: dict[str, tuple[tuple, LaidOutTemplate]] = {}
"""Resolved path → (modification stamp, compiled template): one entry per template file,
so a long ``--watch`` session does not keep every earlier version of an edited template."""


def compiled(path: Path) -> LaidOutTemplate:
    """A template prepared once per process (and again only when the file changes), its
    rendered documents finished by the decree's line sizing."""
    try:
        stat = path.stat()
        name, stamp = str(path.resolve()), (stat.st_mtime_ns, stat.st_size)
    except OSError:
        name, stamp = str(path), None
    cached = _cache.get(name)
    if cached is None or cached[0] != stamp:
        finish, finish_text = _finishing(path)
        _cache[name] = (stamp, LaidOutTemplate(path, finish=finish, finish_text=finish_text))
    return _cache[name][1]


def _finishing(path: Path):
    """The finishing pass of a rendered document, on the tree and on text (the same bytes):
    the anchors' markers become bookmarks (:mod:`congvan.builder.anchors`), then the
    decree's lines are sized for the line style as this template calls it (a template
    saved by an office suite keeps the style's name, not always its id)."""
    sizing = functools.partial(fit_lines,
                               line_style=style_id(path, LINE_STYLE_NAME) or LINE_STYLE)
    sizing_text = functools.partial(fit_lines_text, line_style=sizing.keywords["line_style"],
                                    fit=sizing)

    def finish(root) -> None:
        place_anchors(root)
        sizing(root)

    def finish_text(xml: bytes) -> bytes | None:
        anchored = place_anchors_text(xml)
        return None if anchored is None else sizing_text(anchored)

    return finish, finish_text
