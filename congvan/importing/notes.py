"""What an import could not read with confidence (warnings naming the place: a part of
the document, or a table row), the one error that stops an import, and its result."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from congvan.exceptions import CongvanError


class ImportFailure(CongvanError):
    """The file cannot be imported (nothing is written)."""


@dataclass(frozen=True)
class Note:
    where: str
    """``Phụ lục I, bảng 1, dòng 7`` or a part of the document (``Kính gửi``)."""
    message: str

    def format(self, file: str = "") -> str:
        head = f"{file}: " if file else ""
        return f"{head}cảnh báo: {self.where}: {self.message}"


@dataclass
class Notes:
    items: list[Note] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append(Note(where, message))


@dataclass(frozen=True)
class Imported:
    """What an import produced."""

    source: Path
    data: dict
    """The data as plain values (what the YAML holds)."""
    notes: tuple[Note, ...]
    text: str
    """The YAML text."""
