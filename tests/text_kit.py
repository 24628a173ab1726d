"""Text the property tests are made of: Vietnamese letters, special characters, emoji,
decomposed spellings; and how a message is judged readable by a Vietnamese user."""

import unicodedata
from pathlib import Path

import yaml

VI_LOWER = ("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợ"
            "pqrstuùúủũụưừứửữựvxyỳýỷỹỵ")
VI_LETTERS = VI_LOWER + VI_LOWER.upper()
SPECIAL = "&<>\"'{}%#"
EMOJI = ["😀", "🇻🇳", "👍🏽", "📄", "✅"]
NFD = ["e\u0301", "a\u0306\u0300", "u\u031b\u0323", "o\u0302\u0303", "A\u0302\u0301",
       "i\u0309", "y\u0300", "O\u031b\u0301"]
"""Decomposed (NFD) spellings, as some Mac and web sources produce them."""


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def is_vietnamese(message: str) -> bool:
    """A message a Vietnamese user can read: it has letters with Vietnamese diacritics."""
    return any(ch in VI_LETTERS and not ch.isascii() for ch in nfc(message))


def dump_yaml(data: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
