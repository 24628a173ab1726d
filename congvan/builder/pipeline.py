"""``build(data, output_dir)``: the dispatch and every unit's letter, written safely.

Documents are rendered in memory first; only when all of them rendered does the
writer touch the output folder (so bad data or a broken template writes nothing).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from congvan.builder.anchors import (DIGEST_PROPERTY, DOCUMENT_FILE, FILE_PROPERTY, context_digest,
                                     mark_dispatch, mark_document, task_anchors)
from congvan.builder.checking import check_rendered, conformance_sample
from congvan.builder.derived import derived_files
from congvan.builder.filenames import (LETTER_KIND, document_file, letter_paths,
                                       previous_letter_paths)
from congvan.builder.pool import render_letters_parallel
from congvan.builder.rendered import RenderedFile
from congvan.builder.reuse import Reuse, inputs_digest
from congvan.builder.selection import resolve_units
from congvan.builder.templates import (DISPATCH_TEMPLATE, compiled, default_templates_dir,
                                       document_template)
from congvan.data.model import Data
from congvan.documents.dispatch import dispatch_context
from congvan.documents.titled import document_context
from congvan.output.writer import OutputWriter, WriteReport


def document_render_context(data: Data) -> dict:
    """The context the document itself is rendered from, with its anchors and properties
    (:mod:`congvan.builder.anchors`)."""
    if document_template(data) == DISPATCH_TEMPLATE:
        context = dispatch_context(data)
        digest = context_digest(context)
        mark_dispatch(context, data)
    else:
        context = document_context(data)
        digest = context_digest(context)
        mark_document(context, data)
    context["properties"] = {DIGEST_PROPERTY: digest, FILE_PROPERTY: DOCUMENT_FILE}
    return context


def render_documents(data: Data, *, units=None, dispatch: bool | None = None,
                     templates_dir: Path | None = None, paths: dict[str, str] | None = None,
                     reuse: Reuse | None = None,
                     on_document: Callable[[RenderedFile], None] | None = None
                     ) -> list[RenderedFile]:
    """Render, in memory, the document (unless only units were asked) and the letters.

    ``paths`` names the letters (unit id → path; default: :func:`letter_paths`); with
    ``reuse``, a file the last build made from the same inputs is taken from the output
    folder instead of rendered (:mod:`congvan.builder.reuse`). The document is rendered
    while worker processes render the first letters; ``on_document`` is then called with
    it, there too (the build checks it against the decree meanwhile)."""
    templates_dir = Path(templates_dir or default_templates_dir())
    reuse = reuse or Reuse()
    if dispatch is None:
        dispatch = not units

    def document() -> list[RenderedFile]:
        template = compiled(templates_dir / document_template(data))
        context = document_render_context(data)
        path, kind = document_file(data), data.document.kind.manifest_kind
        inputs = inputs_digest(template.digest, context["properties"],
                               list(task_anchors(data).items()))
        kept = reuse.take(path, inputs) if reuse else None
        doc = (RenderedFile(path, kind, None, template.render(context), inputs) if kept is None
               else RenderedFile(path, kind, None, kept, inputs, reused=True))
        if on_document is not None:
            on_document(doc)
        return [doc]

    wanted = resolve_units(data, units) if units else list(data.units)
    return render_letters_parallel(data, wanted, templates_dir, paths=paths, reuse=reuse,
                                   alongside=document if dispatch else None)


def build(data: Data, output_dir: str | os.PathLike, *, units=None, dispatch: bool | None = None,
          force: bool = False, templates_dir: Path | None = None, pdf: bool = False,
          preview: bool = False, findings: list | None = None) -> WriteReport:
    """Render everything, then write it into ``output_dir`` with ``manifest.json``.

    ``units`` limits the letters to those unit ids (groups expand to members) and
    leaves the other files of the folder alone; the dispatch is then built only
    if ``dispatch`` is true. Files edited by hand since the last build stop the
    build unless ``force`` (then they are backed up first). ``pdf`` adds a PDF
    beside every .docx, ``preview`` a PNG of its first pages (see
    :mod:`congvan.builder.derived`). When ``findings`` is a list, the .docx files are also
    checked against Nghị định 30 (:mod:`congvan.builder.checking`) and ``(path, Finding)``
    pairs are appended to it.
    """
    writer = OutputWriter(output_dir, force=force, partial=bool(units))
    writer.check_folder()
    # Each unit keeps the file name the last build gave it (see builder/filenames.py); its
    # PDF and preview are named after it.
    paths = letter_paths(data, previous_letter_paths(output_dir))
    def check_document(doc: RenderedFile) -> None:  # while the workers render the letters
        if not doc.reused:
            findings.extend(check_rendered(doc))

    docs = render_documents(data, units=units, dispatch=dispatch, templates_dir=templates_dir,
                            paths=paths, reuse=Reuse(output_dir),
                            on_document=None if findings is None else check_document)
    if findings is not None:
        findings.extend(found for doc in conformance_sample(docs) if doc.kind == LETTER_KIND
                        for found in check_rendered(doc))
    docs += derived_files(docs, Path(output_dir), pdf=pdf, preview=preview)
    for doc in docs:
        writer.add(doc.path, doc.data, kind=doc.kind, unit=doc.unit, inputs=doc.inputs)
    return writer.commit()
