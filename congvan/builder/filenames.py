"""The names of the files a build writes into the output folder."""

from __future__ import annotations

from congvan.data.model import Data
from congvan.vn.slug import unique_slugs

DISPATCH_FILE = "cong-van.docx"
LETTER_DIR = "don-vi"


def document_file(data: Data) -> str:
    """The document's own file: ``cong-van.docx``, ``ke-hoach.docx``, ``quyet-dinh.docx``…"""
    return data.document.kind.file


def letter_paths(data: Data) -> dict[str, str]:
    """Unit id → ``don-vi/<slug>.docx`` for every unit in the registry (stable, unique)."""
    ids = list(data.units)
    slugs = unique_slugs([data.units[u].short for u in ids])
    return {uid: f"{LETTER_DIR}/{slug}.docx" for uid, slug in zip(ids, slugs)}
