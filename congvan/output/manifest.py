"""``manifest.json``: what the last build wrote, with the digest of every file.

The manifest is how a build tells its own files from files a person edited.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from congvan.exceptions import OutputError
from congvan.output.paths import RESERVED_NAMES, check_relative, os_reason

_SHA256 = re.compile(r"[0-9a-f]{64}")

MANIFEST_NAME = RESERVED_NAMES[0]
"""File in the output folder that lists what the last build produced."""
BACKUP_DIR = RESERVED_NAMES[1]
"""Folder in the output folder where ``force`` saves hand-edited files."""
GENERATOR = "congvan"
"""Value of the manifest's ``generator`` key."""
MANIFEST_VERSION = 1
"""Value of the manifest's ``version`` key."""

def sha256_bytes(data: bytes) -> str:
    """Lower-case hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_manifest(output_dir: str | os.PathLike) -> dict | None:
    """The manifest of the last build in ``output_dir``, or ``None`` if there is none.

    Raises :class:`OutputError` when the file exists but cannot be read, is not
    valid JSON, or does not have the expected shape (including a path that
    would point outside the output folder).
    """
    path = Path(output_dir) / MANIFEST_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _corrupt_manifest(path, f"không đọc được ({os_reason(exc)})") from None
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _corrupt_manifest(path, f"không phải JSON hợp lệ ({exc})") from None
    problem = _manifest_problem(manifest)
    if problem:
        raise _corrupt_manifest(path, problem)
    return manifest


def _corrupt_manifest(path: Path, reason: str) -> OutputError:
    return OutputError(
        f"Tệp '{path}' bị hỏng: {reason}. Tệp này ghi lại các tệp do lần tạo trước sinh ra, "
        "dùng để phát hiện tệp bị sửa tay. Chỉ xóa nó nếu chắc chắn không ai sửa các tệp "
        "trong thư mục đầu ra; sau khi xóa, các tệp trùng tên sẽ bị coi là tệp làm tay."
    )


def _manifest_problem(manifest: object) -> str | None:
    """What is wrong with a parsed manifest, or ``None``."""
    if not isinstance(manifest, dict):
        return "nội dung không phải một đối tượng JSON"
    if manifest.get("generator") != GENERATOR:
        return f"khóa 'generator' phải là \"{GENERATOR}\""
    if manifest.get("version") != MANIFEST_VERSION:
        return f"phiên bản {manifest.get('version')!r} không được hỗ trợ (cần {MANIFEST_VERSION})"
    files = manifest.get("files")
    if not isinstance(files, list):
        return "khóa 'files' phải là một danh sách"
    seen: set[str] = set()
    for index, item in enumerate(files):
        where = f"files[{index}]"
        if not isinstance(item, dict):
            return f"{where} không phải một đối tượng"
        path, digest = item.get("path"), item.get("sha256")
        try:
            check_relative(path)
        except OutputError as exc:
            return f"{where}.path: {exc}"
        if path in seen:
            return f"{where}.path '{path}' lặp lại"
        seen.add(path)
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            return f"{where}.sha256 không phải mã SHA-256 hợp lệ"
    removed = manifest.get("removed", [])
    if not isinstance(removed, list) or not all(isinstance(p, str) for p in removed):
        return "khóa 'removed' phải là danh sách đường dẫn"
    return None


def manifest_bytes(entries: list[dict], removed: list[str]) -> bytes:
    manifest = {
        "generator": GENERATOR,
        "version": MANIFEST_VERSION,
        "files": sorted(entries, key=lambda e: e["path"]),
        "removed": sorted(removed),
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
