"""find_deadline skips a pattern whose words the text lacks: the same answers (and the
same errors) as running every pattern on every text."""

import re
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from congvan.vn import deadlines
from congvan.vn.deadline_patterns import FLAGS
from congvan.vn.deadlines import NO_DEADLINE, RECURRING, Deadline, find_deadline


def reference(text: str) -> Deadline:
    """find_deadline as first written: every dated pattern run on the text."""
    text = unicodedata.normalize("NFC", text or "")
    dated = []
    for pattern, build in deadlines._DATED:
        for m in pattern.finditer(text):
            dated.append((m.start(), -len(m.group(0)), build(m)))
    if dated:
        return min(dated, key=lambda item: (item[0], item[1]))[2]
    for m in deadlines.RECURRING_RE.finditer(text):
        if not deadlines._is_goods(text, m):
            return Deadline(RECURRING, phrase=m.group(0).strip())
    return NO_DEADLINE


def outcome(find, text):
    try:
        return find(text)
    except ValueError as exc:
        return ("error", str(exc))


PIECES = ["trước", "TRƯỚC", "Trước", "chậm nhất", "CHẬM NHẤT là", "muộn nhất vào", "hạn chót:",
          "Hạn cuối là", "không quá", "KHÔNG QUÁ", "trong", "Trong", "TRONG", "tháng", "THÁNG",
          "quý", "QUÝ", "năm", "NĂM", "6", "sáu", "SÁU", "đầu", "cuối", "ngày", "NGÀY", "và", "-",
          ",", "9/2023", "15/9/2023", "31/2/2023", "30.4.2024", "III", "IV", "ii", "2023", "0000",
          "13/2023", "10 giờ", "hằng năm", "thường xuyên", "định kỳ", "ngân hàng", "Yêu cầu",
          "hoàn thành", "nhiệm vụ", "İ", "ı", "ſ", "\u212a", "\u00a0", "trươ\u0301c", "Tha\u0301ng"]


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(PIECES), max_size=9), st.sampled_from([" ", "  ", "\u00a0", ""]))
def test_skipping_patterns_changes_no_answer(pieces, space):
    text = space.join(pieces) if space else " ".join(pieces)
    assert outcome(find_deadline, text) == outcome(reference, text)


@pytest.mark.parametrize("text", [
    "Yêu cầu hoàn thành trước ngày 15/9/2023.", "TRONG THÁNG 9/2023", "trong quý III và quý IV/2023",
    "6 tháng đầu năm 2023", "Trong năm 2024, thường xuyên", "Hoàn thành chậm nhất 31/2/2023",
    "hằng năm", "ngân hàng năm 2023", "", "không có thời hạn", "trước ngày 1/1/2024 và trong tháng 2/2023",
])
def test_skipping_patterns_on_plain_task_texts(text):
    assert outcome(find_deadline, text) == outcome(reference, text)


EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_every_character_a_pattern_takes_for_a_needed_letter_lower_cases_to_it():
    # The premise of the shortcut: where a pattern matches, the lower-cased text holds
    # the needed word (ı, İ, ſ would break it; the Kelvin sign K lower-cases to k).
    letters = set()
    for needs in deadlines._DATED_NEEDS:
        for words in needs:
            for word in words:
                assert word == word.lower() == unicodedata.normalize("NFC", word)
                letters |= set(word)
    for letter in letters:
        taken = re.compile(re.escape(letter), FLAGS).findall(EVERY_CHARACTER)
        assert letter in taken and all(ch.lower() == letter for ch in taken), letter
    assert len(deadlines._DATED_NEEDS) == len(deadlines._DATED)
    assert all(pattern.flags & FLAGS for pattern, _ in deadlines._DATED)


def test_skipping_patterns_on_every_text_of_the_samples():
    import yaml

    from helpers import ROOT

    texts = []
    for sample in sorted((ROOT / "data").glob("*.yaml")):
        stack = [yaml.safe_load(sample.read_text("utf-8"))]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                stack += value.values()
            elif isinstance(value, list):
                stack += value
            elif isinstance(value, str):
                texts.append(value)
    assert len(texts) > 200
    for text in texts:
        assert outcome(find_deadline, text) == outcome(reference, text)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(PIECES), max_size=9).map(" ".join))
def test_every_phrase_starts_with_a_word_of_its_first_group_where_flagged(text):
    # the premise of scanning from the first such word (_DATED_STARTS)
    text = unicodedata.normalize("NFC", text)
    for (pattern, _), needs, starts in zip(deadlines._DATED, deadlines._DATED_NEEDS,
                                           deadlines._DATED_STARTS):
        if starts:
            for m in pattern.finditer(text):
                assert any(m.group(0).lower().startswith(w) for w in needs[0]), m.group(0)


def test_a_text_whose_lower_case_is_longer_is_scanned_from_the_start():
    # İ lower-cases to two characters: the places of lower-cased words are not the text's
    text = "İİİİ hoàn thành trước ngày 15/9/2023"
    assert len(text.lower()) != len(text)
    assert find_deadline(text) == reference(text)
    assert find_deadline(text).phrase == "trước ngày 15/9/2023"
