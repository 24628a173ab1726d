"""``congvan build --watch``: rebuild every time the data file or a template is saved.

:func:`watch` builds once, then waits for changes to the data file and to the
``.docx`` templates and rebuilds after each save. A save that breaks something
(bad data, a template error, generated files edited by hand) is reported and
the watch goes on, waiting for the next save. Nothing is printed here: every
report goes through the caller's ``echo``, one call per build.

The output folder's lock is the writer's (:mod:`congvan.output.lock`): the watch
holds it only while a build writes, so a build from another terminal goes
through between saves, and a save made while another build holds the folder is
reported like any other error.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import watchfiles

from congvan.builder.pipeline import build
from congvan.builder.templates import default_templates_dir
from congvan.data.loader import load
from congvan.exceptions import CongvanError, UsageProblem, shown

__all__ = ["ChangeFilter", "build_once", "error_line", "is_template_name", "rebuild_line", "watch"]

TEMPLATE_SUFFIX = ".docx"
"""Only files with this suffix in the templates folder are templates."""
LOCK_PREFIXES = ("~$", ".~lock.", ".")
"""Word's owner files (``~$mau.docx``), LibreOffice locks and hidden temp files."""
_STARTUP_MS = 200
"""How long the watcher waits before reporting "no change yet": the first such report
says it is ready (then the first build runs); later ones are ignored."""


@dataclass(frozen=True)
class ChangeFilter:
    """Which changed paths call for a rebuild: the data file and the templates."""

    data_file: Path
    """The data file, resolved."""
    templates_dir: Path
    """The templates folder, resolved; only ``*.docx`` files directly inside count."""

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        changed = Path(path)
        if changed == self.data_file:
            return True
        return changed.parent == self.templates_dir and is_template_name(changed.name)


def is_template_name(name: str) -> bool:
    """``mau.docx`` yes; ``~$mau.docx``, ``.~lock.mau.docx#`` and other temp files no."""
    return name.lower().endswith(TEMPLATE_SUFFIX) and not name.startswith(LOCK_PREFIXES)


def rebuild_line(text: str, first: bool, now: datetime) -> str:
    """``[15:30:02] Đã tạo lại: Đã ghi 2 tệp, …`` (``Đã tạo:`` for the first build)."""
    verb = "Đã tạo" if first else "Đã tạo lại"
    return f"[{now:%H:%M:%S}] {verb}: {text}"


def error_line(exc: CongvanError, now: datetime) -> str:
    """``[15:30:02] Lỗi: …``, the error's own (possibly multi-line) text, as the CLI shows it."""
    return f"[{now:%H:%M:%S}] Lỗi: {shown(exc)}"


def _warning_lines(warnings: Iterable) -> str:
    return "".join(f"\n  {w.format()}" for w in warnings)


def build_once(data_path: Path, output_dir, build_kwargs: dict, first: bool,
               now: Callable[[], datetime] = datetime.now) -> str:
    """Reload the data and build; the line to report, success or error."""
    try:
        data = load(data_path)
        report = build(data, output_dir, **build_kwargs)
    except CongvanError as exc:
        return error_line(exc, now())
    finally:
        # Loading freezes what it leaves alive for the collector (congvan/gcpause.py): one
        # build's data is dropped when the next starts, so a long session hands it back.
        gc.unfreeze()
    return rebuild_line(report.summary(), first, now()) + _warning_lines(data.warnings)


def watch(data_path: str | os.PathLike, output_dir: str | os.PathLike, *,
          echo: Callable[[str], object], build_kwargs: dict | None = None,
          stop_event=None, debounce_ms: int = 200,
          templates_dir: str | os.PathLike | None = None,
          force_polling: bool | None = None) -> None:
    """Build, then rebuild on every save of the data file or a template.

    ``build_kwargs`` go to :func:`congvan.build` (``units``, ``dispatch``,
    ``force``); ``templates_dir`` is both watched and used to build. Each build
    calls ``echo`` once with a timestamped Vietnamese line; a
    :class:`CongvanError` is reported the same way and the watch goes on.
    Returns once ``stop_event`` (e.g. a :class:`threading.Event`) is set;
    without one it runs until interrupted (``KeyboardInterrupt`` propagates).
    """
    data_file = Path(data_path).resolve()
    templates = Path(templates_dir or (build_kwargs or {}).get("templates_dir")
                     or default_templates_dir()).resolve()
    kwargs = {**(build_kwargs or {}), "templates_dir": templates}
    # The watcher starts before the first build, so a save made during it is not lost:
    # the first (empty) batch arrives once the watcher runs, then real batches only.
    batches = watchfiles.watch(
        *_folders(data_file, templates), watch_filter=ChangeFilter(data_file, templates),
        debounce=debounce_ms, stop_event=stop_event, recursive=False,
        force_polling=force_polling, rust_timeout=_STARTUP_MS, yield_on_timeout=True)
    first = True
    for batch in batches:
        if first or batch:
            echo(build_once(data_file, output_dir, kwargs, first=first))
            first = False


def _folders(data_file: Path, templates: Path) -> list[Path]:
    """The folders to watch (each once); a missing templates folder is skipped."""
    if not data_file.parent.is_dir():
        raise UsageProblem(f"không tìm thấy thư mục “{data_file.parent}” để theo dõi.")
    folders = {data_file.parent, templates} if templates.is_dir() else {data_file.parent}
    return sorted(folders)
