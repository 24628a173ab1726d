"""“Có phải ý bạn là …?”: the one place that finds what a person meant to type."""

from __future__ import annotations

import difflib

from congvan.vn.text import fold

def suggest(word: str, candidates, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` candidates close to ``word``, best first, compared in :func:`fold` form.

    Candidates whose folded form equals the folded word come first; the
    originals are returned, each once.
    """
    target = fold(word)
    if not target or n <= 0:
        return []
    scored = []
    for index, candidate in enumerate(candidates):
        folded = fold(candidate)
        if folded == target:
            score = 2.0
        else:
            score = difflib.SequenceMatcher(None, target, folded).ratio()
        if score >= cutoff:
            scored.append((-score, index, candidate))
    out: list[str] = []
    for _, _, candidate in sorted(scored):
        if candidate not in out:
            out.append(candidate)
        if len(out) == n:
            break
    return out


def did_you_mean(shown) -> str:
    """``Có phải ý bạn là "a" hoặc "b"?`` for the given choices, or ``""`` when there are none.

    Each choice is printed as given (callers quote or annotate it: ``"vhtt" (Phòng VH&TT)``).
    """
    shown = list(dict.fromkeys(shown))
    return f"Có phải ý bạn là {' hoặc '.join(shown)}?" if shown else ""
