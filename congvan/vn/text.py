"""Vietnamese text hygiene: normal form, characters a .docx cannot hold, accents.

Vietnamese text reaches the data files from many places: Word documents, web
pages, other programs. Everything is compared and stored in Unicode NFC.
"""

from __future__ import annotations

import re
import unicodedata

def normalize(s: str) -> str:
    """``s`` in Unicode NFC, the form Vietnamese text is compared and stored in."""
    return unicodedata.normalize("NFC", s)


# --------------------------------------------------------------------------
# Characters XML 1.0 (and so a .docx) cannot hold.

_XML_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What :func:`_is_forbidden` refuses, as one character class."""


def _is_forbidden(ch: str) -> bool:
    code = ord(ch)
    if code < 0x20:
        return ch not in _XML_ALLOWED_CONTROLS
    return 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


def find_control_chars(s: str) -> list[tuple[int, str]]:
    """Positions (0-based) and names (``U+0007``) of characters a .docx cannot hold.

    XML 1.0 forbids the C0 controls except tab, line feed and carriage return,
    the surrogates (never valid alone) and U+FFFE/U+FFFF.
    """
    if not _FORBIDDEN.search(s):  # nearly always: one scan in C, not a call per character
        return []
    return [(i, f"U+{ord(ch):04X}") for i, ch in enumerate(s) if _is_forbidden(ch)]


# --------------------------------------------------------------------------
# Accents.

def strip_accents(s: str) -> str:
    """``s`` without diacritics: ``Đức Xuân`` → ``Duc Xuan``."""
    s = s.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", s)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(s: str) -> str:
    """A form for fuzzy matching: no accents, lower case, no punctuation, single spaces.

    ``Phòng VH&TT`` and ``Phong VHTT`` both give ``phong vhtt``.
    """
    s = strip_accents(normalize(s)).lower()
    kept = "".join(ch for ch in s if not unicodedata.category(ch).startswith(("P", "S")))
    return " ".join(kept.split())
