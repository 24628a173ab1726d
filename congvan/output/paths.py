"""Paths inside an output folder: which are safe, and which would clash."""

from __future__ import annotations

import os
import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

from congvan.exceptions import OutputError

RESERVED_NAMES = ("manifest.json", ".backup", ".congvan-journal.json", ".congvan-lock",
                  ".congvan-staging")
"""Names at the top of an output folder that belong to the writer itself: the manifest,
the backups of ``--force``, the journal of a build being switched in, the lock, and
the folder where new files wait before the switch."""
JOURNAL_NAME, LOCK_NAME, STAGING_DIR = RESERVED_NAMES[2:]
_RESERVED = {name.casefold() for name in RESERVED_NAMES}

WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)])
"""Names Windows keeps for devices, with any extension and in any case (``nul.docx``)."""
MAX_NAME_BYTES = 255
"""Longest file or folder name (in UTF-8 bytes) that common file systems accept."""
MAX_RELATIVE_LENGTH = 160
"""Longest path inside the output folder, leaving room for the folder itself under
Windows' 260-character limit."""


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
    if not path.isprintable() and any(ord(ch) < 0x20 for ch in path):
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
        names = ", ".join(f"'{name}'" for name in RESERVED_NAMES)
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' trùng với tên dành riêng ({names})."
        )
    return path


def check_portable(path: str) -> str:
    """Refuse a relative path that Windows could not open: a device name (``con.docx``),
    a name ending in a dot or space, a name or path too long."""
    if len(path) > MAX_RELATIVE_LENGTH:
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' dài {len(path)} ký tự, quá {MAX_RELATIVE_LENGTH} "
            "ký tự mà Windows mở được khi nằm trong một thư mục."
        )
    for part in path.split("/"):
        if part.split(".")[0].rstrip(" ").casefold() in WINDOWS_DEVICES:
            raise OutputError(
                f"Tên tệp đầu ra '{path}' dùng tên thiết bị '{part.split('.')[0]}' mà Windows "
                "dành riêng (CON, PRN, AUX, NUL, COM1–9, LPT1–9); Windows sẽ không mở được tệp."
            )
        if part.endswith((".", " ")):
            raise OutputError(
                f"Tên tệp đầu ra '{path}' kết thúc bằng dấu chấm hoặc dấu cách; "
                "Windows sẽ bỏ ký tự đó và không mở được tệp."
            )
        if len(part.encode("utf-8")) > MAX_NAME_BYTES:
            raise OutputError(
                f"Tên '{part[:40]}…' trong đường dẫn tệp đầu ra dài quá {MAX_NAME_BYTES} byte."
            )
    return path


def check_folder_name(folder) -> None:
    """Refuse an output folder whose path has a name longer than the file system allows."""
    for part in folder.parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            raise OutputError(
                f"Thư mục đầu ra có tên '{part[:40]}…' dài {len(os.fsencode(part))} byte, "
                f"quá {MAX_NAME_BYTES} byte mà hệ thống tệp cho phép. Hãy chọn tên ngắn hơn."
            )


def fold_path(path: str) -> str:
    """Key under which two names would clash on Windows or macOS."""
    return unicodedata.normalize("NFC", path).casefold()
