"""The document part of an import: header, Kính gửi, body, căn cứ and articles of a
Quyết định, signer and Nơi nhận, read from :func:`congvan.nd30.anatomy.dissect`.

Numbers the generator derives (the points' ``I.``/``1.``/``a)``, ``Điều N.``, the type's
abbreviation in the ký hiệu, the ``./.`` closing the text, the punctuation of lists) are
taken off, so that building the data prints them again the same way.
"""

from __future__ import annotations

import re

from congvan.data.kinds import KINDS, contradiction
from congvan.importing.body import read_body
from congvan.importing.markup import escape, paragraph_markup
from congvan.importing.notes import ImportFailure, Notes
from congvan.importing.units import Registry
from congvan.nd30.anatomy import Anatomy
from congvan.vn.text import fold

TYPE_BY_NAME = {k.sentence: k.key for k in KINDS.values()}
_NUMBER = re.compile(r"^Số\s*:\s*(\d*)\s*/\s*(\S+)", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^(.*?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})",
                         re.IGNORECASE)
_SYMBOL = re.compile(r"^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$")
_ENTRY_END = " ;.,"


def _entry(text: str) -> str:
    """A list line without its dash and closing punctuation: ``- Như trên;`` → ``Như trên``."""
    return text.lstrip("-–+ ").rstrip(_ENTRY_END).strip()


def read_document(a: Anatomy, units: Registry, notes: Notes) -> dict:
    kind_name = a.kind
    if kind_name not in TYPE_BY_NAME:
        raise ImportFailure(f"loại văn bản «{kind_name}» chưa được hỗ trợ: congvan nhập công văn, "
                            "kế hoạch, quyết định, thông báo và báo cáo.")
    key = TYPE_BY_NAME[kind_name]
    kind = KINDS[key]
    doc: dict = {}
    if key != "cong-van":
        doc["type"] = key
    doc["issuer"] = _issuer(a, notes)
    number, symbol = _number(a, kind, notes)
    doc["number"] = number
    doc["symbol"] = symbol
    doc.update(_place_date(a, notes))
    doc["subject"] = _subject(a, notes)
    recipients = _recipients(a)
    if recipients and kind.recipients == "none":
        notes.add("Kính gửi", f"{kind.sentence} không có Kính gửi theo Nghị định 30; "
                              f"đã bỏ: {'; '.join(recipients)}.")
    elif recipients:
        doc["recipients"] = [units.recipient(r) for r in recipients]
    elif kind.recipients == "required":
        notes.add("Kính gửi", "không tìm thấy Kính gửi; hãy ghi mã đơn vị nhận vào "
                              "document.recipients.")
    paragraphs = list(a.body)
    if key == "quyet-dinh":
        doc.update(_decision(paragraphs, notes))
    else:
        doc["body"] = read_body(paragraphs, typed=key != "cong-van", notes=notes)
        if not doc["body"]:
            notes.add("Nội dung", "văn bản không có đoạn nội dung nào đọc được.")
            doc["body"] = ["(Nội dung văn bản)"]
    doc["signer"] = _signer(a, notes)
    distribution, archive = _distribution(a)
    if distribution:
        doc["distribution"] = distribution
    if archive:
        doc["archive"] = archive
    return doc


def _issuer(a: Anatomy, notes: Notes) -> dict:
    lines = [p.text for p in a.issuer]
    if not lines:
        notes.add("Phần đầu", "không tìm thấy tên cơ quan ban hành (góc trái trên cùng); "
                              "hãy sửa document.issuer.lines.")
        lines = ["CƠ QUAN BAN HÀNH"]
    out: dict = {}
    if a.parent:
        out["parent"] = " ".join(p.text for p in a.parent)
    out["lines"] = lines
    out["short_name"] = _short_name(a, lines)
    return out


_ADMIN = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "phường", "xã")


def _short_name(a: Anatomy, lines: list[str]) -> str:
    """The issuer as a sentence names it: from an appendix's ``(Kèm theo … của X)``, else
    ``UBND thành phố Bắc Kạn`` from ``ỦY BAN NHÂN DÂN`` / ``THÀNH PHỐ BẮC KẠN``."""
    for app in a.appendices:
        ref = app.reference.text if app.reference is not None else ""
        if " của " in ref:
            return ref.rsplit(" của ", 1)[1].rstrip(") ").strip()
    full = " ".join(lines)
    if fold(full).startswith("uy ban nhan dan "):
        rest = full[len("ỦY BAN NHÂN DÂN "):].lower()
        admin = next((w for w in _ADMIN if rest.startswith(w + " ")), "")
        name = rest[len(admin):].strip().title()
        return f"UBND {admin} {name}".replace("  ", " ")
    return full


def _number(a: Anatomy, kind, notes: Notes) -> tuple[int | None, str]:
    m = _NUMBER.match(a.number.text) if a.number is not None else None
    if m is None:
        notes.add("Số, ký hiệu", "không tìm thấy dòng «Số: …/…»; hãy sửa document.symbol.")
        return None, "UBND"
    number = int(m.group(1)) if m.group(1) else None
    symbol = m.group(2).rstrip(".,;")
    head, _, rest = symbol.partition("-")
    if kind.abbreviation and head.upper() == kind.abbreviation.upper() and rest:
        symbol = rest
    other = contradiction(kind, symbol.upper())
    if other:
        notes.add("Số, ký hiệu", f"ký hiệu «{symbol}» bắt đầu bằng «{other}», chữ viết tắt của "
                                 f"loại khác, không phải {kind.sentence.lower()}; đã bỏ «{other}-».")
        symbol = symbol.split("-", 1)[1]
    if not _SYMBOL.match(symbol):
        fixed = symbol.upper()
        if not _SYMBOL.match(fixed):
            fixed = re.sub(r"[^A-ZĐ0-9-]+", "", fixed).strip("-") or "UBND"
        notes.add("Số, ký hiệu", f"ký hiệu «{symbol}» được ghi thành «{fixed}» (chữ in hoa, "
                                 "nối bằng dấu gạch ngang).")
        symbol = fixed
    return number, symbol


def _place_date(a: Anatomy, notes: Notes) -> dict:
    m = _PLACE_DATE.match(a.place_date.text) if a.place_date is not None else None
    if m is None:
        notes.add("Địa danh, ngày", "không tìm thấy dòng «…, ngày … tháng … năm …»; hãy sửa "
                                    "document.place và document.date.")
        return {"place": "Địa danh"}
    out: dict = {"place": m.group(1).strip()}
    day, month, year = m.group(2), m.group(3), m.group(4)
    if month and day:
        out["date"] = f"{year}-{int(month):02d}-{int(day):02d}"
    elif month:
        out["date"] = f"{year}-{int(month):02d}"
    else:
        notes.add("Địa danh, ngày", f"ngày chỉ có năm {year}; document.date để trống.")
    return out


def _subject(a: Anatomy, notes: Notes) -> str:
    if a.type_subject is not None:
        lines = [a.type_subject]
        cell = a.type_subject.cell
        for p in a.main:
            if p.index <= lines[-1].index or not p.text or p.index != lines[-1].index + 1:
                continue
            if p.cell == cell and p not in a.body and p is not a.type_rule:
                lines.append(p)
        return escape(" ".join(p.text for p in lines))
    if a.subject is not None:
        return escape(a.subject.text)
    notes.add("Trích yếu", "không tìm thấy trích yếu (V/v … hoặc dòng dưới tên loại); "
                           "hãy sửa document.subject.")
    return "V/v (trích yếu)" if a.type_name is None else "(Trích yếu)"


def _recipients(a: Anatomy) -> list[str]:
    out = []
    if a.recipients_label is not None:
        inline = re.sub(r"^kính gửi\s*:?", "", a.recipients_label.text, flags=re.IGNORECASE)
        if _entry(inline):
            out.append(_entry(inline))
    out += [_entry(p.text) for p in a.recipients if _entry(p.text)]
    return out


def _decision(paragraphs, notes: Notes) -> dict:
    out: dict = {}
    rest = list(paragraphs)
    if rest and rest[0].text == rest[0].text.upper() and not fold(rest[0].text).startswith("can cu"):
        out["authority"] = rest.pop(0).text
    else:
        notes.add("Quyết định", "không tìm thấy dòng thẩm quyền ban hành (chữ in hoa trên các "
                                "căn cứ); hãy sửa document.authority.")
        out["authority"] = "(THẨM QUYỀN BAN HÀNH)"
    while rest and fold(rest[0].text).startswith("can cu"):
        out.setdefault("bases", []).append(paragraph_markup(rest.pop(0), italic=False).rstrip(_ENTRY_END))
    if rest and fold(rest[0].text).startswith("theo de nghi"):
        out["proposal"] = paragraph_markup(rest.pop(0), italic=False).rstrip(_ENTRY_END)
    if rest and fold(rest[0].text).rstrip(":").strip() == "quyet dinh":
        rest.pop(0)
    articles: list[list[str]] = []
    for p in rest:
        m = re.match(r"^Điều\s+\d+\s*[.:]", p.text)
        if m:
            articles.append([paragraph_markup(p, skip=m.group(0))])
        elif articles:
            articles[-1].append(paragraph_markup(p))
        else:
            notes.add("Quyết định", f"đoạn «{p.text[:60]}» đứng trước Điều 1; được ghép vào Điều 1.")
            articles.append([paragraph_markup(p)])
    if not articles:
        notes.add("Quyết định", "không tìm thấy «Điều 1.»; hãy ghi các điều vào document.articles.")
        articles = [["(Nội dung Điều 1)"]]
    articles[-1][-1] = _unclose(articles[-1][-1])
    out["articles"] = [a[0] if len(a) == 1 else {"text": a[0], "paragraphs": a[1:]}
                       for a in articles]
    return out


def _unclose(text: str) -> str:
    """The last paragraph without the ``/.`` of the ``./.`` the generator adds again."""
    return text[:-2] if text.endswith("./.") else text


def _signer(a: Anatomy, notes: Notes) -> dict:
    lines = [p.text for p in a.authority]
    name = a.signer.text if a.signer is not None else ""
    if not name:
        notes.add("Chữ ký", "không tìm thấy họ tên người ký; hãy sửa document.signer.name.")
        name = "(Họ tên người ký)"
    out: dict = {}
    if lines:
        out["lines"] = lines[-3:]
    out["name"] = name
    return out


def _distribution(a: Anatomy) -> tuple[list[dict], list[str]]:
    groups: list[dict] = []
    archive: list[str] = []
    for p in a.distribution:
        text = p.text
        if fold(_entry(text)).startswith("luu:") or fold(_entry(text)).startswith("luu "):
            archive = [x.strip() for x in _entry(text).split(":", 1)[-1].split(",") if x.strip()]
            continue
        if not text.startswith(("-", "–", "+")) and text.endswith(":"):
            groups.append({"label": text, "entries": []})
            continue
        if not groups:
            groups.append({"entries": []})
        groups[-1]["entries"].append(_entry(text))
    return [g for g in groups if g["entries"]], archive


__all__ = ["read_document", "TYPE_BY_NAME"]
