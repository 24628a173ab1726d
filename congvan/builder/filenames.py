"""The names of the files a build writes into the output folder.

A unit's letter is named after its short name (``don-vi/phong-tu-phap.docx``)
and keeps that name for as long as the short name stays the same, whatever
else changes in the registry: the manifest of the last build remembers which
unit owns which file, and a build reuses the name a unit had. Two units whose
short names give the same file name are told apart by their ids
(``phong-tu-phap-ptp-xa.docx``), never by their order in the registry, so
reordering the registry never moves one unit's letter into another's file.
Names Windows keeps for devices (``con``, ``nul``, ``com1``…) get a suffix.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from congvan.data.model import Data
from congvan.exceptions import OutputError
from congvan.output.journal import pending_manifest
from congvan.output.manifest import load_manifest
from congvan.output.paths import WINDOWS_DEVICES
from congvan.vn.slug import MAX_LENGTH, slugify

LETTER_DIR = "don-vi"
LETTER_KIND = "unit-letter"
DEVICE_SUFFIX = "-don-vi"
"""Added to a slug that Windows would take for a device: ``con`` → ``con-don-vi``."""


def document_file(data: Data) -> str:
    """The document's own file: ``cong-van.docx``, ``ke-hoach.docx``, ``quyet-dinh.docx``…"""
    return data.document.kind.file


def letter_paths(data: Data, previous: Mapping[str, str] | None = None) -> dict[str, str]:
    """Unit id → ``don-vi/<slug>.docx`` for every unit in the registry (unique, also
    ignoring case).

    ``previous`` (unit id → path, from the last build's manifest) keeps each unit
    the file it had when its short name still gives that name.
    """
    ids = sorted(data.units)
    bases = {uid: _base(data.units[uid].short) for uid in ids}
    sharing = Counter(bases.values())
    stems: dict[str, str] = {}
    taken: set[str] = set()
    for uid in ids:
        stem = _stem((previous or {}).get(uid))
        if stem and stem not in taken and _derived(stem, bases[uid], uid):
            stems[uid] = stem
            taken.add(stem)
    for uid in ids:
        if uid in stems:
            continue
        base = bases[uid]
        candidates = ([base] if sharing[base] == 1 else []) + [_suffixed(base, uid)]
        stem = next((c for c in candidates if c not in taken), None)
        number = 2
        while stem is None:
            candidate = _suffixed(base, f"{uid}-{number}")
            stem = None if candidate in taken else candidate
            number += 1
        stems[uid] = stem
        taken.add(stem)
    return {uid: f"{LETTER_DIR}/{stems[uid]}.docx" for uid in data.units}


def previous_letter_paths(output_dir: str | os.PathLike) -> dict[str, str]:
    """Unit id → letter path, as the last build in ``output_dir`` left them (the
    pending one if a build was interrupted while switching); empty when unknown.

    A damaged manifest gives nothing here: the writer reports it when it commits.
    """
    folder = Path(output_dir)
    try:
        manifest = pending_manifest(folder) or load_manifest(folder)
    except (OutputError, OSError):
        return {}
    if not manifest:
        return {}
    return {e["unit"]: e["path"] for e in manifest["files"]
            if e.get("kind") == LETTER_KIND and isinstance(e.get("unit"), str)}


def _base(short: str) -> str:
    slug = slugify(short)
    return slug + DEVICE_SUFFIX if slug in WINDOWS_DEVICES else slug


def _suffixed(base: str, tail: str) -> str:
    suffix = "-" + slugify(tail)
    head = base[:MAX_LENGTH - len(suffix)].rstrip("-")
    return head + suffix


def _stem(path: str | None) -> str | None:
    """``phong-tu-phap`` from ``don-vi/phong-tu-phap.docx``; ``None`` for any other shape."""
    if not isinstance(path, str):
        return None
    match = re.fullmatch(rf"{LETTER_DIR}/([a-z0-9]+(?:-[a-z0-9]+)*)\.docx", path)
    if not match or match[1] in WINDOWS_DEVICES:
        return None
    return match[1]


def _derived(stem: str, base: str, uid: str) -> bool:
    """Whether ``stem`` is a name this unit's short name gives: the slug itself, the slug
    with the unit's id (and a number), or with a number alone (as builds before this
    rule named repeats, the slug shortened to make room for it)."""
    if stem in (base, _suffixed(base, uid)):
        return True
    match = re.fullmatch(r"(.+)-(\d+)", stem)
    if not match:
        return False
    head, number = match[1], match[2]
    if stem == _suffixed(base, f"{uid}-{number}"):
        return True
    return head == base or (len(base) + len(number) + 1 > MAX_LENGTH and base.startswith(head))
