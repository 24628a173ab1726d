"""Body text: inline markup as spans, nested headings numbered per level."""

import pytest

from congvan.data.model import BodyItem
from congvan.documents.body import body_paragraphs, close_text, plain, spans


def _flat(text):
    return [(s["text"], s["bold"], s["italic"]) for s in spans(text)]


@pytest.mark.parametrize("text, want", [
    ("Chỉ thị *(viết tắt là Chỉ thị 11)* nay", [("Chỉ thị ", False, False),
                                              ("(viết tắt là Chỉ thị 11)", False, True),
                                              (" nay", False, False)]),
    ("**Điều** và *nghiêng*", [("Điều", True, False), (" và ", False, False),
                               ("nghiêng", False, True)]),
    ("***cả hai***", [("cả hai", True, True)]),
    (r"2 \* 3 = 6", [("2 * 3 = 6", False, False)]),
    (r"a \\ b", [("a \\ b", False, False)]),
    ("một * lẻ", [("một * lẻ", False, False)]),  # unmatched: printed as it is
    ("<b>&amp; {{ x }}</b>", [("<b>&amp; {{ x }}</b>", False, False)]),  # data, not markup
    ("", [("", False, False)]),
])
def test_inline_markup(text, want):
    assert _flat(text) == want


def test_plain_drops_the_markup():
    assert plain("a *b* **c** \\*") == "a b c *"


def _items():
    return (
        BodyItem(None, ("Mở đầu.",)),
        BodyItem("MỤC ĐÍCH", (), (BodyItem("Mục đích", ("Đoạn.",)), BodyItem("Yêu cầu", ()))),
        BodyItem("TỔ CHỨC", (), (
            BodyItem("Công an", (), (BodyItem("Việc a", (), (BodyItem("gạch", ()),)),
                                     BodyItem("Việc b", ()))),)),
    )


def test_typed_documents_number_I_1_a_dash_restarting_under_each_parent():
    texts = [(p["text"], p["heading"]) for p in body_paragraphs(_items(), typed=True)]
    assert texts == [("Mở đầu.", False), ("I. MỤC ĐÍCH", True), ("1. Mục đích", True),
                     ("Đoạn.", False), ("2. Yêu cầu", True), ("II. TỔ CHỨC", True),
                     ("1. Công an", True), ("a) Việc a", False), ("- gạch", False),
                     ("b) Việc b", False)]


def test_cong_van_numbers_points_1_a_dash():
    texts = [p["text"] for p in body_paragraphs(_items(), typed=False)]
    assert texts[1:3] == ["1. MỤC ĐÍCH", "a) Mục đích"] and "- Việc a" in texts


def test_headings_are_bold_spans():
    heading = body_paragraphs(_items(), typed=True)[1]
    assert all(s["bold"] for s in heading["spans"])


def test_the_text_ends_with_the_closing_mark_once():
    paragraphs = body_paragraphs((BodyItem(None, ("Kết thúc *ở đây*.",)),), typed=True)
    close_text(paragraphs)
    close_text(paragraphs)
    assert paragraphs[-1]["text"] == "Kết thúc ở đây./."
    assert paragraphs[-1]["spans"][-2:] == [{"text": "ở đây", "bold": False, "italic": True},
                                            {"text": "./.", "bold": False, "italic": False}]
