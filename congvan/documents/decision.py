"""What a Quyết định adds to page 1: the thẩm quyền line, the căn cứ in italics, the
``QUYẾT ĐỊNH:`` line and the articles, ``Điều N.`` in bold (Nghị định 30, PL III Mẫu 1.2–1.3)."""

from __future__ import annotations

from congvan.data.model import Document
from congvan.documents.body import close_text, paragraph, spans


def _bases(doc: Document) -> list[dict]:
    """Each căn cứ on its own italic paragraph ending ``;``; ``Theo đề nghị …`` ends ``.``."""
    lines = [b.rstrip(" ;.,") for b in doc.bases]
    out = [paragraph(b + ";", italic=True) for b in lines]
    if doc.proposal:
        out.append(paragraph(doc.proposal.rstrip(" ;.,") + ".", italic=True))
    elif out:  # the last căn cứ closes the list
        last = lines[-1] + "."
        out[-1] = paragraph(last, italic=True)
    return out


def _articles(doc: Document) -> list[dict]:
    out = []
    for n, paragraphs in enumerate(doc.articles, start=1):
        first, *rest = paragraphs
        head = [{"text": f"Điều {n}.", "bold": True, "italic": False},
                {"text": " ", "bold": False, "italic": False}]
        body = spans(first)
        out.append({"text": f"Điều {n}. " + "".join(s["text"] for s in body), "heading": False,
                    "spans": head + body})
        out += [paragraph(p) for p in rest]
    close_text(out)
    return out


def decision_context(doc: Document) -> dict:
    """The Quyết định part of ``doc`` in the context; empty values for other types."""
    if doc.kind.key != "quyet-dinh":
        return {"authority": "", "bases": [], "decides": "", "articles": []}
    return {"authority": doc.authority, "bases": _bases(doc), "decides": "QUYẾT ĐỊNH:",
            "articles": _articles(doc)}


def default_distribution(doc: Document) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Nơi nhận of a Quyết định that gives none starts ``- Như Điều N;`` (its last article,
    the one naming who carries it out)."""
    if doc.distribution or doc.kind.key != "quyet-dinh" or not doc.articles:
        return tuple((g.label, g.entries) for g in doc.distribution)
    return (("", (f"Như Điều {len(doc.articles)}",)),)
