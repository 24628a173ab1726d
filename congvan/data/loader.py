"""``load(path)``: a data file read, validated field by field, checked, and modelled.

Every problem is collected before stopping, so one run shows all of them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from congvan.data import checks
from congvan.data.kind_checks import kind_errors
from congvan.data.format import DATA
from congvan.data.build import build_data
from congvan.data.model import Data
from congvan.data.source import Source, read_source
from congvan.data.validation import INVALID
from congvan.exceptions import DataError
from congvan.gcpause import paused_gc


def load(path: str | Path) -> Data:
    """Load a data file; raise :class:`DataError` listing every error found.

    Warnings do not stop loading; they are in ``data.warnings``. The data is frozen
    for the cyclic garbage collector (see :mod:`congvan.gcpause`).
    """
    with paused_gc(freeze=True):
        return load_source(read_source(path), release=True)


def load_source(source: Source, release: bool = False) -> Data:
    """The data of a parsed source; with ``release`` (the source is the caller's own and
    thrown away afterwards, as in :func:`load`) its plain values are let go as soon as
    they are checked, and the cleaned copy once the model is built, so that the raw
    values, the cleaned ones and the model are not all held at once."""
    if not isinstance(source.value, dict):
        raise DataError([source.problem(
            "", "tệp dữ liệu phải là một bảng khóa/giá trị (document, units, appendix).",
            "Hãy xem tệp mẫu data/dti-bac-kan-2023.yaml.")])
    problems = []

    def report(path: str, message: str, suggestion: str, at_key: bool = False) -> None:
        problems.append(source.problem(path, message, suggestion, at_key=at_key))

    plain = DATA.clean(source.value, "", report)
    valid = plain is not INVALID and not problems
    # References are checked even when the shape is wrong, so one run shows every problem.
    reported = {p.path for p in problems}
    problems += [p for p in checks.reference_errors(plain if valid else source.value, source)
                 if p.path not in reported]
    if valid:
        problems += kind_errors(plain, source)
    if problems:
        raise DataError(problems)
    legacy = checks.legacy_short_texts(source)
    if release:
        source.value = None
    try:
        data = build_data(plain, file=source.file)
    except ValueError as exc:
        message, path = exc.args
        raise DataError([source.problem(path, message, "Hãy sửa lại ngày trong nội dung nhiệm vụ.")]) from None
    del plain
    warnings = checks.warnings(data, source, legacy)
    return dataclasses.replace(data, warnings=tuple(warnings))
