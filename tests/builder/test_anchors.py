"""Every file a build writes anchors its task rows and body paragraphs with bookmarks:
ASCII names of at most 40 characters, unique in the file, each around one paragraph; the
markers that place them leave no trace in the text."""

import re
import zipfile
from datetime import date

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


def test_anchors_placed_on_text_are_the_tree_passs_bytes(sample):
    """The string render places the bookmarks itself, byte for byte as the tree pass does,
    for the dispatch and every letter (several markers in one paragraph included)."""
    from congvan.builder.anchors import place_anchors, place_anchors_text
    from congvan.builder.letters import LetterRenderer
    from congvan.builder.pipeline import document_render_context
    from congvan.builder.templates import DISPATCH_TEMPLATE, LETTER_TEMPLATE, default_templates_dir
    from congvan.ooxml.template import CompiledTemplate
    from lxml import etree

    templates = default_templates_dir()
    renderer = LetterRenderer(sample, templates)
    cases = [(DISPATCH_TEMPLATE, document_render_context(sample))]
    cases += [(LETTER_TEMPLATE, renderer.context(uid)) for uid in renderer.wanted(sample.units)]
    for name, ctx in cases:
        raw = CompiledTemplate(templates / name).render_parts(ctx)["word/document.xml"]
        assert "\ue000".encode() in raw
        root = etree.fromstring(raw)
        place_anchors(root)
        tree = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        assert place_anchors_text(raw) == tree, name
    two = ('<w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:t>\ue000a\ue001\ue000b\ue001</w:t>'
           '</w:r><w:r><w:t xml:space="preserve">\ue000c\ue001 x</w:t></w:r></w:p>')
    xml = f'<w:document xmlns:w="{W[1:-1]}"><w:body>{two}</w:body></w:document>'
    root = etree.fromstring(xml)
    place_anchors(root)
    assert place_anchors_text(xml.encode()) == etree.tostring(root, encoding="unicode").encode()


def test_new_bookmarks_number_after_those_already_in_the_document():
    from congvan.builder.anchors import _last_bookmark_id

    xml = (b'<w:body><w:p><w:bookmarkStart w:name="_GoBack" w:id="12"/><w:bookmarkEnd w:id="12"/>'
           b'</w:p><w:p><w:bookmarkStart w:id="3" w:name="x"/></w:p><w:bookmarkStartX w:id="99"/>'
           b'</w:body>')
    assert _last_bookmark_id(xml) == 12
    assert _last_bookmark_id(b"<w:body><w:p/></w:body>") == 0


_DIGESTS = """
import json, sys
import congvan
from congvan.builder.letters import LetterRenderer
from congvan.builder.pipeline import document_render_context
from congvan.builder.templates import default_templates_dir
data = congvan.load(sys.argv[1])
renderer = LetterRenderer(data, default_templates_dir())
digests = [document_render_context(data)["properties"]]
digests += [renderer.context(uid)["properties"] for uid in renderer.wanted(data.units)]
print(json.dumps(digests))
"""


def test_the_data_digest_is_the_same_in_every_process():
    """The digest written into each file (and the rebuild's inputs) does not depend on the
    process: another hash seed, other objects holding equal values."""
    import json
    import os
    import subprocess
    import sys

    from helpers import ROOT

    runs = [subprocess.run([sys.executable, "-c", _DIGESTS, str(SAMPLE)], capture_output=True,
                           text=True, check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
            for seed in ("1", "2")]
    first, second = (json.loads(run.stdout) for run in runs)
    assert first == second
    assert len({d["congvan-du-lieu"] for d in first}) == len(first)  # every file its own


def test_the_digest_follows_values_not_objects():
    from congvan.builder.anchors import context_digest

    text = "Phòng VH&TT"
    one = {"a": [text, text], "b": {"c": date(2023, 9, 5)}}
    other = {"a": ["".join(["Phòng ", "VH&TT"]), text], "b": {"c": date(2023, 9, 5)}}
    assert one["a"][0] is not other["a"][0]
    assert context_digest(one) == context_digest(other)
    assert context_digest(one) != context_digest({**one, "b": {"c": date(2023, 9, 6)}})
    assert context_digest(one) != context_digest({"a": [text, text + " "], "b": one["b"]})


@pytest.mark.parametrize("paragraph", [
    # a text box in the paragraph, before the marked text: its paragraphs are closed
    '<w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p>'
    '<w:p w:rsidR="1"/></w:txbxContent></w:pict></w:r><w:r><w:t>\ue000a\ue001x</w:t></w:r></w:p>',
    # the marked text inside the text box's paragraph, and a paragraph opening after it
    '<w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>\ue000b\ue001y</w:t></w:r></w:p>'
    '</w:txbxContent></w:pict></w:r><w:r><w:t>z</w:t></w:r></w:p>',
    '<w:p><w:r><w:t>\ue000c\ue001y</w:t></w:r><w:r><w:pict><w:txbxContent><w:p/>'
    '</w:txbxContent></w:pict></w:r></w:p>',
    # tracked paragraph properties hold the old ones
    '<w:p><w:pPr><w:jc w:val="left"/><w:pPrChange w:id="1"><w:pPr><w:jc w:val="both"/></w:pPr>'
    '</w:pPrChange></w:pPr><w:r><w:t>\ue000d\ue001</w:t></w:r></w:p>',
    '<w:p><w:pPr/><w:r><w:t>\ue000e\ue001</w:t></w:r></w:p><w:p w:rsidR="2"/>',
])
def test_bookmarks_on_text_around_nested_paragraphs_as_on_the_tree(paragraph):
    from congvan.builder.anchors import place_anchors, place_anchors_text

    xml = f'<w:document xmlns:w="{W[1:-1]}"><w:body>{paragraph}</w:body></w:document>'
    root = etree.fromstring(xml)
    place_anchors(root)
    expected = etree.tostring(root, encoding="unicode").encode()
    assert place_anchors_text(etree.tostring(etree.fromstring(xml), encoding="unicode").encode()) == expected
