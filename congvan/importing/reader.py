"""The import itself: the .docx read and dissected, its parts turned into data, the
data checked by the project's own loader before anything is written."""

from __future__ import annotations

from pathlib import Path

from congvan.importing.appendix import read_appendices
from congvan.importing.document import read_document
from congvan.importing.notes import Imported, ImportFailure, Notes
from congvan.importing.units import Registry
from congvan.importing.yaml_writer import dump
from congvan.nd30.anatomy import dissect
from congvan.nd30.reading import read_docx


def read(source: Path, data: bytes | None):
    doc = read_docx(source, data)
    a = dissect(doc)
    if a.number is None and a.place_date is None and not a.body and not doc.tables:
        raise ImportFailure(f"tệp '{source}' không có phần nào của một văn bản hành chính "
                            "(Số, ngày tháng, nội dung, bảng); không nhập được.")
    notes = Notes()
    units = Registry()
    document = read_document(a, units, notes)
    key = document.get("type", "cong-van")
    appendices = read_appendices(a, units, notes, classic_allowed=key == "cong-van")
    if not appendices:
        raise ImportFailure(
            f"không tìm thấy bảng phân công nhiệm vụ trong '{source}': cần một phụ lục "
            "(PHỤ LỤC, DANH MỤC…) có bảng với dòng tiêu đề cột như STT, Nội dung nhiệm vụ, "
            "Đơn vị chủ trì, Đơn vị phối hợp. Chưa ghi tệp nào.")
    for group in units.groups():
        notes.add(f"Đơn vị «{group['name']}»",
                  "tên chỉ một nhóm đơn vị; hãy liệt kê mã các thành viên vào members "
                  "để thư giao nhiệm vụ được gửi tới từng đơn vị.")
    parts = [
        ("Văn bản: phần đầu, nội dung, người ký, nơi nhận (số thứ tự các mục do chương trình "
         "đánh).", "document", document),
        ("Danh mục đơn vị: mã được tạo từ tên; nhóm đơn vị cần liệt kê thành viên (members).",
         "units", units.plain() or [_placeholder_unit(notes)]),
    ]
    if len(appendices) == 1:
        parts.append(("Phụ lục: các cột, các nhóm và các dòng nhiệm vụ, theo thứ tự trong văn "
                      "bản (số thứ tự do chương trình đánh).", "appendix", appendices[0]))
    else:
        parts.append(("Các phụ lục (PHỤ LỤC I, II… do chương trình đánh số), theo thứ tự trong "
                      "văn bản.", "appendices", appendices))
    header = [f"Nhập từ {source.name} bằng lệnh congvan import.",
              "Kiểm tra lại bằng: congvan check <tệp này>; tạo văn bản: congvan build <tệp này>."]
    if notes.items:
        header.append("Cần xem lại:")
        header += [f"  - {n.where}: {n.message}" for n in notes.items]
    try:
        text = dump(parts, header)
    except ValueError:
        raise ImportFailure(f"không ghi được dữ liệu đọc từ '{source}' thành YAML đọc lại đúng "
                            "như vậy (lỗi của chương trình; xin báo lại kèm tệp). Chưa ghi tệp "
                            "nào.") from None
    _verify(text, source)
    return Imported(source, {k: v for _, k, v in parts}, tuple(notes.items), text)


def _placeholder_unit(notes: Notes) -> dict:
    notes.add("Đơn vị", "văn bản không nêu đơn vị nào; hãy sửa danh mục units.")
    return {"id": "don-vi", "name": "Đơn vị", "kind": "office"}


def _verify(text: str, source: Path) -> None:
    """The data written loads as congvan's own data, or nothing is written."""
    from congvan.data.loader import load_source
    from congvan.data.source import parse_source
    from congvan.exceptions import DataError

    try:
        load_source(parse_source(text, source.with_suffix(".yaml").name))
    except DataError as exc:
        raise ImportFailure(
            f"dữ liệu đọc từ '{source}' chưa dùng được, chưa ghi tệp nào:\n"
            + "\n".join(p.format() for p in exc.problems if p.is_error)) from None
