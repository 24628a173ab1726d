"""“Có phải ý bạn là …?”: congvan.vn.suggest."""

import pytest

from congvan.vn.suggest import did_you_mean, suggest

UNITS = ["Phòng VH&TT", "Phòng Nội vụ", "Phòng TC-KH", "Văn phòng HĐND-UBND",
         "UBND các xã, phường", "Phòng VH và TT"]


@pytest.mark.parametrize("word, first", [
    ("Phong VHTT", "Phòng VH&TT"),
    ("phòng vh&tt", "Phòng VH&TT"),
    ("Phòng Nôi vu", "Phòng Nội vụ"),
    ("Phong Noi Vu", "Phòng Nội vụ"),
    ("Van phong HDND UBND", "Văn phòng HĐND-UBND"),
])
def test_suggest(word, first):
    assert suggest(word, UNITS)[0] == first


def test_exact_folded_match_comes_first():
    assert suggest("Phong VHTT", ["Phong VHTX", "Phòng VH&TT"])[0] == "Phòng VH&TT"


def test_suggest_limits_and_order():
    result = suggest("Phong VHTT", UNITS, n=2)
    assert len(result) == 2
    assert result[0] == "Phòng VH&TT"
    assert len(set(suggest("Phòng", UNITS + UNITS, n=10))) == len(suggest("Phòng", UNITS + UNITS, n=10))


def test_suggest_nothing_close():
    assert suggest("Sở Tài chính Hà Nội xyz", UNITS) == []
    assert suggest("", UNITS) == []
    assert suggest("Phòng", []) == []


def test_did_you_mean_joins_choices_once():
    assert did_you_mean(['"a"', '"b"', '"a"']) == 'Có phải ý bạn là "a" hoặc "b"?'
    assert did_you_mean([]) == ""
