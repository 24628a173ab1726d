"""Body paragraphs edited in Word, back to their place in ``document.body``.

The anchors ``p_1``, ``p_2``… number the body's printed paragraphs in order: a point's
title (printed after its derived number, ``1.``, ``a)``…), its paragraphs, its sub-points.
"""

from __future__ import annotations

import re

from congvan.builder.anchors import paragraph_anchor
from congvan.data.model import Data
from congvan.documents.body import plain
from congvan.edits.changes import Change, EditConflict
from congvan.edits.reading import Document

_LABEL = re.compile(r"^(?:[IVXLC]+\.|\d+\.|[a-zđ]{1,2}\)|-)\s*")
_CLOSE = "./."


def body_places(data: Data) -> list[tuple[str, str, bool]]:
    """Each printed body paragraph: (field path, data text, is a point's title)."""
    out: list[tuple[str, str, bool]] = []

    def walk(items, path: str) -> None:
        for index, item in enumerate(items):
            here = f"{path}[{index}]"
            if item.point is None and len(item.paragraphs) == 1 and not item.children:
                out.append((here, item.paragraphs[0], False))
                continue
            if item.point is not None:
                out.append((f"{here}.point", item.point, True))
            out.extend((f"{here}.paragraphs[{k}]", p, False)
                       for k, p in enumerate(item.paragraphs))
            walk(item.children, f"{here}.points")

    walk(data.document.body, "document.body")
    return out


def paragraph_changes(generated: Document, edited: Document, data: Data) -> list[Change]:
    changes = []
    for index, (path, text, titled) in enumerate(body_places(data)):
        name = paragraph_anchor(index)
        old, new = generated.paragraphs.get(name), edited.paragraphs.get(name)
        if old is None or new is None or old == new:
            continue
        if titled:
            new = _LABEL.sub("", new, count=1)
        if old.endswith(_CLOSE) and not plain(text).endswith(_CLOSE) and new.endswith(_CLOSE):
            new = new[:-len(_CLOSE)].rstrip() + ("." if text.rstrip().endswith(".") else "")
        if new == text:
            continue
        if plain(text) != text:
            raise EditConflict(f"đoạn {index + 1} của văn bản đã được sửa, nhưng trong dữ liệu "
                               f"({path}) đoạn này có chữ đậm/nghiêng đánh dấu bằng *: hãy sửa "
                               "đoạn này trong tệp dữ liệu.")
        changes.append(Change("paragraph", str(index + 1), path, "paragraph", text, new))
    return changes
