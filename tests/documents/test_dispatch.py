"""The sample dispatch read back: the seed's whole text, in order, and its structure."""

import json

from docxread import NS, norm, part, q, stream, text

from helpers import SEED


def _seed_lines():
    raw = SEED.read_text(encoding="utf-8").replace("**", "")
    lines = []
    for line in raw.splitlines():
        for cell in line.split("\t"):
            if norm(cell):
                lines.append(norm(cell))
    # The one correction: the seed prints "4.1" twice; the second is 4.2.
    first = lines.index("4.1")
    second = lines.index("4.1", first + 1)
    lines[second] = "4.2"
    return lines


def _spelling(s):
    # The decree's quốc hiệu writes "HÒA"; the seed's typist wrote "HOÀ" (same word).
    return s.replace("CỘNG HOÀ", "CỘNG HÒA")


def test_every_seed_line_appears_in_order(built):
    paragraphs = stream(part(built / "cong-van.docx"))
    joined = " ".join(paragraphs)
    position = 0
    for line in _seed_lines():
        line = _spelling(line)
        found = joined.find(line, position)
        assert found >= 0, f"not found after position {position}: {line!r}"
        position = found + len(line)


def test_the_second_4_1_is_numbered_4_2(built):
    cells = [norm(text(tc)) for tc in part(built / "cong-van.docx").iter(q("w:tc"))]
    assert cells.count("4.1") == 1 and cells.count("4.2") == 1


def test_numbering_is_derived(sample):
    refs = [ind.ref for ind in sample.appendix.rows()]
    assert refs[:3] == ["I.1", "II.1", "III.1"]
    assert "VII.3.4" in refs and "VII.4.2" in refs
    assert [s.number for s in sample.appendix.sections] == ["I", "II", "III", "IV", "V", "VI", "VII"]


def test_appendix_reference_line_is_derived_from_the_dispatch(built):
    paragraphs = stream(part(built / "cong-van.docx"))
    assert ("(Ban hành kèm theo Công văn số /UBND-VHTT ngày tháng 9 năm 2023 "
            "của UBND thành phố Bắc Kạn)") in paragraphs


def test_number_and_date_fill_in_when_given(tmp_path):
    import congvan
    from helpers import SAMPLE

    text_ = SAMPLE.read_text(encoding="utf-8")
    text_ = text_.replace("  number:               #", "  number: 7              #")
    text_ = text_.replace("  date: 2023-09 ", "  date: 2023-09-05 ")
    path = tmp_path / "d.yaml"
    path.write_text(text_, encoding="utf-8")
    congvan.build(congvan.load(path), tmp_path / "out")
    paragraphs = stream(part(tmp_path / "out" / "cong-van.docx"))
    assert "Số: 07/UBND-VHTT" in paragraphs
    assert "TP. Bắc Kạn, ngày 05 tháng 9 năm 2023" in paragraphs
    assert ("(Ban hành kèm theo Công văn số 07/UBND-VHTT ngày 05 tháng 9 năm 2023 "
            "của UBND thành phố Bắc Kạn)") in paragraphs


def _appendix_table(root):
    return [t for t in root.iter(q("w:tbl")) if "Nhiệm vụ" in norm(text(t))][-1]


def test_section_rows_span_the_columns_after_stt(built, sample):
    table = _appendix_table(part(built / "cong-van.docx"))
    section_rows = []
    for tr in table.findall("w:tr", NS):
        cells = tr.findall("w:tc", NS)
        if len(cells) == 2:
            span = cells[1].find("w:tcPr/w:gridSpan", NS)
            section_rows.append((norm(text(cells[0])), norm(text(cells[1])), span.get(q("w:val"))))
    assert section_rows == [(s.number, s.title, "4") for s in sample.appendix.sections]


def test_header_row_repeats(built):
    table = _appendix_table(part(built / "cong-van.docx"))
    first = table.find("w:tr", NS)
    assert first.find("w:trPr/w:tblHeader", NS) is not None
    assert [norm(text(tc)) for tc in first.findall("w:tc", NS)] == [
        "STT", "Chỉ số chính/Chỉ số thành phần", "Đơn vị chủ trì thực hiện",
        "Đơn vị phối hợp", "Nhiệm vụ"]
    assert sum(tr.find("w:trPr/w:tblHeader", NS) is not None
               for tr in table.findall("w:tr", NS)) == 1


def test_shared_tasks_are_one_vertically_merged_cell(built):
    table = _appendix_table(part(built / "cong-van.docx"))
    rows = [tr.findall("w:tc", NS) for tr in table.findall("w:tr", NS)][1:]
    merges = []
    for cells in rows:
        if len(cells) != 5:
            continue
        vm = cells[4].find("w:tcPr/w:vMerge", NS)
        state = None if vm is None else (vm.get(q("w:val")) or "continue")
        merges.append((norm(text(cells[0])), state, norm(text(cells[4]))[:20]))
    continued = [(i, m) for i, m in enumerate(merges) if m[1] == "continue"]
    # IV.2 continues IV.1's task, VI.2 continues VI.1's: exactly two continuations.
    assert len(continued) == 2
    for i, (number, _, content) in continued:
        assert number == "2" and content == ""
        assert merges[i - 1][1] == "restart" and merges[i - 1][0] == "1"
        assert merges[i - 1][2]


def test_multi_paragraph_task_keeps_its_paragraphs(built):
    table = _appendix_table(part(built / "cong-van.docx"))
    for tc in table.iter(q("w:tc")):
        paragraphs = [norm(text(p)) for p in tc.findall("w:p", NS)]
        if paragraphs and paragraphs[0].startswith("1. Các đơn vị có HTTT"):
            assert paragraphs[1].startswith("2. Phòng VH&TT đôn đốc")
            break
    else:
        raise AssertionError("V.2's task cell not found")


def test_manifest_lists_every_file_with_hash(built, sample):
    import hashlib

    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["path"]: e for e in manifest["files"]}
    assert entries["cong-van.docx"]["kind"] == "dispatch"
    assert entries["cong-van.docx"]["unit"] is None
    for path, entry in entries.items():
        assert entry["sha256"] == hashlib.sha256((built / path).read_bytes()).hexdigest()
        assert set(entry) == {"path", "kind", "unit", "sha256", "inputs"}
        assert len(entry["inputs"]) == 64 and int(entry["inputs"], 16) >= 0


def test_special_characters_come_out_literally(tmp_path):
    import congvan
    from helpers import FIXTURES

    data = congvan.load(FIXTURES / "special-characters.yaml")
    congvan.build(data, tmp_path)
    for name in ["cong-van.docx", *[p.relative_to(tmp_path).as_posix()
                                    for p in (tmp_path / "don-vi").iterdir()]]:
        paragraphs = " ".join(stream(part(tmp_path / name)))
        assert 'A & B <c> "q" {{ 7*6 }} {% if x %}' in paragraphs
        assert " 42 " not in paragraphs
    appendix = " ".join(stream(part(tmp_path / "cong-van.docx")))
    assert "Phòng <Nội> & {{ vụ }}" in appendix
    core = part(tmp_path / "cong-van.docx", "docProps/core.xml")
    assert 'V/v A & B <c> "q" {{ 7*6 }} {% if x %}' in "".join(core.itertext())


def test_nfd_input_is_normalised(tmp_path):
    import congvan
    from helpers import FIXTURES

    data = congvan.load(FIXTURES / "nfd-text.yaml")
    assert data.document.subject == "V/v thử NFD"
    congvan.build(data, tmp_path)
    raw = (tmp_path / "cong-van.docx").read_bytes()
    import zipfile, io
    xml = zipfile.ZipFile(io.BytesIO(raw)).read("word/document.xml").decode("utf-8")
    assert "V/v thử NFD" in xml and "\u031b" not in xml
