"""The validation framework: typed fields that clean YAML values and describe themselves.

A type cleans one plain YAML value (reporting each problem with its field path and
a Vietnamese message) and describes itself in JSON Schema; :mod:`congvan.data.format`
declares the data format with these types.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from congvan.vn.legacy import detect_legacy_encoding, legacy_hint
from congvan.vn.suggest import did_you_mean, suggest
from congvan.vn.text import find_control_chars, normalize

INVALID = object()
"""What ``clean`` returns for a value it reported as wrong."""

Report = Callable[..., None]
"""``report(path, message, suggestion, at_key=False)``: how validation records a problem
(``at_key``: point at the key itself, for a key that should not be there)."""

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _kind_name(value: Any) -> str:
    """How a YAML value is called to a Vietnamese user."""
    if value is None:
        return "giá trị rỗng"
    if isinstance(value, bool):
        return f"giá trị đúng/sai ({value})"
    if isinstance(value, (int, float)):
        return f"số {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f'chuỗi "{shown}"'
    if isinstance(value, list):
        return "danh sách"
    if isinstance(value, dict):
        return "bảng khóa/giá trị"
    if isinstance(value, datetime.date):
        return f"ngày {value.isoformat()}"
    return type(value).__name__


class Type:
    """A value type: validates and cleans a plain YAML value, describes itself in JSON Schema."""

    expected = ""

    def clean(self, value: Any, path: str, report: Report) -> Any:
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError

    def mismatch(self, value: Any, path: str, report: Report) -> None:
        report(path, f"cần {self.expected}, nhưng gặp {_kind_name(value)}", "")


class Text(Type):
    """A line or paragraph of Vietnamese text, normalised to NFC."""

    expected = "một chuỗi văn bản"

    def __init__(self, pattern: str | None = None, example: str = ""):
        self.pattern = re.compile(pattern) if pattern else None
        self.example = example

    def clean(self, value, path, report):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.mismatch(value, path, report)
            return INVALID
        value = normalize(value)
        bad = find_control_chars(value)
        if bad:
            where = ", ".join(f"{code} ở vị trí {pos + 1}" for pos, code in bad[:3])
            report(path, f"có ký tự điều khiển không thể ghi vào tệp Word ({where})",
                   "Hãy xóa ký tự đó (thường do dán từ phần mềm khác).")
            return INVALID
        legacy = detect_legacy_encoding(value)
        if legacy:
            report(path, legacy_hint(legacy), "")
            return INVALID
        if self.pattern and not self.pattern.fullmatch(value):
            hint = f' (ví dụ "{self.example}")' if self.example else ""
            report(path, f'giá trị "{value}" không đúng dạng{hint}', "")
            return INVALID
        return value.strip()

    def json(self):
        if not self.pattern:
            return {"type": ["string", "number"]}  # clean() accepts numbers as text
        return {"type": "string", "pattern": "^" + self.pattern.pattern.strip("^$") + "$"}


class UnitId(Text):
    """A unit id: lower-case ASCII words joined by hyphens."""

    expected = "mã đơn vị (chữ thường không dấu, nối bằng dấu gạch ngang)"

    def __init__(self):
        super().__init__(_ID_RE.pattern, "phong-noi-vu")


class UnitRef(Text):
    """A reference to a unit of the registry (checked against it later, with suggestions)."""

    expected = "mã đơn vị"


class Number(Type):
    """The registered document number: a positive whole number, or empty."""

    expected = "số văn bản (số nguyên dương) hoặc để trống"

    def clean(self, value, path, report):
        if value is None or value == "":
            return None
        if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
            value = int(value.strip())  # not str.isdigit(): "²" is a digit int() cannot read
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.mismatch(value, path, report)
            return INVALID
        return value

    def json(self):
        return {"anyOf": [{"type": "integer", "minimum": 1},
                          {"type": "string", "pattern": r"^(\s*[0-9]+\s*)?$"}, {"type": "null"}]}


class Flag(Type):
    expected = "true hoặc false"

    def clean(self, value, path, report):
        if not isinstance(value, bool):
            self.mismatch(value, path, report)
            return INVALID
        return value

    def json(self):
        return {"type": "boolean"}


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class DateField(Type):
    """The signing date: full (2023-09-05), month only (2023-09, day left blank) or empty."""

    expected = "ngày dạng NNNN-TT-NN, hoặc NNNN-TT khi chưa có ngày ký, hoặc để trống"

    def clean(self, value, path, report):
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return (value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        match = _PARTIAL_DATE.match(value.strip()) if isinstance(value, str) else None
        if not match:
            self.mismatch(value, path, report)
            return INVALID
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            report(path, f'ngày "{value}" không có thật trong lịch',
                   "Hãy kiểm tra lại ngày và tháng.")
            return INVALID
        return (year, month, day)

    def json(self):
        return {"anyOf": [{"type": "string", "pattern": r"^(\s*\d{4}(-\d{1,2}){0,2}\s*)?$"},
                          {"type": "integer", "minimum": 1, "maximum": 9999},
                          {"type": "null"}]}


class DeadlineField(Type):
    """A structured deadline: a date, a phrase such as ``trong tháng 9/2023``, or {due, phrase}."""

    expected = 'thời hạn: một ngày (2023-09-15), một cụm như "trong tháng 9/2023", hoặc {due, phrase}'

    def clean(self, value, path, report):
        from congvan.vn.deadlines import parse_deadline

        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # `deadline: 2026`, a year as YAML reads it
        if isinstance(value, str):
            value = normalize(value)
        try:
            return parse_deadline(value)
        except ValueError as exc:
            report(path, str(exc), "")
            return INVALID

    def json(self):
        return {"anyOf": [{"type": "string"},
                          {"type": "object", "properties": {
                              "due": {"type": "string",
                                      "description": "Ngày đến hạn, dạng NNNN-TT-NN, ví dụ 2023-09-15"},
                              "phrase": {"type": ["string", "null"],
                                         "description": "Cụm từ thời hạn in trong thư, ví dụ "
                                                        "“trong tháng 9/2023”; mặc định “trước ngày …”"}},
                           "required": ["due"], "additionalProperties": False},
                          {"type": "integer", "minimum": 1, "maximum": 9999}]}  # a year


class ListOf(Type):
    """A list; a single item is accepted where ``single`` is set (``lead: vhtt``)."""

    def __init__(self, item: Type, single: bool = False, min_items: int = 0):
        self.item = item
        self.single = single
        self.min_items = min_items
        self.expected = "một danh sách"

    def clean(self, value, path, report):
        if self.single and not isinstance(value, list) and value is not None:
            value = [value]
        if not isinstance(value, list):
            self.mismatch(value, path, report)
            return INVALID
        if len(value) < self.min_items:
            report(path, f"cần ít nhất {self.min_items} mục, nhưng danh sách có {len(value)}", "")
            return INVALID
        cleaned = [self.item.clean(v, f"{path}[{i}]", report) for i, v in enumerate(value)]
        return INVALID if any(c is INVALID for c in cleaned) else cleaned

    def json(self):
        schema = {"type": "array", "items": self.item.json()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.single:
            return {"anyOf": [schema, self.item.json()]}
        return schema


class Paragraphs(ListOf):
    """One paragraph as a string, or several as a list of strings."""

    def __init__(self):
        super().__init__(Text(), single=True)
        self.expected = "một đoạn văn hoặc danh sách các đoạn"


@dataclass
class Field:
    """One key of an object."""

    type: Type
    doc: str
    required: bool = False
    default: Any = None


@dataclass
class Obj(Type):
    """A mapping with declared keys; unknown keys are errors with a suggestion."""

    fields: dict[str, Field] = field(default_factory=dict)
    doc: str = ""
    expected: str = "một bảng khóa/giá trị"

    def clean(self, value, path, report):
        if not isinstance(value, dict):
            self.mismatch(value, path, report)
            return INVALID
        out, ok = {}, True
        for key in value:
            if key not in self.fields:
                close = suggest(str(key), list(self.fields), n=1)
                hint = did_you_mean(f'"{c}"' for c in close) or (
                    "Các khóa hợp lệ: " + ", ".join(self.fields) + ".")
                report(_join(path, str(key)), f'khóa "{key}" không có trong định dạng dữ liệu.', hint,
                       at_key=True)
                ok = False
        for name, spec in self.fields.items():
            given = value.get(name)  # a key with nothing after it is not given either
            if given is None:
                if spec.required:
                    report(_join(path, name), f"thiếu trường bắt buộc ({spec.doc})", "")
                    ok = False
                out[name] = spec.default
                continue
            cleaned = spec.type.clean(given, _join(path, name), report)
            if cleaned is INVALID:
                ok = False
            out[name] = cleaned
        return out if ok else INVALID

    def json(self):
        props = {}
        for name, spec in self.fields.items():
            sub = spec.type.json()
            if not spec.required:  # clean() takes `key:` with nothing after it as not given
                sub = _nullable(sub)
            sub["description"] = spec.doc
            props[name] = sub
        schema = {"type": "object", "properties": props, "additionalProperties": False}
        required = [n for n, s in self.fields.items() if s.required]
        if required:
            schema["required"] = required
        if self.doc:
            schema["description"] = self.doc
        return schema


class Either(Type):
    """A plain string, or an object (``body`` items: a paragraph or a numbered point)."""

    def __init__(self, text: Text, obj: Obj, expected: str):
        self.text, self.obj, self.expected = text, obj, expected

    def clean(self, value, path, report):
        if isinstance(value, dict):
            return self.obj.clean(value, path, report)
        if isinstance(value, str):
            return self.text.clean(value, path, report)
        self.mismatch(value, path, report)
        return INVALID

    def json(self):
        # clean() takes text only as a string here (not a number, unlike Text.clean)
        return {"anyOf": [{**self.text.json(), "type": "string"}, self.obj.json()]}


class Ref(Type):
    """A recursive reference (sub-indicators are indicators); ``$ref`` in JSON Schema."""

    def __init__(self, name: str, target: Type):
        self.name, self.target = name, target

    def clean(self, value, path, report):
        return self.target.clean(value, path, report)

    def json(self):
        return {"$ref": f"#/$defs/{self.name}"}


def _nullable(schema: dict) -> dict:
    """``schema`` that also accepts null."""
    if schema.get("type") == "null" or {"type": "null"} in schema.get("anyOf", []):
        return schema
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
