import re
import unicodedata

import pytest
from hypothesis import given, strategies as st

from congvan.vn.slug import slugify, unique_slugs

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


@pytest.mark.parametrize("names, slugs", [
    (["Phòng VH&TT", "Phòng Nội vụ"], ["phong-vh-tt", "phong-noi-vu"]),
    (["Phòng VH&TT", "Phòng VH TT", "phong vh-tt"], ["phong-vh-tt", "phong-vh-tt-2",
                                                     "phong-vh-tt-3"]),
    (["A", "a", "A"], ["a", "a-2", "a-3"]),
    (["", "?", "Đơn vị"], ["don-vi", "don-vi-2", "don-vi-3"]),
    (["A", "A", "A 2"], ["a", "a-2", "a-2-2"]),
    ([], []),
])
def test_unique_slugs(names, slugs):
    assert unique_slugs(names) == slugs


def test_unique_slugs_keep_the_length_limit():
    names = ["x" * 100] * 12
    slugs = unique_slugs(names)
    assert len(set(slugs)) == 12
    assert all(len(s) <= 80 and SLUG.match(s) for s in slugs)
    assert slugs[11].endswith("-12")


@given(st.lists(st.text(max_size=30), max_size=30))
def test_unique_slugs_properties(names):
    slugs = unique_slugs(names)
    assert len(slugs) == len(names)
    assert len({s.casefold() for s in slugs}) == len(slugs)
    for name, slug in zip(names, slugs):
        assert SLUG.match(slug)
        assert len(slug) <= 80
        assert slug == slugify(name) or slug.startswith(slugify(name)[:60])
