"""Normal form, characters a .docx cannot hold, accents: congvan.vn.text."""

import unicodedata

import pytest

from congvan.vn.text import find_control_chars, fold, normalize, strip_accents

# ---- normalize ---------------------------------------------------------------

def test_normalize_composes():
    nfd = unicodedata.normalize("NFD", "Phòng Văn hoá và Thông tin, Ủy ban, Đức Xuân")
    assert nfd != "Phòng Văn hoá và Thông tin, Ủy ban, Đức Xuân"
    assert normalize(nfd) == "Phòng Văn hoá và Thông tin, Ủy ban, Đức Xuân"


def test_normalize_keeps_nfc():
    assert normalize("Bắc Kạn") == "Bắc Kạn"


# ---- control characters ------------------------------------------------------

CONTROL = [
    ("V/v thử\a chuông", [(7, "U+0007")]),
    ("\x00a\x1fb\x0b", [(0, "U+0000"), (2, "U+001F"), (4, "U+000B")]),
    ("a\x0cb", [(1, "U+000C")]),
    ("x\ufffey\uffff", [(1, "U+FFFE"), (3, "U+FFFF")]),
    ("lone \ud800 surrogate", [(5, "U+D800")]),
    ("\udfff", [(0, "U+DFFF")]),
    ("tab\tnew line\ncarriage\r", []),
    ("Phòng VH&TT “Chuyển đổi số” – … ©2023 \u00a0\u200b", []),
    ("\x7f\x85", []),
    ("", []),
]


@pytest.mark.parametrize("text, expected", CONTROL)
def test_find_control_chars(text, expected):
    assert find_control_chars(text) == expected


# ---- fold and suggest --------------------------------------------------------

FOLDED = [
    ("Phòng VH&TT", "phong vhtt"),
    ("Phong VHTT", "phong vhtt"),
    ("  UBND   phường Đức  Xuân ", "ubnd phuong duc xuan"),
    ("Văn phòng HĐND-UBND", "van phong hdndubnd"),
    ("Các phòng, ban, ngành thành phố;", "cac phong ban nganh thanh pho"),
    (unicodedata.normalize("NFD", "Ủy ban"), "uy ban"),
    ("", ""),
]


@pytest.mark.parametrize("text, folded", FOLDED)
def test_fold(text, folded):
    assert fold(text) == folded


def test_strip_accents():
    assert strip_accents("Đức Xuân, Ủy ban, đường") == "Duc Xuan, Uy ban, duong"
