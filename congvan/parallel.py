"""Unit letters rendered on every core when there are many of them.

Rendering one letter is CPU-bound Python (Jinja, lxml, zlib) and the GIL keeps
a single process on one core. Above :data:`PARALLEL_THRESHOLD` letters the unit
ids are split into chunks that a pool of worker processes renders; each worker
receives the data and compiles the letter template once, in its initializer,
and afterwards only unit ids travel to it and finished bytes travel back.

The result is the serial result: same documents, same bytes, same order.
Small batches (and ``workers=1``) are rendered in-process, since starting
workers costs more than it saves. If no pool can be started at all (a sandbox
without process support), the letters are rendered serially as well.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from . import builder
from .context import letter_context
from .units import assignments

if TYPE_CHECKING:  # builder imports this module lazily; keep the import graph acyclic
    from .builder import Document
    from .model import Data
    from .render import CompiledTemplate

__all__ = ["PARALLEL_THRESHOLD", "START_METHOD", "LetterRenderer", "default_workers",
           "render_letters_parallel"]

PARALLEL_THRESHOLD = 200
"""Batches of more letters than this are spread over worker processes."""
START_METHOD = "forkserver"
"""How workers are started: never ``fork`` (the caller may run threads, e.g.
``watch``); ``forkserver`` starts each worker from a clean, already-running
server process, measurably faster than ``spawn`` (see benchmarks/README.md)."""
CHUNKS_PER_WORKER = 4
"""Chunks handed to each worker: enough to even out uneven letters."""


class LetterRenderer:
    """Renders the letters of one data set; the template is compiled on first use."""

    def __init__(self, data: Data, templates_dir: str | os.PathLike):
        self.data = data
        self.tasks = assignments(data)
        self.paths = builder.letter_paths(data)
        self.template_path = Path(templates_dir) / builder.LETTER_TEMPLATE
        self._template: CompiledTemplate | None = None

    @property
    def template(self) -> CompiledTemplate:
        """The compiled letter template (compiled once per process)."""
        if self._template is None:
            self._template = builder.compiled(self.template_path)
        return self._template

    def wanted(self, unit_ids: Iterable[str]) -> list[str]:
        """The ids among ``unit_ids`` that have a letter (at least one task)."""
        return [uid for uid in unit_ids if uid in self.tasks]

    def render(self, uid: str) -> Document:
        """The letter of one unit that has tasks."""
        ctx = letter_context(self.data, self.data.units[uid], self.tasks[uid])
        return builder.Document(self.paths[uid], "unit-letter", uid, self.template.render(ctx))

    def render_many(self, unit_ids: Iterable[str]) -> list[Document]:
        """Letters of ``unit_ids`` (which must all have tasks), in that order."""
        return [self.render(uid) for uid in unit_ids]


def default_workers() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def render_letters_parallel(data: Data, unit_ids: Iterable[str],
                            templates_dir: str | os.PathLike, workers: int | None = None, *,
                            threshold: int = PARALLEL_THRESHOLD) -> list[Document]:
    """The letters of ``unit_ids`` (ids without tasks are skipped), in that order.

    Byte-identical to rendering them one by one in this process, which is what
    happens for ``threshold`` letters or fewer, or when only one worker is
    available. Errors are those of the serial path (:class:`TemplateError`…).
    """
    renderer = LetterRenderer(data, templates_dir)
    ids = renderer.wanted(unit_ids)
    workers = default_workers() if workers is None else max(1, workers)
    workers = min(workers, len(ids))
    if workers <= 1 or len(ids) <= threshold:
        return renderer.render_many(ids)
    renderer.template  # a broken template fails here, in this process, before any worker starts
    try:
        return _render_in_pool(data, templates_dir, ids, workers)
    except (BrokenProcessPool, OSError):  # no usable process pool: same result, one core
        return renderer.render_many(ids)


def _render_in_pool(data: Data, templates_dir, ids: list[str], workers: int) -> list[Document]:
    context = multiprocessing.get_context(START_METHOD)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_init_worker,
                             initargs=(data, str(templates_dir))) as pool:
        results = pool.map(_render_chunk, _chunks(ids, workers * CHUNKS_PER_WORKER))
        return [doc for chunk in results for doc in chunk]


def _chunks(items: Sequence[str], count: int) -> list[list[str]]:
    """``items`` cut into at most ``count`` consecutive, nearly equal chunks."""
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        if end > start:
            out.append(list(items[start:end]))
        start = end
    return out


# --- Inside a worker process ---------------------------------------------------

_worker_renderer: LetterRenderer | None = None


def _init_worker(data: Data, templates_dir: str) -> None:
    """Receive the data and compile the letter template, once per worker."""
    global _worker_renderer
    _worker_renderer = LetterRenderer(data, templates_dir)
    _worker_renderer.template


def _render_chunk(unit_ids: list[str]) -> list[Document]:
    return _worker_renderer.render_many(unit_ids)
