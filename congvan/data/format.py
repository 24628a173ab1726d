"""The data format, declared once.

Each field is declared with its type (:mod:`congvan.data.validation`) and a Vietnamese
description. The same declaration validates a loaded YAML file (reporting every problem
with its field path) and produces the JSON Schema that editors use (``congvan schema``).
"""

from __future__ import annotations

from congvan.data.kinds import (APPENDIX_FORMS, COLUMN_ALIGNS, COLUMN_SHOWS, GROUP_NUMBERINGS,
                                NUMBERINGS, ORIENTATIONS, TYPES)
from congvan.data.choices import Choice, TextMap, Width
from congvan.data.validation import (DateField, DeadlineField, Either, Field, Flag, ListOf,
                                     Number, Obj, Paragraphs, Ref, Text, UnitId, UnitRef)

UNIT_KINDS = ("office", "commune", "group", "organization")
MARKUP = " (được dùng *nghiêng*, **đậm**; \\* để in dấu *)"

ISSUER = Obj({
    "parent": Field(Text(), "Cơ quan chủ quản (nếu có), viết hoa, ví dụ UBND TỈNH BẮC KẠN"),
    "lines": Field(ListOf(Text(), single=True, min_items=1),
                   "Tên cơ quan ban hành, mỗi dòng một mục, viết hoa", required=True),
    "short_name": Field(Text(), "Tên ngắn dùng trong câu, ví dụ UBND thành phố Bắc Kạn",
                        required=True),
}, doc="Cơ quan ban hành văn bản")

SIGNER = Obj({
    "authority": Field(Text(), "Quyền hạn ký, ví dụ TM. ỦY BAN NHÂN DÂN"),
    "title": Field(Text(), "Chức vụ người ký, ví dụ CHỦ TỊCH (hoặc dùng lines)"),
    "lines": Field(ListOf(Text(), single=True, min_items=1),
                   "Một đến ba dòng thẩm quyền và chức vụ, ví dụ [TM. ỦY BAN NHÂN DÂN, "
                   "KT. CHỦ TỊCH, PHÓ CHỦ TỊCH]; thay cho authority + title"),
    "name": Field(Text(), "Họ tên người ký (không ghi học hàm, học vị)", required=True),
}, doc="Người ký")

POINT = Obj(doc="Một mục được đánh số (I., 1., a), -) với các đoạn và mục con của nó")
POINT.fields.update({
    "point": Field(Text(), "Tiêu đề mục được đánh số (số do chương trình đánh)" + MARKUP,
                   required=True),
    "paragraphs": Field(Paragraphs(), "Các đoạn của mục" + MARKUP),
    "points": Field(ListOf(Either(Text(), Ref("point", POINT),
                                  "một đoạn văn hoặc một mục con {point, paragraphs, points}")),
                    "Các mục con, đánh số ở cấp dưới (1. dưới I., a) dưới 1., - dưới a))"),
})

ARTICLE = Either(Text(), Obj({
    "text": Field(Text(), "Đoạn đầu của điều, in sau “Điều N.”" + MARKUP, required=True),
    "paragraphs": Field(Paragraphs(), "Các đoạn tiếp theo của điều" + MARKUP),
}), "nội dung một điều, hoặc {text, paragraphs}")

DISTRIBUTION_GROUP = Obj({
    "label": Field(Text(), 'Nhãn nhóm, ví dụ "Gửi bản điện tử:"'),
    "entries": Field(ListOf(Text(), single=True, min_items=1),
                     "Các nơi nhận; dấu gạch đầu dòng và dấu ; do chương trình thêm", required=True),
})

DOCUMENT = Obj({
    "issuer": Field(ISSUER, "Cơ quan ban hành", required=True),
    "number": Field(Number(), "Số văn bản; để trống cho tới khi đăng ký"),
    "type": Field(Choice(TYPES), "Loại văn bản: " + ", ".join(TYPES) + " (mặc định cong-van)",
                  default="cong-van"),
    "symbol": Field(Text(r"[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*", "UBND-VHTT"),
                    "Ký hiệu văn bản: cơ quan ban hành - đơn vị soạn thảo, ví dụ UBND-VHTT; "
                    "chữ viết tắt tên loại (KH, QĐ, TB, BC) do chương trình thêm",
                    required=True),
    "place": Field(Text(), "Địa danh, ví dụ Thành phố Bắc Kạn", required=True),
    "date": Field(DateField(), "Ngày ban hành: NNNN-TT-NN, hoặc NNNN-TT khi chưa có ngày"),
    "subject": Field(Text(), "Trích yếu: công văn bắt đầu bằng V/v; văn bản có tên loại "
                     "ghi nội dung (in đậm dưới tên loại)", required=True),
    "recipients": Field(ListOf(UnitRef(), single=True, min_items=1),
                        "Kính gửi: mã các đơn vị nhận (công văn: bắt buộc; báo cáo: tùy chọn; "
                        "kế hoạch, quyết định, thông báo: không có)"),
    "authority": Field(Text(), "Quyết định: thẩm quyền ban hành, ví dụ CHỦ TỊCH ỦY BAN NHÂN "
                               "DÂN THÀNH PHỐ BẮC KẠN"),
    "bases": Field(ListOf(Text(), single=True), "Quyết định: các căn cứ (in nghiêng, dấu ; "
                                                "do chương trình thêm)"),
    "proposal": Field(Text(), "Quyết định: dòng “Theo đề nghị của …” sau các căn cứ"),
    "articles": Field(ListOf(ARTICLE, min_items=1), "Quyết định: các điều (Điều 1., Điều 2. "
                                                    "do chương trình đánh)" + MARKUP),
    "body": Field(ListOf(Either(Text(), POINT,
                                "một đoạn văn hoặc một mục {point, paragraphs, points}"),
                         min_items=1), "Nội dung văn bản" + MARKUP),
    "signer": Field(SIGNER, "Người ký", required=True),
    "distribution": Field(ListOf(DISTRIBUTION_GROUP), "Nơi nhận (không kể dòng Lưu)"),
    "archive": Field(ListOf(Text(), single=True),
                     "Dòng Lưu; mặc định VT và đơn vị soạn thảo lấy từ ký hiệu"),
}, doc="Văn bản: công văn, kế hoạch, quyết định, thông báo hoặc báo cáo")

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
    "deadline": Field(DeadlineField(), "Thời hạn, in ở cột thời hạn đúng như đã viết; nếu bỏ "
                                       "trống, đọc từ nội dung nhiệm vụ"),
    "result": Field(Text(), "Kết quả / sản phẩm (cột result)"),
    "note": Field(Text(), "Ghi chú (cột note)"),
    "fields": Field(TextMap(), "Các cột tự đặt: tên cột (key của columns) → nội dung ô"),
    "indicators": Field(ListOf(Ref("indicator", INDICATOR)), "Các chỉ số thành phần (3.1, 3.2…)"),
})

SECTION = Obj({
    "title": Field(Text(), "Tên nhóm chỉ số, ví dụ NHẬN THỨC SỐ", required=True),
    "indicators": Field(ListOf(Ref("indicator", INDICATOR), min_items=1), "Các chỉ số",
                        required=True),
}, doc="Một nhóm chỉ số (I, II…)")

COLUMN = Obj({
    "show": Field(Choice(COLUMN_SHOWS), "Cột hiển thị gì: number (số thứ tự), name (tên nhiệm "
                  "vụ / chỉ số), task (nội dung nhiệm vụ), lead (chủ trì), support (phối hợp), "
                  "deadline (thời hạn), result (kết quả), note (ghi chú), field (cột tự đặt)",
                  required=True),
    "title": Field(Text(), "Tiêu đề cột; mặc định theo show"),
    "width": Field(Width(), "Độ rộng tương đối (ví dụ 8, 30, 15)", default=10),
    "align": Field(Choice(COLUMN_ALIGNS), "Canh lề: left, center, right, justify"),
    "merge": Field(Flag(), "Gộp dọc các ô giống nhau của các dòng dùng chung nhiệm vụ; "
                           "mặc định có cho task", default=None),
    "key": Field(Text(r"[a-z0-9_]+(?:-[a-z0-9_]+)*", "co-quan"),
                 "Với show: field — tên khóa trong fields của mỗi dòng"),
}, doc="Một cột của bảng phụ lục")

APPENDIX = Obj({
    "heading": Field(Text(), "Tiêu đề, mặc định PHỤ LỤC (PHỤ LỤC I, II… khi có nhiều phụ lục); "
                             "có thể viết Phụ lục"),
    "title": Field(Text(), "Tên phụ lục", required=True),
    "columns": Field(ListOf(COLUMN, min_items=1), "Các cột của bảng, theo thứ tự; mặc định "
                     "STT | Chỉ số | Chủ trì | Phối hợp | Nhiệm vụ"),
    "column_numbers": Field(Flag(), "In dòng số thứ tự cột (1) (2) (3)… dưới tiêu đề, lặp "
                                    "lại cùng tiêu đề ở mỗi trang", default=False),
    "sections": Field(ListOf(SECTION, min_items=1), "Các nhóm dòng (I, II…); hoặc dùng rows"),
    "rows": Field(ListOf(Ref("indicator", INDICATOR), min_items=1),
                  "Các dòng không chia nhóm; hoặc dùng sections"),
    "group_numbering": Field(Choice(GROUP_NUMBERINGS), "Đánh số nhóm: roman (I, II), letter "
                             "(A, B) hoặc none", default="roman"),
    "numbering": Field(Choice(NUMBERINGS), "Đánh số dòng: per-group (lại từ 1 mỗi nhóm) hoặc "
                       "continuous (liên tục qua các nhóm)", default="per-group"),
    "orientation": Field(Choice(ORIENTATIONS), "Hướng trang: landscape (ngang; mặc định của "
                         "bảng) hoặc portrait (dọc; mặc định của danh sách)"),
    "form": Field(Choice(APPENDIX_FORMS), "Dạng: table (bảng) hoặc list (danh sách đánh số, "
                                          "không kẻ bảng)", default="table"),
}, doc="Một phụ lục")

LETTERS = Obj({
    "subject": Field(Text(), "Trích yếu của thư gửi đơn vị; mặc định suy ra từ công văn"),
    "closing": Field(Text(), "Đoạn kết của thư gửi đơn vị"),
    "symbol": Field(Text(r"[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*", "UBND-VP"),
                    "Ký hiệu của thư (công văn); mặc định ký hiệu của văn bản bỏ tên loại"),
}, doc="Thư giao nhiệm vụ gửi từng đơn vị")

DATA = Obj({
    "document": Field(DOCUMENT, "Văn bản", required=True),
    "units": Field(ListOf(UNIT, min_items=1), "Danh mục đơn vị", required=True),
    "appendix": Field(APPENDIX, "Phụ lục (một phụ lục); nhiều phụ lục: appendices"),
    "appendices": Field(ListOf(APPENDIX, min_items=1), "Các phụ lục (PHỤ LỤC I, II…)"),
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
    schema["$defs"] = {"indicator": INDICATOR.json(), "point": POINT.json()}
    return schema
