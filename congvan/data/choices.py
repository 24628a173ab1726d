"""Small value types of the data format: a choice among words, free per-row fields, a width.

Built on :mod:`congvan.data.validation` (kept apart so that each module stays short).
"""

from __future__ import annotations

from congvan.data.validation import INVALID, Text, Type, _join, _kind_name
from congvan.vn.suggest import did_you_mean, suggest


class Choice(Text):
    def __init__(self, choices):
        super().__init__()
        self.choices = tuple(choices)
        self.expected = "một trong: " + ", ".join(self.choices)

    def clean(self, value, path, report):
        if value not in self.choices:
            close = suggest(str(value), list(self.choices), n=1)
            hint = did_you_mean(f'"{c}"' for c in close)
            report(path, f"cần {self.expected}, nhưng gặp {_kind_name(value)}", hint)
            return INVALID
        return value

    def json(self):
        return {"enum": list(self.choices)}


class TextMap(Type):
    """Free per-row fields: short keys mapping to text (``fields: {co-quan: Sở Y tế}``)."""

    expected = "một bảng tên cột → nội dung"

    def clean(self, value, path, report):
        if not isinstance(value, dict):
            self.mismatch(value, path, report)
            return INVALID
        out, ok = {}, True
        for key, text in value.items():
            cleaned = Text().clean("" if text is None else text, _join(path, str(key)), report)
            ok = ok and cleaned is not INVALID
            out[str(key)] = cleaned
        return out if ok else INVALID

    def json(self):
        return {"type": "object", "additionalProperties": {"type": ["string", "number", "null"]}}


class Width(Type):
    """A relative column width: a positive number."""

    expected = "một số dương (độ rộng tương đối)"

    def clean(self, value, path, report):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.mismatch(value, path, report)
            return INVALID
        return float(value)

    def json(self):
        return {"type": "number", "exclusiveMinimum": 0}
