"""Incremental rebuilds: a file whose inputs did not change is taken from disk, not rendered.

The manifest records, for each file a build rendered, the digest of what went into it
(``inputs``): the congvan version, the template file's bytes and the template context
(through its digest, with the anchors and file properties). A later build computes the same
digest before rendering; when it equals the manifest's and the file on disk still has
the manifest's sha256, the bytes on disk are the bytes rendering would give, and are
reused. Anything else (a changed task, another template, a newer congvan, a file
edited by hand or missing, a manifest of an older version without ``inputs``) renders
as before, so the writer still sees a hand-edited file and refuses to overwrite it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from congvan import __version__
from congvan.exceptions import OutputError
from congvan.output.manifest import load_manifest, sha256_bytes

__all__ = ["Reuse", "inputs_digest"]


def inputs_digest(template_digest: str, properties: dict, anchors) -> str:
    """The digest of everything a rendered file depends on: congvan's version, its template,
    and its context, given by what is cheap to hash: the file's ``properties`` (the digest
    of the context before the anchors went in, and which file it is,
    :mod:`congvan.builder.anchors`) and the ``anchors`` put into it (a JSON-able list; the
    rows' bookmark names depend on the whole data set). Hashing the whole context again
    cost as much as rendering a letter."""
    content = json.dumps([properties, anchors], sort_keys=True, ensure_ascii=False)
    text = f"congvan {__version__}\0{template_digest}\0{content}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Reuse:
    """What the last build in an output folder rendered, and from which inputs."""

    def __init__(self, output_dir: str | os.PathLike | None = None):
        self.folder = Path(output_dir) if output_dir is not None else None
        self._entries: dict[str, tuple[str, str]] = {}
        if self.folder is None:
            return
        try:
            manifest = load_manifest(self.folder)
        except (OutputError, OSError):  # a damaged manifest: the writer reports it
            manifest = None
        for entry in (manifest or {}).get("files", []):
            inputs = entry.get("inputs")
            if isinstance(inputs, str):
                self._entries[entry["path"]] = (inputs, entry["sha256"])

    def __bool__(self) -> bool:
        return bool(self._entries)

    def take(self, path: str, inputs: str) -> bytes | None:
        """The bytes of ``path`` on disk when the last build made them from ``inputs`` and
        nobody changed them since; else None (render it)."""
        known = self._entries.get(path)
        if known is None or known[0] != inputs:
            return None
        try:
            data = (self.folder / path).read_bytes()
        except OSError:
            return None
        return data if sha256_bytes(data) == known[1] else None
