"""Is a word spelled like one Vietnamese syllable? (How :mod:`congvan.vn.legacy` tells
text typed in a legacy font from real Vietnamese: a legacy word is not a syllable as
written, but becomes one once decoded.)"""

from __future__ import annotations

import re
import unicodedata

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x")
_RHYMES = """
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
y ya yêm yên yêng yêt yêu
o oc oi om on ong op ot oong ooc
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oe oem oen oeo oet
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
uâ uân uâng uât uây uê uêch uênh uơ
uy uych uyn uynh uyp uyt uyu uya uyên uyêt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
""".split()
_SYLLABLE_RE = re.compile(
    "(?:" + "|".join(_ONSETS) + ")?(?:" + "|".join(sorted(_RHYMES, key=len, reverse=True)) + ")")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def is_syllable(word: str) -> bool:
    """True when ``word`` is spelled like one Vietnamese syllable (at most one tone mark)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return _SYLLABLE_RE.fullmatch(bare) is not None
