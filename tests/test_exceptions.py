"""How an error's text is shown at the top level: one capitalisation, located lines as they are."""

import pytest

from congvan.exceptions import DataError, TemplateError, shown
from congvan.data.problems import Problem


@pytest.mark.parametrize("message, expected", [
    ("không tìm thấy mẫu “x.docx”.", "Không tìm thấy mẫu “x.docx”."),
    ("đã có tệp.", "Đã có tệp."),
    ("Không ghi được tệp.", "Không ghi được tệp."),
    ("“mẫu” hỏng.", "“mẫu” hỏng."),
    ("", ""),
    ("data.yaml:3:5: lỗi: document.subject: thiếu trường.",
     "data.yaml:3:5: lỗi: document.subject: thiếu trường."),
    ("dữ-liệu.yaml: cảnh báo: x.", "dữ-liệu.yaml: cảnh báo: x."),
])
def test_shown_starts_with_a_capital_unless_located(message, expected):
    assert shown(message) == expected


def test_only_the_first_line_of_a_data_error_changes():
    problem = Problem(file="a.yaml", line=2, column=3, path="document.subject",
                      message="thiếu trường bắt buộc")
    text = shown(DataError([problem]))
    assert text.splitlines() == ["Dữ liệu có 1 lỗi, chưa tạo tệp nào:",
                                 "a.yaml:2:3: lỗi: document.subject: thiếu trường bắt buộc."]
    assert shown(TemplateError("mẫu “a.docx” hỏng.")) == "Mẫu “a.docx” hỏng."
