"""``build(data, output_dir)``: the dispatch and every unit's letter, written safely.

Documents are rendered in memory first; only when all of them rendered does the
writer touch the output folder (so bad data or a broken template writes nothing).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import text as textutil
from .context import dispatch_context
from .exceptions import UsageProblem
from .model import Data
from .parallel import render_letters_parallel
from .render import CompiledTemplate
from .slug import unique_slugs
from .units import expand
from .writer import OutputWriter, WriteReport

DISPATCH_FILE = "cong-van.docx"
LETTER_DIR = "don-vi"
DISPATCH_TEMPLATE = "cong-van.docx"
LETTER_TEMPLATE = "thu-don-vi.docx"


def default_templates_dir() -> Path:
    """The project's own templates: ``templates/`` of a checkout, or the installed copy."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "templates"
    return checkout if (checkout / DISPATCH_TEMPLATE).is_file() else here / "templates"


_cache: dict[str, tuple[tuple, CompiledTemplate]] = {}
"""Resolved path → (modification stamp, compiled template): one entry per template file,
so a long ``--watch`` session does not keep every earlier version of an edited template."""


def compiled(path: Path) -> CompiledTemplate:
    """A template prepared once per process (and again only when the file changes)."""
    try:
        stat = path.stat()
        name, stamp = str(path.resolve()), (stat.st_mtime_ns, stat.st_size)
    except OSError:
        name, stamp = str(path), None
    cached = _cache.get(name)
    if cached is None or cached[0] != stamp:
        _cache[name] = (stamp, CompiledTemplate(path))
    return _cache[name][1]


@dataclass(frozen=True)
class RenderedFile:
    """One rendered file, before it is written."""

    path: str
    """Relative to the output folder."""
    kind: str
    """``dispatch`` or ``unit-letter``."""
    unit: str | None
    data: bytes


def letter_paths(data: Data) -> dict[str, str]:
    """Unit id → ``don-vi/<slug>.docx`` for every unit in the registry (stable, unique)."""
    ids = list(data.units)
    slugs = unique_slugs([data.units[u].short for u in ids])
    return {uid: f"{LETTER_DIR}/{slug}.docx" for uid, slug in zip(ids, slugs)}


def resolve_units(data: Data, requested) -> list[str]:
    """Receiving unit ids for ``--unit`` values; a group stands for its members.

    Raises :class:`UsageProblem` for an unknown id, naming the closest ones.
    """
    out: list[str] = []
    for uid in requested:
        if uid not in data.units:
            # People type ids or names: match both, show each unit once.
            by_name = {u.short: u.id for u in data.units.values()}
            close = textutil.suggest(uid, list(data.units) + list(by_name), n=3)
            close = list(dict.fromkeys(by_name.get(c, c) for c in close))
            shown = [f"{c} ({data.units[c].short})" for c in close]
            hint = (" Có phải ý bạn là: " + ", ".join(shown) + "?") if close else (
                " Xem danh sách bằng lệnh: congvan units <tệp dữ liệu>.")
            raise UsageProblem(f'không có đơn vị mã "{uid}" trong {data.file or "dữ liệu"}.{hint}')
        for member in expand([uid], data.units):
            if member not in out:
                out.append(member)
    return out


def render_documents(data: Data, *, units=None, dispatch: bool | None = None,
                     templates_dir: Path | None = None) -> list[RenderedFile]:
    """Render, in memory, the dispatch (unless only units were asked) and the letters."""
    templates_dir = Path(templates_dir or default_templates_dir())
    docs: list[RenderedFile] = []
    if dispatch is None:
        dispatch = not units
    if dispatch:
        docs.append(RenderedFile(DISPATCH_FILE, "dispatch", None,
                             compiled(templates_dir / DISPATCH_TEMPLATE).render(dispatch_context(data))))
    wanted = resolve_units(data, units) if units else list(data.units)
    docs += render_letters_parallel(data, wanted, templates_dir)
    return docs


def build(data: Data, output_dir: str | os.PathLike, *, units=None, dispatch: bool | None = None,
          force: bool = False, templates_dir: Path | None = None) -> WriteReport:
    """Render everything, then write it into ``output_dir`` with ``manifest.json``.

    ``units`` limits the letters to those unit ids (groups expand to members) and
    leaves the other files of the folder alone; the dispatch is then built only
    if ``dispatch`` is true. Files edited by hand since the last build stop the
    build unless ``force`` (then they are backed up first).
    """
    docs = render_documents(data, units=units, dispatch=dispatch, templates_dir=templates_dir)
    writer = OutputWriter(output_dir, force=force, partial=bool(units))
    for doc in docs:
        writer.add(doc.path, doc.data, kind=doc.kind, unit=doc.unit)
    return writer.commit()
