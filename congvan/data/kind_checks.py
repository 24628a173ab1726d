"""Checks that depend on the document's type and on how its appendices are declared.

They run on schema-cleaned plain data (before the model is built) and return
located problems: a ký hiệu that names another type, a Kính gửi the type does not
have, a Quyết định without articles, an appendix with both ``sections`` and ``rows``…
"""

from __future__ import annotations

from congvan.data.kinds import KINDS, contradiction
from congvan.data.problems import Problem
from congvan.data.source import Source

MAX_SIGNER_LINES = 3


def kind_errors(plain: dict, source: Source) -> list[Problem]:
    problems: list[Problem] = []

    def error(path: str, message: str, suggestion: str = "") -> None:
        problems.append(source.problem(path, message, suggestion))

    doc = plain["document"]
    kind = KINDS[doc.get("type") or "cong-van"]
    other = contradiction(kind, doc["symbol"])
    if other:
        wanted = f'"{kind.abbreviation}-…"' if kind.abbreviation else "không có chữ viết tắt tên loại"
        error("document.symbol",
              f'ký hiệu "{doc["symbol"]}" bắt đầu bằng "{other}", trái với loại văn bản '
              f'"{kind.key}" ({kind.sentence}: {wanted}).',
              "Hãy ghi ký hiệu không kèm tên loại, ví dụ UBND-VHTT: chương trình tự thêm "
              "chữ viết tắt của loại văn bản; hoặc sửa document.type.")
    if kind.recipients == "required" and not doc.get("recipients"):
        error("document.recipients", f"{kind.sentence} cần có Kính gửi (recipients).",
              "Hãy ghi mã các đơn vị nhận vào recipients.")
    if kind.recipients == "none" and doc.get("recipients"):
        error("document.recipients", f"{kind.sentence} không có Kính gửi (Nghị định 30).",
              "Hãy bỏ recipients; nơi nhận ghi ở distribution.")
    if kind.key == "quyet-dinh":
        if not doc.get("articles"):
            error("document.articles", "quyết định cần có các điều (articles).",
                  "Hãy ghi nội dung Điều 1, Điều 2… vào articles.")
        if not doc.get("authority"):
            error("document.authority", "quyết định cần dòng thẩm quyền ban hành (authority).",
                  "Ví dụ: CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN.")
    else:
        for key in ("authority", "bases", "proposal", "articles"):
            if doc.get(key):
                error(f"document.{key}", f'"{key}" chỉ dùng cho quyết định (type: quyet-dinh).',
                      "Hãy bỏ trường này hoặc đặt document.type: quyet-dinh.")
        if not doc.get("body"):
            error("document.body", f"{kind.sentence} cần có nội dung (body).", "")
    signer = doc["signer"]
    if signer.get("lines"):
        if signer.get("authority") or signer.get("title"):
            error("document.signer.lines", "vừa có lines vừa có authority/title.",
                  "Hãy chọn một cách: lines (một đến ba dòng) hoặc authority + title.")
        if len(signer["lines"]) > MAX_SIGNER_LINES:
            error("document.signer.lines",
                  f"có {len(signer['lines'])} dòng; người ký có từ một đến ba dòng thẩm quyền.",
                  "Ví dụ: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH].")
    elif not signer.get("title"):
        error("document.signer.title", "thiếu chức vụ người ký (title, hoặc lines).",
              "Ví dụ: title: CHỦ TỊCH.")
    if plain.get("appendix") and plain.get("appendices"):
        error("appendices", "vừa có appendix vừa có appendices.",
              "Một phụ lục: appendix; nhiều phụ lục: appendices (một danh sách).")
    appendices = ([("appendix", plain["appendix"])] if plain.get("appendix") else []) + [
        (f"appendices[{i}]", a) for i, a in enumerate(plain.get("appendices") or ())]
    for path, app in appendices:
        problems += _appendix_errors(app, path, source)
    return problems


def _appendix_errors(app: dict, path: str, source: Source) -> list[Problem]:
    out = []
    if app.get("sections") and app.get("rows"):
        out.append(source.problem(f"{path}.rows", "vừa có sections vừa có rows.",
                                  "Các dòng chia nhóm: sections; không chia nhóm: rows."))
    elif not app.get("sections") and not app.get("rows"):
        out.append(source.problem(path, "phụ lục không có dòng nào (sections hoặc rows).",
                                  "Hãy ghi các dòng vào rows, hoặc các nhóm vào sections."))
    columns = app.get("columns") or ()
    for i, col in enumerate(columns):
        if col["show"] == "field" and not col.get("key"):
            out.append(source.problem(f"{path}.columns[{i}].key",
                                      "cột show: field cần key (tên khóa trong fields của mỗi dòng).",
                                      "Ví dụ: key: san-pham."))
        if col["show"] != "field" and col.get("key"):
            out.append(source.problem(f"{path}.columns[{i}].key",
                                      "key chỉ dùng cho cột show: field.", ""))
    if app.get("form") == "list" and (columns or app.get("column_numbers")):
        out.append(source.problem(f"{path}.form", "phụ lục dạng danh sách (form: list) không có "
                                  "cột; hãy bỏ columns và column_numbers.", ""))
    return out
