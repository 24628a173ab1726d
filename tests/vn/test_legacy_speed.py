"""The faster ways legacy-font detection reads words give exactly the old answers.

The word pattern is written as runs of character classes, and the short-text check
looks at each word once for both encodings; the reference versions below are the
plain forms they replaced (one class per character; one pass per encoding).
"""

import re

from hypothesis import given, settings, strategies as st

from congvan.vn import legacy
from congvan.vn.legacy import ENCODINGS, TCVN3, VNI, detect_legacy_short, encode_legacy
from congvan.vn.text import normalize

_CODES = "".join(sorted(set(legacy._TCVN3_TABLE) | set(legacy._VNI_SINGLE)))
REFERENCE_WORD_RE = re.compile(r"(?:[^\W\d_]|[" + re.escape(_CODES) + r"])+")
"""The word pattern as first written: one alternation per character."""

ALPHABET = (_CODES + "aAbBđĐoOưƯyYzZ àáảãạăằâầêếôồơờ019_-.,/()«»\t\n\u00a0"
            "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ²ǅⅫ")
"""Letters ASCII and not, every legacy code, digits (and ² ⅻ: digit-like), underscore,
punctuation and spaces: everything that can end a word or sit inside one."""


def reference_short(s: str):
    """detect_legacy_short as first written: the words read once per encoding."""
    s = normalize(s)
    if len(s) > legacy.SHORT_TEXT or "\n" in s or not legacy._LATIN1_HIGH.search(s):
        return None
    best = None
    for encoding in ENCODINGS:
        score, telling, common = 0.0, False, 0
        for word in REFERENCE_WORD_RE.findall(s):
            weight, tells, lexical = legacy._word_evidence(word, encoding)
            score, telling, common = score + weight, telling or tells, common + lexical
        score += common
        rank = (score, telling)
        if score >= 0.5 and (best is None or rank > best[0]):
            best = (rank, encoding)
    return best[1] if best else None


@settings(max_examples=400)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_word_pattern_finds_the_words_of_the_reference_pattern(text):
    assert legacy._LEGACY_WORD_RE.findall(text) == REFERENCE_WORD_RE.findall(text)


def test_the_word_pattern_on_every_character_up_to_the_vietnamese_letters():
    text = "".join(chr(c) for c in range(0x1F00))
    assert legacy._LEGACY_WORD_RE.findall(text) == REFERENCE_WORD_RE.findall(text)


NAMES = ["Nguyễn Minh Dũng", "Lê Hà", "Cụm số 1", "Trần Thị Bắc", "Phòng Văn hoá", "Hoàng Hà Bắc",
         "UBND xã Tân Thành", "Đỗ Văn Thông", "café Loïc", "goût", "©2023 « Bắc Kạn »"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map(" ".join),
       st.sampled_from([None, TCVN3, VNI]), st.text(alphabet=ALPHABET, max_size=12))
def test_the_short_check_gives_the_reference_answer(names, encoding, noise):
    text = encode_legacy(names, encoding) if encoding else names
    for s in (text, text + noise, noise + text, noise):
        assert detect_legacy_short(s) == reference_short(s)


def test_the_short_check_on_the_documented_examples():
    for s in ["Lª Hµ", "Côm sè 1", "Nguyeãn Thò Baéc", "Traàn", "NguyÔn Minh Dòng", "Phòng",
              "goût", "Loïc", "Lê Hà", "Cụm số 1", ""]:
        assert detect_legacy_short(s) == reference_short(s)
