"""Where the .docx templates are, and each compiled once per process."""

from __future__ import annotations

from pathlib import Path

from congvan.nd30.solid_lines import fit_lines, fit_lines_text
from congvan.ooxml.template import CompiledTemplate

DISPATCH_TEMPLATE = "cong-van.docx"
LETTER_TEMPLATE = "thu-don-vi.docx"


def default_templates_dir() -> Path:
    """The project's own templates: ``templates/`` of a checkout, or the installed copy."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "templates"
    return checkout if (checkout / DISPATCH_TEMPLATE).is_file() else package / "templates"


_cache: dict[str, tuple[tuple, CompiledTemplate]] = {}
"""Resolved path → (modification stamp, compiled template): one entry per template file,
so a long ``--watch`` session does not keep every earlier version of an edited template."""


def compiled(path: Path) -> CompiledTemplate:
    """A template prepared once per process (and again only when the file changes), its
    rendered documents finished by the decree's line sizing."""
    try:
        stat = path.stat()
        name, stamp = str(path.resolve()), (stat.st_mtime_ns, stat.st_size)
    except OSError:
        name, stamp = str(path), None
    cached = _cache.get(name)
    if cached is None or cached[0] != stamp:
        _cache[name] = (stamp, CompiledTemplate(path, finish=fit_lines,
                                                 finish_text=fit_lines_text))
    return _cache[name][1]
