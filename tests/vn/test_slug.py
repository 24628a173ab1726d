import re
import unicodedata

import pytest
from hypothesis import given, strategies as st

from congvan.vn.slug import slugify

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.mark.parametrize("name, slug", [
    ("UBND phường Đức Xuân", "ubnd-phuong-duc-xuan"),
    ("Phòng VH&TT", "phong-vh-tt"),
    ("../../etc/passwd", "etc-passwd"),
    ("A/B", "a-b"),
    ("Văn phòng HĐND-UBND", "van-phong-hdnd-ubnd"),
    ("Ủy ban nhân dân xã, phường", "uy-ban-nhan-dan-xa-phuong"),
    (unicodedata.normalize("NFD", "Phòng Nội vụ"), "phong-noi-vu"),
    ("  --Sở  Thông tin & Truyền thông--  ", "so-thong-tin-truyen-thong"),
    ("C:\\Windows\\System32", "c-windows-system32"),
    ("Phòng Tài chính – Kế hoạch", "phong-tai-chinh-ke-hoach"),
    ("ĐOÀN THANH NIÊN", "doan-thanh-nien"),
    ("Tổ công nghệ số cộng đồng số 1", "to-cong-nghe-so-cong-dong-so-1"),
    ("", "don-vi"),
    ("   ", "don-vi"),
    (".", "don-vi"),
    ("..", "don-vi"),
    ("/", "don-vi"),
    ("中文", "don-vi"),
    ("&&&", "don-vi"),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_long_names_are_cut_at_a_hyphen():
    name = " ".join(["Ủy ban nhân dân"] * 20)
    slug = slugify(name)
    assert len(slug) <= 80
    assert SLUG.match(slug)
    assert ("uy-ban-nhan-dan-" * 20).startswith(slug + "-")


def test_long_word_without_hyphen_is_cut_at_80():
    assert slugify("a" * 200) == "a" * 80


@given(st.text())
def test_slug_properties(name):
    slug = slugify(name)
    assert SLUG.match(slug)
    assert slug not in (".", "..")
    assert "/" not in slug and "\\" not in slug
    assert 1 <= len(slug) <= 80
    assert slug.isascii()


@given(st.text())
def test_slugify_is_idempotent(name):
    assert slugify(slugify(name)) == slugify(name)
