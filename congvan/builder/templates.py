"""Where the .docx templates are, and each compiled once per process."""

from __future__ import annotations

import functools
from pathlib import Path

from congvan.builder.layout_pass import apply_layout
from congvan.nd30.solid_lines import LINE_STYLE, LINE_STYLE_NAME, fit_lines, fit_lines_text
from congvan.ooxml.styles import style_id
from congvan.ooxml.template import CompiledTemplate


DISPATCH_TEMPLATE = "cong-van.docx"
GENERAL_TEMPLATE = "van-ban.docx"
LETTER_TEMPLATE = "thu-don-vi.docx"


class LaidOutTemplate(CompiledTemplate):
    """A template whose context may carry a ``layout`` (declared-column tables, section
    orientations): applied to the rendered document before it is packed."""

    def render_parts(self, context: dict, *, tree: bool = False) -> dict[str, bytes]:
        parts = super().render_parts(context, tree=tree)
        if context.get("layout"):
            parts["word/document.xml"] = apply_layout(parts["word/document.xml"],
                                                      context["layout"])
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
        finish = _line_sizing(path)
        _cache[name] = (stamp, LaidOutTemplate(path, finish=finish, finish_text=functools.partial(
            fit_lines_text, line_style=finish.keywords["line_style"], fit=finish)))
    return _cache[name][1]


def _line_sizing(path: Path):
    """The decree's line sizing for the line style as this template calls it: a template
    saved by an office suite keeps the style's name, not always its id."""
    return functools.partial(fit_lines, line_style=style_id(path, LINE_STYLE_NAME) or LINE_STYLE)
