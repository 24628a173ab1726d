"""Text typed with the old 8-bit Vietnamese fonts (TCVN3/ABC ".VnTime", VNI "VNI-Times").

Such text prints as gibberish in a Unicode document. This module recognises it,
tells which encoding it is, and converts it back to Unicode.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from congvan.vn.common_syllables import COMMON
from congvan.vn.syllables import is_syllable as _is_syllable
from congvan.vn.text import normalize

TCVN3 = "TCVN3"
VNI = "VNI"
ENCODINGS = (TCVN3, VNI)

# --------------------------------------------------------------------------
# Legacy 8-bit Vietnamese encodings, as they look when read as Windows-1252/Latin-1.
#
# TCVN3 (TCVN 5712:1993 VN3, the "ABC" fonts such as .VnTime) gives one byte to
# each lower-case letter and to the seven upper-case letters without a tone
# mark (Ă Â Ê Ô Ơ Ư Đ). Upper-case letters with a tone mark do not exist in it:
# titles were typed with the lower-case codes in a separate upper-case font
# (.VnTimeH), so such words come out as, e.g., "CéNG HOµ".

_TCVN3_TABLE = {
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\u00ad": "ư", "®": "đ",
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
}
"""TCVN3 code (as a Latin-1 character) → Unicode letter."""
_TCVN3_CAPITALS = set("¡¢£¤¥¦§")
"""TCVN3 codes of the upper-case letters Ă Â Ê Ô Ơ Ư Đ."""

# VNI Windows writes most letters as an ASCII base followed by a mark byte;
# a few letters (ơ ư đ and some forms of i, y) have a byte of their own.
_VNI_TONES = {"sắc": ("ù", "Ù"), "huyền": ("ø", "Ø"), "hỏi": ("û", "Û"),
              "ngã": ("õ", "Õ"), "nặng": ("ï", "Ï")}
_VNI_CIRCUMFLEX = {"": ("â", "Â"), "sắc": ("á", "Á"), "huyền": ("à", "À"),
                   "hỏi": ("å", "Å"), "ngã": ("ã", "Ã"), "nặng": ("ä", "Ä")}
_VNI_BREVE = {"": ("ê", "Ê"), "sắc": ("é", "É"), "huyền": ("è", "È"),
              "hỏi": ("ú", "Ú"), "ngã": ("ü", "Ü"), "nặng": ("ë", "Ë")}
_TONE_MARKS = {"": "", "sắc": "\u0301", "huyền": "\u0300", "hỏi": "\u0309",
               "ngã": "\u0303", "nặng": "\u0323"}
_VNI_SINGLE = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ",
    "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}
"""VNI bytes that stand for a whole letter."""


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _cased(letter: str, upper: int) -> str:
    return letter.upper() if upper else letter


def _vni_pairs() -> dict[str, str]:
    """Every two-character VNI sequence (base + mark) → Unicode letter."""
    pairs: dict[str, str] = {}
    for upper in (0, 1):
        for tone, marks in _VNI_TONES.items():
            for base in "aeouy":
                pairs[_cased(base, upper) + marks[upper]] = _compose(
                    _cased(base, upper), _TONE_MARKS[tone])
            for single, letter in (("ô", "ơ"), ("ö", "ư")):
                pairs[_cased(single, upper) + marks[upper]] = _compose(
                    _cased(letter, upper), _TONE_MARKS[tone])
        for tone, marks in _VNI_CIRCUMFLEX.items():
            for base in "aeo":
                pairs[_cased(base, upper) + marks[upper]] = _compose(
                    _cased(base, upper), "\u0302", _TONE_MARKS[tone])
        for tone, marks in _VNI_BREVE.items():
            pairs[_cased("a", upper) + marks[upper]] = _compose(
                _cased("a", upper), "\u0306", _TONE_MARKS[tone])
    return pairs


_VNI_PAIRS = _vni_pairs()
_VNI_PAIR_RE = re.compile("|".join(map(re.escape, _VNI_PAIRS)))
_VNI_TOKEN_RE = re.compile("|".join(map(re.escape, [*_VNI_PAIRS, *_VNI_SINGLE])))
"""A VNI letter: a two-character pair first, else a single character."""

_LEGACY_ALIASES = {"TCVN3": TCVN3, "TCVN": TCVN3, "ABC": TCVN3,
                   "VNI": VNI, "VNI WINDOWS": VNI, "VNI-WINDOWS": VNI}


def _encoding_name(encoding: str) -> str:
    name = _LEGACY_ALIASES.get(str(encoding).strip().upper())
    if name is None:
        raise ValueError(f'không biết bảng mã "{encoding}" (chỉ có TCVN3 và VNI)')
    return name


def _tcvn3_case(word: str) -> str:
    """``"upper"``, ``"lower"`` or ``""`` (cannot tell): was ``word`` typed in an upper-case font?

    The ABC upper-case fonts (.VnTimeH) show lower-case codes as capitals, so
    a word whose ASCII letters are all capitals (``CéNG``, ``§éC``) is in
    capitals throughout; a single capital (``X·``, ``Uû``) could be either.
    """
    letters = [ch for ch in word if ch.isascii() and ch.isalpha()]
    if any(ch.islower() for ch in letters):
        return "lower"
    if len(letters) >= 2 or (letters and word[0] in _TCVN3_CAPITALS):
        return "upper"
    return ""


def _convert_tcvn3(s: str) -> str:
    words = list(_LEGACY_WORD_RE.finditer(s))
    cases = [_tcvn3_case(m.group(0)) for m in words]
    out, end = [], 0
    for i, m in enumerate(words):
        word = m.group(0)
        converted = "".join(_TCVN3_TABLE.get(ch, ch) for ch in word)
        case = cases[i]
        if not case:
            before = next((c for c in reversed(cases[:i]) if c), "")
            after = next((c for c in cases[i + 1:] if c), "")
            case = "upper" if "upper" in (before, after) and "lower" not in (before, after) else ""
        if case == "upper" and converted != word:
            converted = converted.upper()
        out += [s[end:m.start()], converted]
        end = m.end()
    out.append(s[end:])
    return "".join(out)


def _convert_vni(s: str) -> str:
    return _VNI_TOKEN_RE.sub(lambda m: _VNI_PAIRS.get(m.group(0)) or _VNI_SINGLE[m.group(0)], s)


def _legacy_word_re() -> re.Pattern:
    """A word: a run of letters and legacy codes. Written as runs of runs
    (``(?:[letters]+|[codes]+)+``, the same maximal runs as one class per character)
    since the regex engine loops over a class far faster than over an alternation."""
    extra = "".join(sorted(set(_TCVN3_TABLE) | set(_VNI_SINGLE)))
    return re.compile(r"(?:[^\W\d_]+|[" + re.escape(extra) + r"]+)+")


_LEGACY_WORD_RE = _legacy_word_re()


def convert_legacy(s: str, encoding: str) -> str:
    """Text typed in a legacy font (``TCVN3``/``ABC`` or ``VNI``) turned into Unicode NFC.

    ``Phßng V¨n ho¸`` (TCVN3) and ``Phoøng Vaên hoùa`` (VNI) become
    ``Phòng Văn hoá`` and ``Phòng Văn hóa``. TCVN3 words whose ASCII letters are
    all upper case (typed in an upper-case font) are put wholly in upper case.
    """
    name = _encoding_name(encoding)
    s = normalize(s)
    if name == TCVN3:
        return normalize(_convert_tcvn3(s))
    return normalize(_convert_vni(s))


def encode_legacy(s: str, encoding: str) -> str:
    """Unicode Vietnamese written as it would look in a legacy font (for tests and examples).

    Letters a legacy encoding cannot hold (TCVN3 has no upper-case letters with
    a tone mark) are written in lower case.
    """
    name = _encoding_name(encoding)
    s = normalize(s)
    if name == TCVN3:
        reverse = {v: k for k, v in _TCVN3_TABLE.items()}
        out = []
        for ch in s:
            if ch in reverse:
                out.append(reverse[ch])
            elif ch.lower() in reverse and not ch.isascii():
                out.append(reverse[ch.lower()])
            else:
                out.append(ch)
        return "".join(out)
    reverse = {v: k for k, v in _VNI_PAIRS.items()}
    reverse.update({v: k for k, v in _VNI_SINGLE.items()})
    return "".join(reverse.get(ch, ch) for ch in s)


# ---- Detection.

_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_TELLING = {ch for ch in _TCVN3_TABLE if ch not in _VIETNAMESE_LATIN1}
_VNI_TELLING_MARKS = set("âäåøõêëüÂÄÅØÕÊËÜ")
"""VNI marks never found after a vowel in Vietnamese Unicode or in French/Spanish words."""
_VNI_OWN_LETTERS = set("öñæîÖÑÆÎ")
"""VNI single-byte letters that are not Vietnamese Unicode letters (ư đ ỉ ỵ)."""


def _has_inner(word: str, chars) -> bool:
    """True when one of ``chars`` sits between two other characters of ``word``."""
    return any(ch in chars for ch in word[1:-1])


def _vni_telling(word: str) -> bool:
    return any(pair[1] in _VNI_TELLING_MARKS for pair in _VNI_PAIR_RE.findall(word))


def _vni_weight(word: str) -> float:
    """How much a VNI-looking word counts: half when French or Spanish could explain it.

    ``goût`` and ``Loïc`` decode to Vietnamese syllables too, but their marks
    (û, ï, ù, ú, ë…) also follow vowels in those languages; â, ø, ä… or a
    standalone ñ, ö, æ, î inside a Vietnamese-shaped word do not.
    """
    if _vni_telling(word) or any(ch in _VNI_OWN_LETTERS for ch in word):
        return 1.0
    return 0.5


@lru_cache(maxsize=1 << 16)
def _word_evidence(word: str, encoding: str) -> tuple[float, bool, int]:
    """What one word says for ``encoding`` (cached: names and places repeat a lot):
    (weight as a word that is Vietnamese only once decoded, whether it is telling
    alone, +1/-1/0 when only the decoded/only the written reading is a common syllable)."""
    if encoding == TCVN3:
        converted = _convert_tcvn3(word)
    else:
        converted = _convert_vni(word)
    if converted == word or not _is_syllable(converted):
        return 0.0, False, 0
    if _is_syllable(word):  # both readings are syllables: only how common they are tells
        written, decoded = word.lower() in COMMON, converted.lower() in COMMON
        return 0.0, False, int(decoded) - int(written)
    if not any(ch.isascii() for ch in word):  # ``§ç`` (Đỗ): whole-word codes, TCVN3 only
        if encoding == TCVN3 and len(word) > 1 and word[0] in _TCVN3_CAPITALS:
            return 1.0, False, 0
        return 0.0, False, 0
    if encoding == TCVN3:
        return 1.0, _has_inner(word, _TCVN3_TELLING), 0
    return _vni_weight(word), _vni_telling(word), 0


_LATIN1_HIGH = re.compile("[\u00a1-\u00ff]")
"""The code points legacy fonts put their letters on: text without them is Unicode."""


@lru_cache(maxsize=1 << 16)
def _long_evidence(word: str) -> tuple[tuple[float, bool], ...]:
    """(weight, telling) of one word for each of :data:`ENCODINGS`, as
    :func:`detect_legacy_encoding` counts it: a word without an ASCII letter is no
    evidence there (cached: a data file repeats its words thousands of times)."""
    if not any(ch.isascii() for ch in word):
        return _NO_EVIDENCE
    evidence = tuple(_word_evidence(word, encoding)[:2] for encoding in ENCODINGS)
    return _NO_EVIDENCE if evidence == _NO_EVIDENCE else evidence


_NO_EVIDENCE = tuple((0.0, False) for _ in ENCODINGS)


def _legacy_evidence(s: str) -> list[tuple[float, bool]]:
    """For each of :data:`ENCODINGS`: (weight of the words that only make sense in it,
    whether one is telling alone). An ASCII word is skipped: both conversions leave it
    as it is (every legacy code holds a character above ASCII), so it is no evidence."""
    found = [evidence for word in _LEGACY_WORD_RE.findall(s)
             if not word.isascii() and (evidence := _long_evidence(word)) is not _NO_EVIDENCE]
    totals = [[0.0, False] for _ in ENCODINGS]
    for evidence in found:
        for total, (weight, tells) in zip(totals, evidence):
            total[0] += weight
            total[1] = total[1] or tells
    return [(score, telling) for score, telling in totals]


def detect_legacy_encoding(s: str) -> str | None:
    """``"TCVN3"`` or ``"VNI"`` when ``s`` looks typed in a legacy Vietnamese font, else None.

    A word counts as evidence when it is not a Vietnamese syllable as written
    but becomes one once decoded (``Phßng`` → ``Phòng``, ``Vaên`` → ``Văn``).
    Two such words are needed, or one with a telling character inside it
    (``Th«ng``, ``Phoøng``), so that ``©2023``, « guillemets » or ``café``
    never count.
    """
    if s.isascii():  # ASCII is already NFC and holds no legacy code
        return None
    s = normalize(s)
    if not _LATIN1_HIGH.search(s):
        return None
    best: tuple[float, str] | None = None
    for encoding, (score, telling) in zip(ENCODINGS, _legacy_evidence(s)):
        if (score >= 2 or telling) and (best is None or score > best[0]):
            best = (score, encoding)
    return best[1] if best else None


SHORT_TEXT = 80
"""Texts up to this many characters, on one line, are short: a name, a place, a title."""


def detect_legacy_short(s: str) -> str | None:
    """Like :func:`detect_legacy_encoding`, for a short text such as a name or a place,
    where one word is all the evidence there is: ``Lª Hµ`` or ``Côm sè 1`` (TCVN3),
    ``Nguyeãn Thò Baéc`` (VNI). One word that is Vietnamese only once decoded is
    enough (half a word: a VNI mark French could explain, as in ``Traàn``), and so are
    words whose decoded reading is a common syllable when the
    written one is not (``Côm`` → ``Cụm``); a common written word counts against."""
    if s.isascii():
        return None
    s = normalize(s)
    if len(s) > SHORT_TEXT or "\n" in s or not _LATIN1_HIGH.search(s):
        return None
    # ASCII words and words neither reading tells anything about add nothing (0, False, 0)
    found = [evidence for word in _LEGACY_WORD_RE.findall(s)
             if not word.isascii() and (evidence := _short_evidence(word)) is not _NO_SHORT_EVIDENCE]
    if not found:
        return None
    totals = [[0.0, False, 0] for _ in ENCODINGS]
    for evidence in found:
        for total, (weight, tells, lexical) in zip(totals, evidence):
            total[0] += weight
            total[1] = total[1] or tells
            total[2] += lexical
    best: tuple[float, str] | None = None
    for encoding, (score, telling, common) in zip(ENCODINGS, totals):
        score += common
        rank = (score, telling)
        if score >= 0.5 and (best is None or rank > best[0]):
            best = (rank, encoding)
    return best[1] if best else None


@lru_cache(maxsize=1 << 16)
def _short_evidence(word: str) -> tuple[tuple[float, bool, int], ...]:
    """:func:`_word_evidence` of ``word`` for each of :data:`ENCODINGS` (one cached call
    per word where the short check looks at each word once per encoding)."""
    evidence = tuple(_word_evidence(word, encoding) for encoding in ENCODINGS)
    return _NO_SHORT_EVIDENCE if evidence == _NO_SHORT_EVIDENCE else evidence


_NO_SHORT_EVIDENCE = tuple((0.0, False, 0) for _ in ENCODINGS)


def legacy_suggestion(encoding: str) -> str:
    """How to turn text in ``encoding`` into Unicode, in Vietnamese."""
    source = "TCVN3" if _encoding_name(encoding) == TCVN3 else "VNI Windows"
    return (f"Hãy chuyển sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã, nguồn {source}, "
            "đích Unicode) rồi dán lại.")


def legacy_label(encoding: str) -> str:
    return "TCVN3 (ABC)" if _encoding_name(encoding) == TCVN3 else "VNI"


def legacy_hint(encoding: str) -> str:
    """What to tell a user whose text is in ``encoding``, in Vietnamese."""
    name = _encoding_name(encoding)
    label, source = ("TCVN3 (ABC)", "TCVN3") if name == TCVN3 else ("VNI", "VNI Windows")
    return (f"văn bản có vẻ được gõ bằng bảng mã {label}; hãy chuyển sang Unicode "
            f"(ví dụ bằng Unikey: Công cụ chuyển mã, nguồn {source}, đích Unicode) "
            "rồi dán lại.")
