"""Rendering the letters of one data set: each unit that has tasks gets its own letter."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from congvan.builder.anchors import (DIGEST_PROPERTY, FILE_PROPERTY, LETTER_PREFIX, context_digest,
                                     mark_letter, task_anchors)
from congvan.builder.filenames import letter_paths
from congvan.builder.rendered import RenderedFile
from congvan.builder.reuse import Reuse, inputs_digest
from congvan.builder.templates import LETTER_TEMPLATE, compiled
from congvan.data.model import Data
from congvan.data.units import assignments
from congvan.documents.letter import letter_context
from congvan.ooxml.template import CompiledTemplate


class LetterRenderer:
    """Renders the letters of one data set; the template is compiled on first use."""

    def __init__(self, data: Data, templates_dir: str | os.PathLike, *,
                 paths: dict[str, str] | None = None, reuse: Reuse | None = None):
        self.data = data
        self.tasks = assignments(data)
        self.paths = paths or letter_paths(data)
        self.reuse = reuse or Reuse()
        self.template_path = Path(templates_dir) / LETTER_TEMPLATE
        self._template: CompiledTemplate | None = None

    @property
    def template(self) -> CompiledTemplate:
        """The compiled letter template (compiled once per process)."""
        if self._template is None:
            self._template = compiled(self.template_path)
        return self._template

    def __getstate__(self) -> dict:
        """Sent to workers without the compiled template: each compiles its own."""
        return {**self.__dict__, "_template": None}

    def wanted(self, unit_ids: Iterable[str]) -> list[str]:
        """The ids among ``unit_ids`` that have a letter (at least one task)."""
        return [uid for uid in unit_ids if uid in self.tasks]

    def render(self, uid: str) -> RenderedFile:
        """The letter of one unit that has tasks: taken from the output folder when the
        last build made it from the same inputs (:mod:`congvan.builder.reuse`)."""
        ctx = self.context(uid)
        path = self.paths[uid]
        names = task_anchors(self.data)
        anchors = [(a.role, names[a.indicator.path]) for a in self.tasks[uid]]
        inputs = inputs_digest(self.template.digest, ctx["properties"], anchors)
        kept = self.reuse.take(path, inputs) if self.reuse else None
        if kept is not None:
            return RenderedFile(path, "unit-letter", uid, kept, inputs, reused=True)
        return RenderedFile(path, "unit-letter", uid, self.template.render(ctx), inputs)

    def context(self, uid: str) -> dict:
        """The letter's context with its anchors and properties (see builder/anchors.py)."""
        ctx = letter_context(self.data, self.data.units[uid], self.tasks[uid])
        digest = context_digest(ctx)
        mark_letter(ctx, self.data, self.tasks[uid])
        ctx["properties"] = {DIGEST_PROPERTY: digest, FILE_PROPERTY: LETTER_PREFIX + uid}
        return ctx

    def render_many(self, unit_ids: Iterable[str]) -> list[RenderedFile]:
        """Letters of ``unit_ids`` (which must all have tasks), in that order."""
        return [self.render(uid) for uid in unit_ids]
