"""Paths inside an output folder: which are safe, and which would clash."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

from congvan.exceptions import OutputError

RESERVED_NAMES = ("manifest.json", ".backup")
"""Names at the top of an output folder that belong to the writer itself."""
_RESERVED = {name.casefold() for name in RESERVED_NAMES}


def os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def check_relative(path: object) -> str:
    """Lexical checks on a path given to :meth:`OutputWriter.add` or found in a manifest."""
    if not isinstance(path, str):
        raise OutputError(f"Đường dẫn tệp đầu ra phải là chuỗi, nhận được {path!r:.80}.")
    if not path or not path.strip():
        raise OutputError("Tên tệp đầu ra rỗng.")
    if "\\" in path:
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' không được chứa dấu '\\' (hãy dùng '/')."
        )
    if any(ord(ch) < 0x20 for ch in path):
        raise OutputError(f"Đường dẫn tệp đầu ra {path!r} chứa ký tự điều khiển.")
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).drive:
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' phải là đường dẫn tương đối trong thư mục đầu ra."
        )
    parts = path.split("/")
    if ".." in parts:
        raise OutputError(f"Đường dẫn tệp đầu ra '{path}' không được chứa '..'.")
    if any(part in ("", ".") for part in parts):
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' không hợp lệ (có thành phần rỗng hoặc '.')."
        )
    if parts[0].casefold() in _RESERVED:
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' trùng với tên dành riêng "
            f"'{RESERVED_NAMES[0]}' hoặc '{RESERVED_NAMES[1]}'."
        )
    return path


def fold_path(path: str) -> str:
    """Key under which two names would clash on Windows or macOS."""
    return unicodedata.normalize("NFC", path).casefold()
