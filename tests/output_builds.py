"""A small build of fake files through the output writer, shared by the tests of
congvan.output (writer, journal, manifest)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from congvan.output.writer import OutputWriter, WriteReport

OLD = 1_000_000_000  # an mtime far in the past


def fixed_now():
    return datetime(2026, 11, 28, 15, 30, 0)


FILES = {
    "cong-van.docx": (b"dispatch v1", "dispatch", None),
    "phu-luc.docx": (b"appendix v1", "appendix", None),
    "don-vi/ubnd-phuong-duc-xuan.docx": (b"letter duc-xuan v1", "unit-letter", "duc-xuan"),
    "don-vi/ubnd-phuong-nguyen-trai.docx": (b"letter nguyen-trai v1", "unit-letter", "nguyen-trai"),
}


def build(out: Path, files=None, force=False, **changes) -> WriteReport:
    """One build of ``files`` (default FILES) with some contents replaced."""
    files = dict(FILES if files is None else files)
    for path, data in changes.items():
        path = path.replace("__", "/").replace("_", "-") + ".docx"
        _, kind, unit = files[path]
        files[path] = (data, kind, unit)
    w = OutputWriter(out, force=force, now=fixed_now)
    for path, (data, kind, unit) in files.items():
        w.add(path, data, kind=kind, unit=unit)
    return w.commit()


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``out`` with its content and mtime."""
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def age(out: Path) -> None:
    for p in out.rglob("*"):
        if p.is_file():
            os.utime(p, (OLD, OLD))


def tmp_files(out: Path) -> list[Path]:
    return list(out.rglob("*.tmp"))
