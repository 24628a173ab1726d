"""The data format, declared once.

Each field is declared with its type and a Vietnamese description. The same
declaration validates a loaded YAML file (reporting every problem with its field
path) and produces the JSON Schema that editors use (``congvan schema``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from . import text as textutil

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
        value = textutil.normalize(value)
        bad = textutil.find_control_chars(value)
        if bad:
            where = ", ".join(f"{code} ở vị trí {pos + 1}" for pos, code in bad[:3])
            report(path, f"có ký tự điều khiển không thể ghi vào tệp Word ({where})",
                   "Hãy xóa ký tự đó (thường do dán từ phần mềm khác).")
            return INVALID
        legacy = textutil.detect_legacy_encoding(value)
        if legacy:
            report(path, textutil.legacy_hint(legacy), "")
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


class DocDate(Type):
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


class Deadline(Type):
    """A structured deadline: a date, a phrase such as ``trong tháng 9/2023``, or {due, phrase}."""

    expected = 'thời hạn: một ngày (2023-09-15), một cụm như "trong tháng 9/2023", hoặc {due, phrase}'

    def clean(self, value, path, report):
        from .deadlines import parse_deadline

        if isinstance(value, str):
            value = textutil.normalize(value)
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
                           "required": ["due"], "additionalProperties": False}]}


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
                close = textutil.suggest(str(key), list(self.fields), n=1)
                hint = f'Có phải ý bạn là "{close[0]}"?' if close else (
                    "Các khóa hợp lệ: " + ", ".join(self.fields) + ".")
                report(_join(path, str(key)), f'khóa "{key}" không có trong định dạng dữ liệu.', hint,
                       at_key=True)
                ok = False
        for name, spec in self.fields.items():
            sub = _join(path, name)
            if name not in value or value[name] is None:
                if spec.required:
                    report(sub, f"thiếu trường bắt buộc ({spec.doc})", "")
                    ok = False
                out[name] = spec.default
                continue
            cleaned = spec.type.clean(value[name], sub, report)
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


# --- The data format -------------------------------------------------------

UNIT_KINDS = ("office", "commune", "group", "organization")


class Choice(Text):
    def __init__(self, choices):
        super().__init__()
        self.choices = tuple(choices)
        self.expected = "một trong: " + ", ".join(self.choices)

    def clean(self, value, path, report):
        if value not in self.choices:
            close = textutil.suggest(str(value), list(self.choices), n=1)
            hint = f'Có phải ý bạn là "{close[0]}"?' if close else ""
            report(path, f"cần {self.expected}, nhưng gặp {_kind_name(value)}", hint)
            return INVALID
        return value

    def json(self):
        return {"enum": list(self.choices)}


ISSUER = Obj({
    "parent": Field(Text(), "Cơ quan chủ quản (nếu có), viết hoa, ví dụ UBND TỈNH BẮC KẠN"),
    "lines": Field(ListOf(Text(), single=True, min_items=1),
                   "Tên cơ quan ban hành, mỗi dòng một mục, viết hoa", required=True),
    "short_name": Field(Text(), "Tên ngắn dùng trong câu, ví dụ UBND thành phố Bắc Kạn",
                        required=True),
}, doc="Cơ quan ban hành văn bản")

SIGNER = Obj({
    "authority": Field(Text(), "Quyền hạn ký, ví dụ TM. ỦY BAN NHÂN DÂN"),
    "title": Field(Text(), "Chức vụ người ký, ví dụ CHỦ TỊCH", required=True),
    "name": Field(Text(), "Họ tên người ký (không ghi học hàm, học vị)", required=True),
}, doc="Người ký")

POINT = Obj({
    "point": Field(Text(), "Tiêu đề mục được đánh số (số do chương trình đánh)", required=True),
    "paragraphs": Field(Paragraphs(), "Các đoạn của mục"),
})

DISTRIBUTION_GROUP = Obj({
    "label": Field(Text(), 'Nhãn nhóm, ví dụ "Gửi bản điện tử:"'),
    "entries": Field(ListOf(Text(), single=True, min_items=1),
                     "Các nơi nhận; dấu gạch đầu dòng và dấu ; do chương trình thêm", required=True),
})

DOCUMENT = Obj({
    "issuer": Field(ISSUER, "Cơ quan ban hành", required=True),
    "number": Field(Number(), "Số văn bản; để trống cho tới khi đăng ký"),
    "symbol": Field(Text(r"[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)+", "UBND-VHTT"),
                    "Ký hiệu văn bản: cơ quan ban hành - đơn vị soạn thảo, ví dụ UBND-VHTT",
                    required=True),
    "place": Field(Text(), "Địa danh, ví dụ Thành phố Bắc Kạn", required=True),
    "date": Field(DocDate(), "Ngày ban hành: NNNN-TT-NN, hoặc NNNN-TT khi chưa có ngày"),
    "subject": Field(Text(), "Trích yếu, bắt đầu bằng V/v", required=True),
    "recipients": Field(ListOf(UnitRef(), single=True, min_items=1),
                        "Kính gửi: mã các đơn vị nhận", required=True),
    "body": Field(ListOf(Either(Text(), POINT, "một đoạn văn hoặc một mục {point, paragraphs}"),
                         min_items=1), "Nội dung công văn", required=True),
    "signer": Field(SIGNER, "Người ký", required=True),
    "distribution": Field(ListOf(DISTRIBUTION_GROUP), "Nơi nhận (không kể dòng Lưu)"),
    "archive": Field(ListOf(Text(), single=True),
                     "Dòng Lưu; mặc định VT và đơn vị soạn thảo lấy từ ký hiệu"),
}, doc="Công văn")

UNIT = Obj({
    "id": Field(UnitId(), "Mã đơn vị, dùng để tham chiếu", required=True),
    "name": Field(Text(), "Tên đầy đủ (dùng ở Kính gửi)", required=True),
    "short": Field(Text(), "Tên ngắn in trong Phụ lục, ví dụ Phòng VH&TT"),
    "kind": Field(Choice(UNIT_KINDS), "Loại: office, commune, group, organization",
                  default="office"),
    "members": Field(ListOf(UnitRef()), "Thành viên của nhóm (mã đơn vị)"),
}, doc="Một đơn vị trong danh mục")

INDICATOR = Obj(doc="Một chỉ số hoặc chỉ số thành phần")
INDICATOR.fields.update({
    "name": Field(Text(), "Tên chỉ số", required=True),
    "lead": Field(ListOf(UnitRef(), single=True), "Đơn vị chủ trì (mã đơn vị)"),
    "support": Field(ListOf(UnitRef(), single=True), "Đơn vị phối hợp (mã đơn vị)"),
    "lead_text": Field(Text(), "Chữ in ở cột chủ trì khi khác tên ngắn các đơn vị nối bằng ;"),
    "support_text": Field(Text(), "Chữ in ở cột phối hợp khi khác tên ngắn các đơn vị nối bằng ;"),
    "task": Field(Paragraphs(), "Nhiệm vụ (một hoặc nhiều đoạn)"),
    "shares_task": Field(Flag(), "Dùng chung nhiệm vụ với chỉ số liền trước (ô gộp)",
                         default=False),
    "deadline": Field(Deadline(), "Thời hạn; nếu bỏ trống, đọc từ nội dung nhiệm vụ"),
    "indicators": Field(ListOf(Ref("indicator", INDICATOR)), "Các chỉ số thành phần (3.1, 3.2…)"),
})

SECTION = Obj({
    "title": Field(Text(), "Tên nhóm chỉ số, ví dụ NHẬN THỨC SỐ", required=True),
    "indicators": Field(ListOf(Ref("indicator", INDICATOR), min_items=1), "Các chỉ số",
                        required=True),
}, doc="Một nhóm chỉ số (I, II…)")

APPENDIX = Obj({
    "heading": Field(Text(), "Tiêu đề, mặc định PHỤ LỤC", default="PHỤ LỤC"),
    "title": Field(Text(), "Tên phụ lục", required=True),
    "sections": Field(ListOf(SECTION, min_items=1), "Các nhóm chỉ số", required=True),
}, doc="Phụ lục phân công nhiệm vụ")

LETTERS = Obj({
    "subject": Field(Text(), "Trích yếu của thư gửi đơn vị; mặc định suy ra từ công văn"),
    "closing": Field(Text(), "Đoạn kết của thư gửi đơn vị"),
}, doc="Thư giao nhiệm vụ gửi từng đơn vị")

DATA = Obj({
    "document": Field(DOCUMENT, "Công văn", required=True),
    "units": Field(ListOf(UNIT, min_items=1), "Danh mục đơn vị", required=True),
    "appendix": Field(APPENDIX, "Phụ lục", required=True),
    "letters": Field(LETTERS, "Thư gửi từng đơn vị", default={}),
}, doc="Dữ liệu một công văn của congvan")


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of the data format."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://congvan.local/congvan.schema.json",
        "title": "congvan",
    }
    schema.update(DATA.json())
    schema["$defs"] = {"indicator": INDICATOR.json()}
    return schema
