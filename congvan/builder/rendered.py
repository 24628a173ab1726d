"""A rendered file: what the build hands to the output writer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderedFile:
    """One rendered file, before it is written."""

    path: str
    """Relative to the output folder."""
    kind: str
    """``dispatch`` or ``unit-letter``."""
    unit: str | None
    data: bytes
