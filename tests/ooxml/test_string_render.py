"""The string path writes document.xml byte for byte as the tree path does (parse,
table fix, line sizing, serialise), takes the tree path wherever it cannot prove that,
and really skips the XML parse where it can."""
from __future__ import annotations

import docx
import pytest
from markupsafe import Markup

import congvan
from congvan.builder.templates import DISPATCH_TEMPLATE, LETTER_TEMPLATE, compiled
from congvan.data.units import assignments
from congvan.builder.letters import LetterRenderer
from congvan.builder.pipeline import document_render_context
from congvan.documents.letter import letter_context
from congvan.nd30.solid_lines import fit_lines, fit_lines_text
from congvan.ooxml.shell import Shell
from congvan.ooxml.template import CompiledTemplate
from helpers import ROOT, load_tool

TEMPLATES = ROOT / "templates"
DOCUMENT = "word/document.xml"


def letter_contexts(data):
    """Each letter's context as a build renders it: with its anchors' markers and properties."""
    renderer = LetterRenderer(data, TEMPLATES)
    return [renderer.context(uid) for uid in renderer.wanted(data.units)]


def dispatch_context(data):
    """The dispatch's context as a build renders it (anchors' markers, properties)."""
    return document_render_context(data)


def assert_same_both_ways(template: CompiledTemplate, contexts) -> int:
    """Every context renders to the same bytes by both paths; returns how many."""
    count = 0
    for ctx in contexts:
        assert template.render(ctx) == template.render(ctx, tree=True)
        count += 1
    return count


@pytest.fixture
def no_tree(monkeypatch):
    """Rendering fails if document.xml goes through an lxml tree."""
    def refuse(*args, **kwargs):
        raise AssertionError("document.xml went through the XML tree")

    monkeypatch.setattr(Shell, "document", refuse)


# --- The shipped templates ---------------------------------------------------------

def test_the_shipped_templates_take_the_string_path():
    assert compiled(TEMPLATES / LETTER_TEMPLATE).string_path
    assert compiled(TEMPLATES / DISPATCH_TEMPLATE).string_path


def test_sample_dispatch_and_every_letter_are_byte_identical(sample):
    assert_same_both_ways(compiled(TEMPLATES / DISPATCH_TEMPLATE), [dispatch_context(sample)])
    count = assert_same_both_ways(compiled(TEMPLATES / LETTER_TEMPLATE), letter_contexts(sample))
    assert count == len(assignments(sample)) > 10


def test_sample_renders_without_any_xml_tree(sample, no_tree):
    compiled(TEMPLATES / DISPATCH_TEMPLATE).render(dispatch_context(sample))
    for ctx in letter_contexts(sample):
        compiled(TEMPLATES / LETTER_TEMPLATE).render(ctx)


def synthetic(tmp_path, units: int, tasks: int):
    gen = load_tool("gen_large")
    return congvan.load(gen.write(tmp_path / "large.yaml", gen.make_data(units, tasks, seed=5)))


def test_synthetic_letters_are_byte_identical(tmp_path):
    data = synthetic(tmp_path, 120, 300)
    count = assert_same_both_ways(compiled(TEMPLATES / LETTER_TEMPLATE), letter_contexts(data))
    assert count > 100
    assert_same_both_ways(compiled(TEMPLATES / DISPATCH_TEMPLATE), [dispatch_context(data)])


@pytest.mark.slow
def test_a_thousand_letters_are_byte_identical(tmp_path, monkeypatch):
    data = synthetic(tmp_path, 1060, 2500)
    template = compiled(TEMPLATES / LETTER_TEMPLATE)
    contexts = letter_contexts(data)
    assert len(contexts) >= 1000
    fast = [template.render(ctx) for ctx in contexts]
    assert fast == [template.render(ctx, tree=True) for ctx in contexts]
    assert_same_both_ways(compiled(TEMPLATES / DISPATCH_TEMPLATE), [dispatch_context(data)])


def test_sample_lines_sized_on_text_as_on_the_tree(sample):
    from lxml import etree

    template = compiled(TEMPLATES / LETTER_TEMPLATE)
    uid, tasks = next(iter(assignments(sample).items()))
    ctx = letter_context(sample, sample.units[uid], tasks)  # no anchors: the lines alone
    unsized = CompiledTemplate(TEMPLATES / LETTER_TEMPLATE).render_parts(ctx)[DOCUMENT]
    text = fit_lines_text(unsized)
    root = etree.fromstring(unsized)
    fit_lines(root)
    tree = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    assert text is not None and text == tree != unsized
    assert text == template.render_parts(ctx)[DOCUMENT]


def test_a_line_mark_the_text_pass_cannot_place_leaves_it_to_the_tree(sample):
    xml = compiled(TEMPLATES / LETTER_TEMPLATE).render_parts(letter_contexts(sample)[0])[DOCUMENT]
    text = xml.replace(b"</w:body>", b"<w:p><w:r><w:t>CVKe</w:t></w:r></w:p></w:body>")
    assert fit_lines_text(text) is None
    assert fit_lines_text(b'<?xml version="1.0"?><w:document/>') == b'<?xml version="1.0"?><w:document/>'


# --- Values the string path must not print as they are ------------------------------

def make_template(path, body: str, rows: list[list[str]] | None = None, nested: bool = False,
                  spans: bool = False):
    """A .docx with ``body`` as one paragraph, then a table of ``rows`` (text per cell)."""
    document = docx.Document()
    document.add_paragraph(body)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        if spans:
            table.cell(0, 0).merge(table.cell(0, 1))
        if nested:
            table.cell(len(rows) - 1, 0).add_table(rows=1, cols=1).cell(0, 0).text = "trong"
    document.save(str(path))
    return path


def ctx(subject) -> dict:
    return {"doc": {"subject": subject, "rows": ["a", "b"], "core": {}}}


@pytest.mark.parametrize("subject, string_path", [
    ("", True),                                  # <w:t …/> as lxml closes it
    ('Phòng "VH&TT" <x> it\'s {{ 7*6 }}', True),  # escapes as lxml writes them in text
    ("hai\ndòng\tvà tab", True),                  # docxtpl's listing pass
    ("xuống dòng\r\nkiểu Windows", False),        # the parser turns \r\n into \n
    ("ký tự \x01 điều khiển", False),             # not allowed in XML: the tree path decides
    (Markup("<w:r><w:t>chèn</w:t></w:r>"), False),
    (Markup("a &amp; b"), True),
    (12, True),
])
def test_values_are_printed_as_the_tree_path_prints_them(tmp_path, subject, string_path):
    template = CompiledTemplate(make_template(tmp_path / "t.docx", "Về việc: {{ doc.subject }}."))
    assert template.string_path
    fast = template.render_parts(ctx(subject))
    assert template._check.exact is string_path
    assert fast == template.render_parts(ctx(subject), tree=True)


@pytest.mark.parametrize("body, rows, kwargs, string_path", [
    ("{{ doc.subject }}", [["a", "b"], ["c", "d"]], {}, True),
    ("x", [["{%tr for i in doc.rows %}", ""], ["{{ i }}", "y"], ["{%tr endfor %}", ""]], {}, False),
    ("x", [["đầu", "bảng"], ["{%tr for i in doc.rows %}", ""], ["{{ i }}", "y"],
           ["{%tr endfor %}", ""]], {}, True),
    ("x", [["a", "b"], ["c", "d"]], {"nested": True}, False),
    ("x", [["a", "b"], ["c", "d"]], {"spans": True}, True),
    ("x", [["{% colspan 2 %}", "b"], ["c", "d"]], {}, False),
    ("{% if doc.subject %}mở{% endif %} {{ doc.subject|safe }}", None, {}, True),
    ("{% set x = 1 %}{{ x }}", None, {}, False),
    ("{{ '<w:br/>'|safe }}", None, {}, False),
])
def test_templates_take_the_string_path_only_when_it_is_proved(tmp_path, body, rows, kwargs,
                                                               string_path):
    template = CompiledTemplate(make_template(tmp_path / "t.docx", body, rows, **kwargs))
    assert template.string_path is string_path
    for subject in ("chủ đề", "", Markup("<w:br/>")):
        assert template.render(ctx(subject)) == template.render(ctx(subject), tree=True)


@pytest.mark.parametrize("body, plain", [
    ("Về việc: {{ doc.subject }}.", True),
    ("Về việc: {{- doc.subject -}} .", False),        # whitespace control: docxtpl's form
    ("{{ '<w:p>' }} {{ doc.subject }}", False),       # <w:p inside a tag, not template text
])
def test_the_body_is_compiled_without_docxtpl_newlines_only_when_equivalent(tmp_path, body, plain):
    template = CompiledTemplate(make_template(tmp_path / "t.docx", body))
    assert template.string_path
    assert (template._plain is not None) is plain
    for subject in ("chủ đề\n", "", Markup("<w:p>x</w:p>\n"), "a\r\nb"):
        assert template.render(ctx(subject)) == template.render(ctx(subject), tree=True)
