"""Text typed in the old 8-bit fonts: congvan.vn.legacy."""

import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, strategies as st

from helpers import SEED
from congvan.vn.legacy import (TCVN3, VNI, _TCVN3_TABLE, convert_legacy, detect_legacy_encoding,
                               encode_legacy, legacy_hint)
from congvan.vn.text import normalize


TCVN3_EXAMPLES = [
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ("Phßng V¨n ho¸ vµ Th«ng tin", "Phòng Văn hoá và Thông tin"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Phßng Néi vô", "Phòng Nội vụ"),
    ("Tr\u00adêng ®¹i häc", "Trường đại học"),
    ("Thµnh phè B¾c K¹n", "Thành phố Bắc Kạn"),
    ("Së Th«ng tin vµ TruyÒn th«ng", "Sở Thông tin và Truyền thông"),
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("§éC LËP - Tù DO - H¹NH PHóC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
    ("UBND x· T©n Thµnh", "UBND xã Tân Thành"),
]

VNI_EXAMPLES = [
    ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
    ("Phoøng Vaên hoùa vaø Thoâng tin", "Phòng Văn hóa và Thông tin"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Tröôøng ñaïi hoïc", "Trường đại học"),
    ("Thaønh phoá Baéc Kaïn", "Thành phố Bắc Kạn"),
    ("Sôû Thoâng tin vaø Truyeàn thoâng", "Sở Thông tin và Truyền thông"),
    ("Ngaøy hoäi chuyeån ñoåi soá", "Ngày hội chuyển đổi số"),
]


@pytest.mark.parametrize("legacy, unicode", TCVN3_EXAMPLES)
def test_detects_tcvn3(legacy, unicode):
    assert detect_legacy_encoding(legacy) == TCVN3


@pytest.mark.parametrize("legacy, unicode", VNI_EXAMPLES)
def test_detects_vni(legacy, unicode):
    assert detect_legacy_encoding(legacy) == VNI


@pytest.mark.parametrize("legacy, unicode", TCVN3_EXAMPLES)
def test_converts_tcvn3(legacy, unicode):
    assert convert_legacy(legacy, TCVN3) == unicode


@pytest.mark.parametrize("legacy, unicode", VNI_EXAMPLES)
def test_converts_vni(legacy, unicode):
    assert convert_legacy(legacy, VNI) == unicode


@pytest.mark.parametrize("legacy, unicode", TCVN3_EXAMPLES + VNI_EXAMPLES)
def test_converted_text_is_unicode_text(legacy, unicode):
    encoding = detect_legacy_encoding(legacy)
    converted = convert_legacy(legacy, encoding)
    assert converted == unicodedata.normalize("NFC", converted)
    assert detect_legacy_encoding(converted) is None


@pytest.mark.parametrize("word", ["Th«ng", "Phßng", "V¨n", "nh©n", "Phoøng", "Coäng", "Vieät"])
def test_one_legacy_character_inside_a_word_is_enough(word):
    assert detect_legacy_encoding(word) is not None


NOT_LEGACY = [
    "Ủy ban nhân dân thành phố Bắc Kạn",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Phòng Văn hoá và Thông tin",
    "Phòng Văn hóa và Thông tin, khoá học, hoà giải, toà án, xoã tóc",
    "Hoàng Hà Bắc",
    "Thành uỷ, Tỉnh ủy, thuở, quốc, khuya, khuỷu, nguệch ngoạc, huých, quỳnh",
    "UBND-VHTT VH&TT DVCTT OneTouch Zalo",
    "plain ASCII text, nothing else: 1/2 + 3 = 4",
    "“Chuyển đổi số” – tài liệu… ©2023",
    "©2023 Công ty",
    "Bản quyền © 2023",
    "«Ngày hội chuyển đổi số»",
    "« Ngày hội » 10µm, 25°C, m², ½ giờ, § 3",
    "Microsoft® Word™ và Windows®",
    "Trang chủ · Giới thiệu · Liên hệ",
    "café crème brûlée, naïve façade, résumé, déjà vu, Noël",
    "Où est le goût? Loïc",
    "über Müller Straße Gödel Köln",
    "mañana, año, niño, São Paulo, não, informações",
    "Raphaël, aún, Raúl, Hawaï",
    "",
]


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_no_false_positives(text):
    assert detect_legacy_encoding(text) is None


def test_seed_is_unicode_on_every_line():
    text = SEED.read_text(encoding="utf-8")
    for line in text.splitlines():
        assert detect_legacy_encoding(line) is None, line
        for cell in line.split("\t"):
            assert detect_legacy_encoding(cell) is None, cell
    assert detect_legacy_encoding(text) is None


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_seed_written_in_a_legacy_font_is_detected_and_restored(encoding):
    for line in SEED.read_text(encoding="utf-8").splitlines():
        legacy = encode_legacy(line, encoding)
        if legacy == line:
            continue
        if sum(ch != ' ' for ch in line) > 30:
            assert detect_legacy_encoding(legacy) == encoding, line
        if encoding == VNI:
            assert convert_legacy(legacy, encoding) == line


vietnamese_words = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
             "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ",
    min_size=1, max_size=8)
vietnamese_text = st.lists(vietnamese_words, min_size=1, max_size=8).map(" ".join)


@given(vietnamese_text)
def test_tcvn3_round_trip(text):
    assert convert_legacy(encode_legacy(text, TCVN3), TCVN3) == text


@given(vietnamese_text.map(str.title))
def test_vni_round_trip(text):
    text = unicodedata.normalize("NFC", text)
    assert convert_legacy(encode_legacy(text, VNI), VNI) == text


def test_tcvn3_upper_case_letters_without_tone():
    assert convert_legacy("¡ ¢ £ ¤ ¥ ¦ §", TCVN3) == "Ă Â Ê Ô Ơ Ư Đ"
    assert encode_legacy("Ă Â Ê Ô Ơ Ư Đ", TCVN3) == "¡ ¢ £ ¤ ¥ ¦ §"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
def test_tcvn3_table_agrees_with_iconv():

    for char, letter in _TCVN3_TABLE.items():
        done = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
                              input=char.encode("latin-1"), capture_output=True)
        if done.returncode != 0:
            pytest.skip("iconv cannot read TCVN5712-1")
        assert unicodedata.normalize("NFC", done.stdout.decode()) == letter, hex(ord(char))


def test_vni_table_has_every_letter():
    letters = ("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợ"
               "uùúủũụưừứửữựyỳýỷỹỵđ")
    for letter in letters + letters.upper():
        assert convert_legacy(encode_legacy(letter, VNI), VNI) == letter


@pytest.mark.parametrize("name", ["TCVN3", "tcvn3", "ABC", "VNI", "vni"])
def test_encoding_names(name):
    assert convert_legacy("x", name) == "x"


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError, match="bảng mã"):
        convert_legacy("x", "VISCII")


def test_legacy_hint_tcvn3():
    assert legacy_hint(TCVN3) == (
        "văn bản có vẻ được gõ bằng bảng mã TCVN3 (ABC); hãy chuyển sang Unicode "
        "(ví dụ bằng Unikey: Công cụ chuyển mã, nguồn TCVN3, đích Unicode) rồi dán lại.")


def test_legacy_hint_vni():
    hint = legacy_hint(VNI)
    assert "VNI" in hint and "Unicode" in hint and "Unikey" in hint

