"""One build at a time per output folder.

Two builds writing into one folder at once would leave files of both, some of
them disagreeing with the manifest. :func:`output_lock` holds an exclusive lock
on a file inside the output folder (``flock`` on POSIX, ``msvcrt.locking`` on
Windows) for as long as a writer recovers, plans and switches; a second build
waits up to :data:`LOCK_WAIT` seconds, then stops with an :class:`OutputError`
that names the process holding the lock. The operating system drops the lock
when that process ends, however it ends, so a killed build never leaves the
folder locked. The holder deletes the lock file before it lets go, so the
folder holds only documents between builds; a waiter that then gets the lock
of the deleted file sees that it is not the file at the path any more, and
tries again on the new one.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from congvan.exceptions import OutputError
from congvan.output.paths import LOCK_NAME, os_reason

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

LOCK_WAIT = 5.0
"""Seconds a build waits for another build into the same folder to finish."""
LOCK_WAIT_ENV = "CONGVAN_LOCK_WAIT"
"""Environment variable that overrides :data:`LOCK_WAIT` (seconds)."""
_POLL = 0.05


def lock_wait() -> float:
    """:data:`LOCK_WAIT`, or the number of seconds in ``$CONGVAN_LOCK_WAIT``."""
    try:
        return max(0.0, float(os.environ[LOCK_WAIT_ENV]))
    except (KeyError, ValueError):
        return LOCK_WAIT


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _holder(path: Path) -> str:
    """``tiến trình 1234: congvan build …`` from what the holder wrote, or a plain phrase."""
    try:
        text = path.read_text("utf-8", errors="replace").strip()
    except OSError:
        text = ""
    pid, _, command = text.partition(" ")
    if not pid.isdigit():
        return "một tiến trình khác"
    return f"tiến trình {pid}" + (f" ({command})" if command else "")


@contextmanager
def output_lock(output_dir: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the output folder's lock (the folder must exist) for the ``with`` block."""
    wait = lock_wait() if wait is None else wait
    path = output_dir / LOCK_NAME
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(
                f"Không tạo được tệp khóa '{path}': {os_reason(exc)}."
            ) from None
        if _try_lock(fd):
            if _same_file(fd, path):
                break
            _unlock(fd)  # the holder deleted it meanwhile: lock the new one
            os.close(fd)
            continue
        os.close(fd)
        if time.monotonic() >= deadline:
            raise OutputError(
                f"Thư mục đầu ra '{output_dir}' đang được {_holder(path)} ghi vào; "
                f"đã chờ {wait:g} giây. Hãy đợi lần tạo đó xong (hoặc dừng nó) rồi chạy lại."
            )
        time.sleep(_POLL)
    try:
        try:
            command = " ".join(os.path.basename(a) if i == 0 else a
                               for i, a in enumerate(sys.argv))
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()} {command}\n".encode("utf-8", "replace"))
        except OSError:
            pass  # the lock holds without the note; the message just names nobody
        try:
            yield
        finally:
            try:
                path.unlink()
            except OSError:
                pass  # left for the next build, which locks it as usual
            _unlock(fd)
    finally:
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    """Whether the open, locked ``fd`` is still the file at ``path``."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False
