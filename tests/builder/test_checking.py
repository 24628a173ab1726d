"""The build's decree check (congvan/builder/checking.py) reads each table's first rows only,
and finds there what the check of the whole file finds."""
from __future__ import annotations

import io
import zipfile

import pytest
import yaml
from lxml import etree

import congvan
from congvan.builder.checking import ROWS_CHECKED, check_rendered, first_rows
from congvan.builder.pipeline import build, render_documents
from congvan.nd30.conformance import check_docx
from helpers import DECISION_SAMPLE, PLAN_SAMPLE, SAMPLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEAD = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
TAIL = b"<w:sectPr/></w:body></w:document>"


def row(text: str, inner: bytes = b"") -> bytes:
    return (b'<w:tr w:rsidR="1"><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>'
            + text.encode() + b"</w:t></w:r></w:p>" + inner + b"</w:tc></w:tr>")


def table(*rows: bytes) -> bytes:
    return b"<w:tbl><w:tblPr/><w:tblGrid/>" + b"".join(rows) + b"<w:bookmarkEnd w:id=\"1\"/></w:tbl>"


def texts(xml: bytes) -> list[list[str]]:
    """The text of each table's rows, tables in document order."""
    root = etree.fromstring(xml)
    return [["".join(tr.itertext()) for tr in tbl.findall(f"{W}tr")] for tbl in root.iter(f"{W}tbl")]


def test_rows_beyond_the_first_are_left_out_of_each_table():
    nested = table(row("n1"), row("n2"), row("n3"))
    xml = (HEAD + table(row("a1", nested), row("a2"), row("a3", nested), b"<w:tr/>", row("a5"))
           + b"<w:p/>" + table(row("b1"), b'<w:tr w:rsidR="2"/>', row("b3")) + TAIL)
    cut = first_rows(xml, 2)
    # the nested table in a kept row keeps its first two rows; the one in a cut row goes
    assert texts(cut) == [["a1n1n2", "a2"], ["n1", "n2"], ["b1", ""]]
    # what follows the rows stays: in both tables and in the nested one kept
    assert cut.count(b"<w:bookmarkEnd") == 3 and xml.count(b"<w:bookmarkEnd") == 4


def test_a_document_whose_tables_are_short_is_checked_as_it_is():
    xml = HEAD + table(row("a1"), row("a2")) + TAIL
    assert first_rows(xml, 2) is xml
    assert texts(first_rows(xml, 1)) == [["a1"]]


def synthetic(tmp_path, count: int):
    """The sample's document with ``count`` tasks, every third sharing the task before it."""
    raw = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    units = [u["id"] for u in raw["units"] if not u.get("members")]
    indicators = [{"name": f"Chỉ số {n}", "lead": [units[n % len(units)]],
                   "support": [units[(n + 1) % len(units)]],
                   "task": f"Thực hiện chỉ số {n // 3} trước ngày {n % 28 + 1}/9/2023."}
                  for n in range(count)]
    raw["appendix"]["sections"] = [{"title": "CHỈ SỐ", "indicators": indicators}]
    path = tmp_path / "synthetic.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return congvan.load(path)


@pytest.mark.parametrize("source", [SAMPLE, PLAN_SAMPLE, DECISION_SAMPLE, "large"],
                         ids=lambda s: getattr(s, "stem", s))
def test_the_build_finds_what_the_whole_check_finds(source, tmp_path):
    data = synthetic(tmp_path, ROWS_CHECKED + 150) if source == "large" else congvan.load(source)
    docs = render_documents(data)
    for doc in docs[:2]:
        whole = [(doc.path, f) for f in check_docx(doc.path, doc.data).findings]
        assert check_rendered(doc) == whole
    if source == "large":
        with zipfile.ZipFile(io.BytesIO(docs[0].data)) as archive:
            rows = archive.read("word/document.xml").count(b"<w:tr")
        assert rows > ROWS_CHECKED + 150  # the document was really cut for the check


def test_a_build_reports_a_broken_row_among_the_first(tmp_path, monkeypatch):
    """A fault the template puts in every row is found in the first ones: here rows that
    span more columns than the table has."""
    import congvan.builder.checking as checking

    data = synthetic(tmp_path, ROWS_CHECKED + 10)
    real = checking.first_rows

    def widened(xml, keep):
        return real(xml, keep).replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2"/>')

    monkeypatch.setattr(checking, "first_rows", widened)
    findings: list = []
    build(data, tmp_path / "out", findings=findings)
    assert any("cột" in f.found for _, f in findings)
