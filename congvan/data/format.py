"""The data format, declared once.

Each field is declared with its type (:mod:`congvan.data.validation`) and a Vietnamese
description. The same declaration validates a loaded YAML file (reporting every problem
with its field path) and produces the JSON Schema that editors use (``congvan schema``).
"""

from __future__ import annotations

from congvan.data.validation import (Choice, DateField, DeadlineField, Either, Field, Flag,
                                     ListOf, Number, Obj, Paragraphs, Ref, Text, UnitId, UnitRef)

UNIT_KINDS = ("office", "commune", "group", "organization")

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
    "date": Field(DateField(), "Ngày ban hành: NNNN-TT-NN, hoặc NNNN-TT khi chưa có ngày"),
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
    "deadline": Field(DeadlineField(), "Thời hạn; nếu bỏ trống, đọc từ nội dung nhiệm vụ"),
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
