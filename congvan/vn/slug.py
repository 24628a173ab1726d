"""Safe, readable file names from unit names: ``UBND phường Đức Xuân`` → ``ubnd-phuong-duc-xuan``."""

from __future__ import annotations

import re
import unicodedata

from congvan.vn.text import strip_accents

MAX_LENGTH = 80
"""Longest slug, in characters."""
FALLBACK = "don-vi"
"""The slug of a name with no letter or digit to keep."""

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def _ascii(name: str) -> str:
    """Lower-case ASCII letters and digits of ``name``: accents dropped, đ → d, and
    compatibility forms (ﬁ, full-width letters) spelt out."""
    return strip_accents(unicodedata.normalize("NFKC", name)).lower()


def _shorten(slug: str, limit: int) -> str:
    """``slug`` cut to at most ``limit`` characters, at a hyphen when there is one."""
    if len(slug) <= limit:
        return slug
    head = slug[:limit + 1]
    cut = head.rfind("-")
    head = head[:cut] if cut > 0 else slug[:limit]
    return head.strip("-")


def slugify(name: str) -> str:
    """A file-name-safe slug: ASCII, lower case, words joined by single hyphens.

    Never empty (``don-vi``), never ``.`` or ``..``, never longer than 80
    characters; holds only ``a-z``, ``0-9`` and ``-``.
    """
    text = _ascii(name or "").replace("&", "-")
    slug = _SEPARATORS.sub("-", text).strip("-")
    slug = _shorten(slug, MAX_LENGTH)
    return slug or FALLBACK
