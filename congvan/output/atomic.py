"""Writing one file so that it is either whole and new, or untouched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from congvan.exceptions import OutputError
from congvan.output.paths import os_reason


def _creation_mode() -> int:
    """Permission bits a new file gets under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


NEW_FILE_MODE = _creation_mode()
"""Permission bits of a new output file."""


def atomic_write(target: Path, data: bytes, label: str) -> None:
    """Write ``data`` to ``target`` through a synced temporary file and ``os.replace``."""
    temp_name: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = NEW_FILE_MODE
        with tempfile.NamedTemporaryFile(
            dir=target.parent, delete=False, prefix="." + target.name + ".", suffix=".tmp"
        ) as handle:
            temp_name = handle.name
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        raise OutputError(f"Không ghi được tệp '{label}' vào '{target.parent}': {os_reason(exc)}.") from None
    finally:
        if temp_name is not None:
            try:
                os.unlink(temp_name)
            except OSError:
                pass


def read_existing(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"Không đọc được tệp '{path}': {os_reason(exc)}.") from None
