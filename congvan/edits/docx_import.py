"""The changes made in a .docx we wrote, found against the same file rendered again."""

from __future__ import annotations

from pathlib import Path

from congvan.builder.anchors import (DIGEST_PROPERTY, DOCUMENT_FILE, FILE_PROPERTY,
                                     LETTER_PREFIX)
from congvan.data.model import Data
from congvan.edits.changes import Change, EditConflict
from congvan.edits.compare_docx import compare
from congvan.edits.reading import read_document


def _rendered(data: Data, which: str, templates_dir: Path | None) -> tuple[dict, bytes]:
    """(properties, bytes) of the file ``which`` rendered from ``data`` now."""
    from congvan.builder.letters import LetterRenderer
    from congvan.builder.pipeline import document_render_context
    from congvan.builder.templates import compiled, default_templates_dir, document_template

    folder = Path(templates_dir or default_templates_dir())
    if which == DOCUMENT_FILE:
        context = document_render_context(data)
        return context["properties"], compiled(folder / document_template(data)).render(context)
    uid = which[len(LETTER_PREFIX):]
    renderer = LetterRenderer(data, folder)
    if uid not in renderer.tasks:
        raise EditConflict(f"tệp là thư gửi đơn vị “{uid}”, nhưng tệp dữ liệu không còn giao "
                           "nhiệm vụ nào cho đơn vị này.")
    context = renderer.context(uid)
    return context["properties"], renderer.template.render(context)


def document_changes(source: Path, data: Data, templates_dir: Path | None = None) -> list[Change]:
    edited = read_document(source)
    which = edited.properties.get(FILE_PROPERTY, "")
    if which != DOCUMENT_FILE and not which.startswith(LETTER_PREFIX):
        raise EditConflict(
            f"{source.name} không mang dấu neo của congvan (không phải tệp do lệnh build tạo "
            "ra, hoặc được tạo bởi phiên bản cũ). Để đọc văn bản soạn nơi khác thành tệp dữ "
            f"liệu mới: congvan import {source} -o MỚI.yaml")
    properties, generated_bytes = _rendered(data, which, templates_dir)
    if edited.properties.get(DIGEST_PROPERTY) != properties[DIGEST_PROPERTY]:
        raise EditConflict(
            f"tệp dữ liệu {data.file} đã thay đổi kể từ khi tạo {source.name}, nên không thể "
            "biết chắc người sửa đã đổi những gì; chưa ghi gì. Hãy tạo lại văn bản (congvan "
            "build) rồi chép các sửa đổi vào bản mới, hoặc sửa thẳng trong tệp dữ liệu.")
    generated = read_document(generated_bytes)
    changes = compare(generated, edited, data, letter=which != DOCUMENT_FILE)
    if which == DOCUMENT_FILE:
        from congvan.edits.paragraphs import paragraph_changes

        changes += paragraph_changes(generated, edited, data)
    return changes
