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
    inputs: str | None = None
    """Digest of what it was rendered from (see :mod:`congvan.builder.reuse`); recorded in
    the manifest."""
    reused: bool = False
    """Taken from the output folder, unchanged since the last build made it from the same
    inputs, instead of rendered."""
