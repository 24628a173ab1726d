"""The compile-once fast path renders exactly what docxtpl's own full render does,
keeps data text literal in every part, and turns template faults into TemplateError."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import jinja2
import pytest
from lxml import etree

import congvan
from helpers import ROOT
from congvan import TemplateError
from congvan.documents.dispatch import dispatch_context
from congvan.documents.letter import letter_context
from congvan.ooxml.template import CompiledTemplate, render_reference
from congvan.data.units import LEAD, SUPPORT, assignments

CONG_VAN = ROOT / "templates" / "cong-van.docx"
THU_DON_VI = ROOT / "templates" / "thu-don-vi.docx"
DOCUMENT = "word/document.xml"
SPECIAL = 'Phòng VH&TT <x> "q" {{ 7*6 }} {% if %}'
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"

# Data of our own, so that these tests do not move with the sample: a unit that only
# leads, one that only coordinates, one that does both; shared tasks, sub-indicators,
# several paragraphs, tasks without a deadline, and SPECIAL text in many fields.
DATA = """\
document:
  issuer: {parent: UBND TỈNH BẮC KẠN, lines: [ỦY BAN NHÂN DÂN, THÀNH PHỐ BẮC KẠN],
           short_name: UBND thành phố Bắc Kạn}
  number: 7
  symbol: UBND-VHTT
  place: Thành phố Bắc Kạn
  date: 2023-09-05
  subject: 'V/v SUBJECT'
  recipients: [chu-tri, phoi-hop, ca-hai]
  body:
    - Đoạn mở đầu.
    - point: 'Điểm SPECIAL'
      paragraphs: [Đoạn một., 'Đoạn SPECIAL']
    - Đoạn kết.
  signer: {authority: KT. CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Nguyễn Văn A}
  distribution:
    - {label: "Gửi bản điện tử:", entries: [Như trên, 'SPECIAL']}
units:
  - {id: chu-tri, name: Phòng Nội vụ thành phố, short: Phòng Nội vụ, kind: office}
  - {id: phoi-hop, name: 'Phòng SPECIAL', short: 'SPECIAL', kind: office}
  - {id: ca-hai, name: Ủy ban nhân dân phường Đức Xuân, short: UBND phường Đức Xuân, kind: commune}
appendix:
  title: 'Phân công SPECIAL'
  sections:
    - title: NHẬN THỨC SỐ
      indicators:
        - name: Chỉ số một
          lead: [chu-tri]
          support: [phoi-hop, ca-hai]
          task: [Đoạn thứ nhất trước ngày 15/9/2023., 'Đoạn thứ hai SPECIAL']
        - name: Chỉ số dùng chung nhiệm vụ
          lead: [chu-tri]
          shares_task: true
    - title: 'THỂ CHẾ SỐ SPECIAL'
      indicators:
        - name: Chỉ số có chỉ số thành phần
          indicators:
            - name: Thành phần một
              lead: [ca-hai]
              support: [phoi-hop]
              task: Thực hiện trong quý III và quý IV/2023.
            - name: Thành phần hai
              lead: [ca-hai]
              task: Thực hiện thường xuyên.
        - name: Chỉ số không có hạn
          lead: [chu-tri, ca-hai]
          support: [phoi-hop]
          support_text: 'Các đơn vị SPECIAL'
          task: Phối hợp thực hiện.
""".replace("SPECIAL", SPECIAL.replace("'", "''"))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("render") / "data.yaml"
    path.write_text(DATA, encoding="utf-8")
    return congvan.load(path)


def canonical(xml: bytes) -> bytes:
    """C14N: attribute order, quoting, empty-element form and the XML declaration no
    longer matter; namespace declarations are kept as they are. Nothing else is
    normalised: the fast path and docxtpl agree on everything that remains."""
    return etree.tostring(etree.fromstring(xml), method="c14n")


def paragraph_texts(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def assert_same_as_docxtpl(path: Path, ctx: dict) -> dict[str, bytes]:
    fast = CompiledTemplate(path).render_parts(ctx)
    reference = render_reference(path, ctx)
    assert canonical(fast[DOCUMENT]) == canonical(reference[DOCUMENT])
    for name in fast:  # headers and footers with tags, when the template has them
        if re.match(r"word/(header|footer)\d*\.xml$", name):
            assert canonical(fast[name]) == canonical(reference[name]), name
    return fast


# --- Fast path == docxtpl --------------------------------------------------------

def test_dispatch_of_the_sample_equals_docxtpl(sample):
    assert_same_as_docxtpl(CONG_VAN, dispatch_context(sample))


def test_dispatch_equals_docxtpl(data):
    fast = assert_same_as_docxtpl(CONG_VAN, dispatch_context(data))
    assert any(SPECIAL in text for text in paragraph_texts(fast[DOCUMENT]))


@pytest.mark.parametrize("uid, roles", [
    ("chu-tri", {LEAD}),
    ("phoi-hop", {SUPPORT}),
    ("ca-hai", {LEAD, SUPPORT}),
])
def test_letters_equal_docxtpl(data, uid, roles):
    tasks = assignments(data)[uid]
    assert {a.role for a in tasks} == roles
    assert_same_as_docxtpl(THU_DON_VI, letter_context(data, data.units[uid], tasks))


def test_sample_letters_equal_docxtpl(sample):
    tasks = assignments(sample)
    support_only = [u for u, a in tasks.items() if {x.role for x in a} == {SUPPORT}]
    chosen = list(tasks)[:2] + support_only[:1]
    assert support_only, "the sample has a unit that only coordinates"
    for uid in chosen:
        assert_same_as_docxtpl(THU_DON_VI, letter_context(sample, sample.units[uid], tasks[uid]))


# --- Determinism -------------------------------------------------------------

def test_rendering_twice_gives_identical_bytes(data):
    uid = "ca-hai"
    ctx = letter_context(data, data.units[uid], assignments(data)[uid])
    template = CompiledTemplate(THU_DON_VI)
    first = template.render(ctx)
    assert template.render(ctx) == first
    assert CompiledTemplate(THU_DON_VI).render(ctx) == first
    ctx = dispatch_context(data)
    assert CompiledTemplate(CONG_VAN).render(ctx) == CompiledTemplate(CONG_VAN).render(ctx)


# --- Data is never a template -------------------------------------------------

def make_template(path: Path, body: str = "{{ doc.subject }}", header: str = "{{ doc.subject }}",
                  footer: str = "{{ doc.subject }}") -> Path:
    """A tiny .docx with ``body``, ``header`` and ``footer`` each as one paragraph."""
    document = docx.Document()
    document.add_paragraph(body)
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def tiny_context(subject: str = SPECIAL) -> dict:
    return {"doc": {"subject": subject,
                    "core": {"title": subject, "author": subject, "subject": subject}}}


def part_named(parts: dict[str, bytes], kind: str) -> bytes:
    names = [n for n in parts if re.fullmatch(rf"word/{kind}\d*\.xml", n)]
    assert len(names) == 1, names
    return parts[names[0]]


def test_special_characters_stay_literal_in_every_part(tmp_path):
    path = make_template(tmp_path / "tiny.docx")
    ctx = tiny_context()
    parts = CompiledTemplate(path).render_parts(ctx)
    assert paragraph_texts(parts[DOCUMENT]) == [SPECIAL]
    assert paragraph_texts(part_named(parts, "header")) == [SPECIAL]
    assert paragraph_texts(part_named(parts, "footer")) == [SPECIAL]
    core = etree.fromstring(parts["docProps/core.xml"])
    assert core.findtext(f"{DC}subject") == SPECIAL
    assert core.findtext(f"{DC}title") == SPECIAL
    assert core.findtext(f"{DC}creator") == SPECIAL
    # and the finished file opens with the same text everywhere
    out = tmp_path / "out.docx"
    out.write_bytes(CompiledTemplate(path).render(ctx))
    opened = docx.Document(str(out))
    assert opened.paragraphs[0].text == SPECIAL
    assert opened.sections[0].header.paragraphs[0].text == SPECIAL
    assert opened.sections[0].footer.paragraphs[0].text == SPECIAL
    assert opened.core_properties.subject == SPECIAL


def test_tiny_template_equals_docxtpl_in_body_header_and_footer(tmp_path):
    path = make_template(tmp_path / "tiny.docx")
    fast = assert_same_as_docxtpl(path, tiny_context())
    assert {n for n in fast if re.match(r"word/(header|footer)", n)}, "header/footer compared"


def test_special_characters_in_the_shipped_templates(data):
    uid = "phoi-hop"
    parts = CompiledTemplate(THU_DON_VI).render_parts(
        letter_context(data, data.units[uid], assignments(data)[uid]))
    texts = paragraph_texts(parts[DOCUMENT])
    assert any(SPECIAL in t for t in texts), texts
    assert not any("42" in t for t in texts)
    core = etree.fromstring(parts["docProps/core.xml"])
    assert SPECIAL in core.findtext(f"{DC}title")


# --- Template faults -----------------------------------------------------------

def render_tiny(tmp_path: Path, body: str, ctx: dict | None = None) -> dict[str, bytes]:
    path = make_template(tmp_path / "faulty.docx", body=body, header="", footer="")
    return CompiledTemplate(path).render_parts(ctx or tiny_context())


@pytest.mark.parametrize("body, name", [
    ("{{ doc.subjcet }}", "subjcet"),
    ("{{ chu_ky }}", "chu_ky"),
    ("{% for row in letter.rows %}{{ row }}{% endfor %}", "letter"),
])
def test_undefined_variable_is_a_template_error_naming_it(tmp_path, body, name):
    with pytest.raises(TemplateError) as caught:
        render_tiny(tmp_path, body)
    assert name in str(caught.value)
    assert "faulty.docx" in str(caught.value)


@pytest.mark.parametrize("body, refused", [
    ("{{ ''.__class__.__mro__ }}", "__class__"),
    ("{{ doc.subject.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ("{{ doc.subject.format.__globals__ }}", "__globals__"),
    ("{{ cycler.__init__.__globals__ }}", "__init__"),
])
def test_sandbox_refuses_internals(tmp_path, body, refused):
    with pytest.raises(TemplateError) as caught:
        render_tiny(tmp_path, body)
    assert refused in str(caught.value)


@pytest.mark.parametrize("source", [
    "{{ d.text }}", "{{ d.items }}", "{{ d.get('text') }}", "{{ d.keys() | list }}",
    "{{ d.nested.text }}", "{{ d.__class__ }}", "{{ d.missing is defined }}",
    "{% for x in d.list %}{{ loop.first }}{{ x.text }}{% endfor %}",
    "{{ d.missing }}", "{{ d.__class__.__mro__ }}", "{{ d.items.__self__ }}",
    "{% for x in d.list %}{{ loop.index }}{{ loop.length }}{{ loop.cycle('a', 'b') }}{% endfor %}",
    "{% for x in d.list %}{{ loop._iterator }}{% endfor %}",
    "{% for x in d.list %}{{ loop.__class__ }}{% endfor %}",
    "{% for x in d.list %}{{ loop.nothing }}{% endfor %}",
])
def test_dict_items_come_out_as_jinjas_own_sandbox_gives_them(source):
    """The short ways to dict items and loop attributes (ooxml/template.py) change nothing:
    each expression gives what jinja2's SandboxedEnvironment gives, value or error."""
    from jinja2.sandbox import SandboxedEnvironment
    from congvan.ooxml.template import make_environment

    d = {"text": "Phòng VH&TT", "items": "an item named like a dict method", "nested": {"text": "x"},
         "list": [{"text": "a"}, {"text": "b"}]}

    def outcome(env):
        try:
            return env.from_string(source).render(d=d)
        except Exception as exc:  # the error is part of the outcome
            return type(exc).__name__

    reference = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    assert outcome(make_environment()) == outcome(reference)


@pytest.mark.parametrize("body", [
    "{{ doc.subject ",
    "{% if doc.subject %}không đóng",
    "{% for %}",
    "{{ doc.subject | khong_co_bo_loc }}",
])
def test_broken_jinja_is_a_template_error(tmp_path, body):
    with pytest.raises(TemplateError) as caught:
        render_tiny(tmp_path, body)
    assert "faulty.docx" in str(caught.value)


def test_damaged_template_is_a_template_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(TemplateError):
        CompiledTemplate(bad)
    with pytest.raises(TemplateError):
        CompiledTemplate(tmp_path / "missing.docx")
