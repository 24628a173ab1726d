"""Hand-edited files saved before ``--force`` overwrites them."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from congvan.exceptions import OutputError
from congvan.output.manifest import BACKUP_DIR
from congvan.output.paths import os_reason


def _check_inside(output_dir: Path, root: Path) -> None:
    """Refuse a ``.backup`` that is a link (or leads) elsewhere: copies of edited files
    must stay in the output folder, where the user expects them."""
    try:
        linked = root.is_symlink()
        outside = root.exists() and not root.resolve().is_relative_to(output_dir.resolve())
    except OSError as exc:
        raise OutputError(f"Không kiểm tra được thư mục sao lưu '{root}': {os_reason(exc)}.") from None
    if linked or outside:
        raise OutputError(
            f"Thư mục sao lưu '{root}' là liên kết tượng trưng; "
            "bản sao lưu chỉ được ghi ngay trong thư mục đầu ra. Hãy xóa liên kết (hoặc đổi tên nó) rồi chạy lại với --force. "
            "Chưa có tệp nào bị ghi đè."
        )
    if root.exists() and not root.is_dir():
        raise OutputError(
            f"'{root}' đã tồn tại nhưng không phải thư mục, nên không sao lưu được. "
            "Hãy đổi tên tệp đó rồi chạy lại với --force. Chưa có tệp nào bị ghi đè."
        )


def back_up(output_dir: Path, files: list[str], now: datetime) -> list[str]:
    """Copy ``files`` (relative to ``output_dir``) to a fresh ``.backup/<timestamp>`` folder; their relative paths."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    root = output_dir / BACKUP_DIR
    _check_inside(output_dir, root)
    try:
        root.mkdir(exist_ok=True)
        suffix = 1
        while True:
            name = stamp if suffix == 1 else f"{stamp}-{suffix}"
            folder = root / name
            try:
                folder.mkdir()
                break
            except FileExistsError:
                suffix += 1
    except OSError as exc:
        raise OutputError(
            f"Không tạo được thư mục sao lưu trong '{root}': {os_reason(exc)}."
        ) from None
    copies: list[str] = []
    for path in files:
        destination = folder / path
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(output_dir / path, destination)
        except OSError as exc:
            raise OutputError(
                f"Không sao lưu được tệp '{path}' vào '{folder}': {os_reason(exc)}. "
                "Chưa có tệp nào bị ghi đè."
            ) from None
        copies.append(f"{BACKUP_DIR}/{name}/{path}")
    return copies
