"""PDFs and page previews derived from the rendered .docx files of a build.

A PDF sits beside its .docx (``cong-van.pdf``, ``don-vi/x.pdf``), a preview too
(``cong-van.png``, and ``cong-van-phu-luc.png`` for the appendix's first page). They
go through the output writer like the .docx: listed in the manifest (kinds ``pdf`` and
``preview``), protected from overwriting when edited, backed up with ``--force``.

What can be reused is reused: a PDF or PNG whose .docx is byte for byte what the last
build recorded, and which is itself unchanged on disk, is taken as it is, so a rebuild
with no change does not start LibreOffice. Without ``--pdf`` / ``--preview`` such
up-to-date files are kept; those of a changed .docx are left out (the writer then
removes them), so a PDF never disagrees with its .docx.
"""

from __future__ import annotations

from pathlib import Path

from congvan.builder.rendered import RenderedFile
from congvan.output.manifest import load_manifest
from congvan.output.pdf import convert_to_pdf, derived_path, reusable
from congvan.output.preview import APPENDIX_SUFFIX, previews

__all__ = ["PDF_KIND", "PREVIEW_KIND", "derived_files"]

PDF_KIND = "pdf"
PREVIEW_KIND = "preview"


def _old_previews(previews_before: set[str], doc: RenderedFile) -> list[str]:
    """The previews of ``doc`` the last build made (``previews_before``: all of them), in
    the order the manifest lists them."""
    wanted = [derived_path(doc.path, ".png"), derived_path(doc.path, APPENDIX_SUFFIX + ".png")]
    return sorted(p for p in wanted if p in previews_before)


def derived_files(docs: list[RenderedFile], output_dir: Path, *, pdf: bool = False,
                  preview: bool = False) -> list[RenderedFile]:
    """The PDFs (``pdf``) and previews (``preview``) of ``docs``, plus the up-to-date
    ones of earlier builds that were not asked for this time."""
    output_dir = Path(output_dir)
    old = load_manifest(output_dir) if output_dir.is_dir() else None
    previews_before = {e["path"] for e in (old or {}).get("files", [])
                       if e.get("kind") == PREVIEW_KIND}
    out: list[RenderedFile] = []
    pdf_bytes: dict[str, bytes] = {}
    need_pdf: dict[str, bytes] = {}
    need_preview: list[RenderedFile] = []
    for doc in (d for d in docs if d.path.lower().endswith(".docx")):
        pdf_path = derived_path(doc.path, ".pdf")
        kept = reusable(output_dir, old, doc.path, doc.data, pdf_path)
        if kept is not None:
            pdf_bytes[doc.path] = kept
            out.append(RenderedFile(pdf_path, PDF_KIND, doc.unit, kept))
        elif pdf:
            need_pdf[doc.path] = doc.data
        old_pngs = _old_previews(previews_before, doc)
        pngs = [(p, reusable(output_dir, old, doc.path, doc.data, p)) for p in old_pngs]
        if old_pngs and all(data is not None for _, data in pngs):
            out += [RenderedFile(p, PREVIEW_KIND, doc.unit, data) for p, data in pngs]
        elif preview:
            need_preview.append(doc)
            if doc.path not in pdf_bytes:
                need_pdf[doc.path] = doc.data
    converted = convert_to_pdf(need_pdf)
    if pdf:
        out += [RenderedFile(derived_path(d.path, ".pdf"), PDF_KIND, d.unit, converted[d.path])
                for d in docs if d.path in converted]
    pdf_bytes.update(converted)
    for doc in need_preview:
        for suffix, png in previews(pdf_bytes[doc.path]).items():
            out.append(RenderedFile(derived_path(doc.path, suffix + ".png"), PREVIEW_KIND,
                                    doc.unit, png))
    return out
