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

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from congvan.builder.letters import LetterRenderer
from congvan.builder.rendered import RenderedFile
from congvan.builder.reuse import Reuse
from congvan.data.model import Data

__all__ = ["PARALLEL_THRESHOLD", "SAFE_PARALLEL_THRESHOLD", "SAFE_START_METHOD",
           "default_workers", "render_letters_parallel", "start_method"]

PARALLEL_THRESHOLD = 200
"""Batches of more letters than this are shared with forked workers (they start in
milliseconds, with everything already loaded)."""
SAFE_START_METHOD = "forkserver"
"""How workers start when forking is not safe (another thread runs, as in ``watch``):
from a clean server process. Here it is as fast as ``spawn`` (benchmarks/README.md)."""
SAFE_PARALLEL_THRESHOLD = 600
"""Batches of more letters than this are shared with workers that are not forked:
each must import congvan and receive the data (about 0.3 s), which only pays off
for a few hundred letters."""
THRESHOLD_ENV = "CONGVAN_PARALLEL_THRESHOLD"
"""Environment variable that replaces the default threshold (tests use it to reach the
pool with small data)."""
CHUNKS_PER_WORKER = 32
"""Chunks per process: small enough for all of them to finish together."""
SWITCH_INTERVAL = 0.0005
"""Seconds this process's rendering keeps the interpreter while the pool's thread waits."""


def default_workers() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def render_letters_parallel(data: Data, unit_ids: Iterable[str],
                            templates_dir: str | os.PathLike, workers: int | None = None, *,
                            threshold: int | None = None, paths: dict[str, str] | None = None,
                            reuse: Reuse | None = None,
                            alongside: Callable[[], list[RenderedFile]] | None = None
                            ) -> list[RenderedFile]:
    """The letters of ``unit_ids`` (ids without tasks are skipped), in that order, after
    what ``alongside`` returns.

    ``alongside`` is other work of this process (the document itself, its check): it runs
    here once the workers have their first letters, so that both cores are busy, then this
    process renders the letters no worker has taken yet.

    ``workers`` counts this process, which renders too: ``workers - 1`` processes
    are started (default: one per core, less this one). Byte-identical to
    rendering the letters one by one here, which is what happens for
    ``threshold`` letters or fewer (default: :data:`PARALLEL_THRESHOLD`, or
    :data:`SAFE_PARALLEL_THRESHOLD` when workers cannot be forked), or with one
    worker. Errors are those of the serial path (:class:`TemplateError`…). ``paths``
    (unit id → file path) and ``reuse`` as for :class:`LetterRenderer`.
    """
    renderer = LetterRenderer(data, templates_dir, paths=paths, reuse=reuse)
    ids = renderer.wanted(unit_ids)
    workers = min(default_workers() if workers is None else max(1, workers), len(ids))
    method = start_method()
    if threshold is None:
        threshold = _env_threshold()
    if threshold is None:
        threshold = PARALLEL_THRESHOLD if method == "fork" else SAFE_PARALLEL_THRESHOLD
    ran: list[list[RenderedFile]] = []

    def first() -> list[RenderedFile]:
        """``alongside``'s result, from its one run."""
        if not ran:
            ran.append(alongside() if alongside else [])
        return ran[0]

    if workers <= 1 or len(ids) <= threshold:
        return first() + renderer.render_many(ids)
    renderer.template  # a broken template fails here, in this process, before any worker starts
    try:
        return _render_in_pool(renderer, ids, workers, method, first)
    except (BrokenProcessPool, OSError):  # no usable process pool: same result, one core
        return first() + renderer.render_many(ids)


def _env_threshold() -> int | None:
    try:
        return max(0, int(os.environ[THRESHOLD_ENV]))
    except (KeyError, ValueError):
        return None


def start_method() -> str:
    """``fork`` when it is safe, the fastest start; else :data:`SAFE_START_METHOD`.

    Forking is safe only while this process has a single thread (no other
    thread can hold a lock the children would inherit locked); the OS's own
    thread list is read, so threads started by native code count too.
    """
    available = multiprocessing.get_all_start_methods()
    if "fork" in available and _single_threaded():
        return "fork"
    return SAFE_START_METHOD if SAFE_START_METHOD in available else "spawn"


def _single_threaded() -> bool:
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc (macOS, Windows): do not assume
        return False


def _render_in_pool(renderer: LetterRenderer, ids: list[str], workers: int,
                    method: str, first: Callable[[], list[RenderedFile]]) -> list[RenderedFile]:
    """``workers - 1`` processes and this one share the chunks: this one runs ``first``,
    then renders each chunk not yet taken by a process (its future can still be
    cancelled)."""
    chunks = _chunks(ids, workers * CHUNKS_PER_WORKER)
    context = multiprocessing.get_context(method)
    # A forked worker shares this process's memory until it writes to it; the cyclic
    # collector writes to every object it walks, so a collection in the worker would copy
    # the whole loaded data set. Frozen objects are never walked. What the loader froze
    # stays frozen afterwards (congvan/gcpause.py): unfreezing it here cost a full walk of
    # the data set by the next collection.
    thaw = method == "fork" and not gc.get_freeze_count()
    if method == "fork":
        gc.freeze()
    try:
        return _share(renderer, chunks, workers, context, first)
    finally:
        if thaw:
            gc.unfreeze()


def _share(renderer: LetterRenderer, chunks: list[list[str]], workers: int,
           context, first: Callable[[], list[RenderedFile]]) -> list[RenderedFile]:
    # The pool's own thread here hands each worker its next chunk and takes its letters;
    # it waits for this thread to let go of the interpreter, by default up to 5 ms at each
    # step, and a worker waited 10–20 ms between chunks while the document rendered here.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        return _run_pool(renderer, chunks, workers, context, first)
    finally:
        sys.setswitchinterval(interval)


def _run_pool(renderer: LetterRenderer, chunks: list[list[str]], workers: int,
              context, first: Callable[[], list[RenderedFile]]) -> list[RenderedFile]:
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context,
                             initializer=_init_worker, initargs=(renderer, os.getpid())) as pool:
        futures = [pool.submit(_render_chunk, chunk) for chunk in chunks]
        try:
            before = first()
            here = {n: renderer.render_many(chunks[n])
                    for n in reversed(range(len(chunks))) if futures[n].cancel()}
            return before + [doc for n, future in enumerate(futures)
                             for doc in (here[n] if n in here else future.result())]
        finally:
            for future in futures:  # after an error, no worker starts another chunk
                future.cancel()


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


def _init_worker(renderer: LetterRenderer, parent: int) -> None:
    """Tie this worker's life to the build's, keep the renderer and compile its
    template, once per worker (a forked worker inherits both already made).

    Ctrl+C is left to the parent (it stops the build); a worker would only
    print a second traceback. SIGTERM ends a worker at once (a forked one would
    otherwise inherit the CLI's handler).
    """
    global _worker_renderer
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    _worker_renderer = renderer
    renderer.template


_PR_SET_PDEATHSIG = 1
"""``prctl`` option: the signal the kernel sends this process when its parent dies."""


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the process that started it dies (Linux),
    and leave at once if the build is already gone (it died before we got here).

    Without this a worker of a killed build waits on its pipe for ever, holding
    memory and the caller's terminal.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pool notices a dead parent itself
        pass
    if os.getppid() == 1 or not _alive(parent):
        os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else: not ours, but alive
        return True
    return True


def _render_chunk(unit_ids: list[str]) -> list[RenderedFile]:
    return _worker_renderer.render_many(unit_ids)
