"""Every file a build writes anchors its task rows and body paragraphs with bookmarks:
ASCII names of at most 40 characters, unique in the file, each around one paragraph; the
markers that place them leave no trace in the text."""

import re
import zipfile

import pytest
from lxml import etree

from congvan.builder.anchors import task_anchors
from congvan.builder.pipeline import build
from congvan.data.loader import load
from helpers import DECISION_SAMPLE, PLAN_SAMPLE, SAMPLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("sample", [SAMPLE, PLAN_SAMPLE, DECISION_SAMPLE], ids=lambda p: p.stem)
def test_bookmarks_in_every_file(sample, tmp_path):
    data = load(sample)
    build(data, tmp_path)
    expected = set(task_anchors(data).values())
    documents = sorted(tmp_path.rglob("*.docx"))
    seen_rows: set[str] = set()
    for path in documents:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml")
            assert b"congvan-du-lieu" in archive.read("docProps/custom.xml")
        root = etree.fromstring(xml)
        starts = list(root.iter(f"{W}bookmarkStart"))
        names = [b.get(f"{W}name") for b in starts]
        assert len(names) == len(set(names)), path
        assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", n) for n in names), names
        ends = {b.get(f"{W}id") for b in root.iter(f"{W}bookmarkEnd")}
        assert {b.get(f"{W}id") for b in starts} == ends
        assert all(b.getparent().tag == f"{W}p" for b in starts)
        assert "\ue000" not in xml.decode("utf-8") and "\ue001" not in xml.decode("utf-8")
        seen_rows |= {n for n in names if n.startswith("t")}
        if path.parent == tmp_path:
            assert "p_1" in names or {"c_1", "d_1"} <= set(names)
    assert seen_rows == expected
