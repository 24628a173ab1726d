"""Body paragraphs as data: emphasis as markup, numbered points by level, numbers left
to the generator (with a warning where it would number differently)."""

from congvan.documents.body import spans
from congvan.importing.body import read_body
from congvan.importing.markup import markup
from congvan.importing.notes import Notes
from congvan.nd30.document import Paragraph, Run, normalise


def _run(text, b=False, i=False):
    return Run(text, 14.0, b, i, "Times New Roman", None)


def _p(*runs):
    runs = [r if isinstance(r, Run) else _run(r) for r in runs]
    return Paragraph(0, normalise("".join(r.text for r in runs)), runs, "both", 720, 0, 0, 0,
                     0, 240, "auto", False, False, False, 0)


def _printed(text):
    return [(s["text"], s["bold"], s["italic"]) for s in spans(text)]


def test_emphasis_becomes_markup_that_prints_the_same_runs():
    runs = [_run("Căn cứ "), _run("Luật", b=True), _run(" "), _run("(sửa đổi)", i=True),
            _run(", 2*3 "), _run("rất quan trọng", b=True, i=True), _run(".")]
    text = markup(runs)
    assert text == "Căn cứ **Luật** *(sửa đổi)*, 2\\*3 ***rất quan trọng***."
    assert _printed(text) == [("Căn cứ ", False, False), ("Luật", True, False), (" ", False, False),
                              ("(sửa đổi)", False, True), (", 2*3 ", False, False),
                              ("rất quan trọng", True, True), (".", False, False)]


def test_touching_emphases_stay_readable():
    text = markup([_run("đậm", b=True), _run("nghiêng", i=True)])
    assert "".join(s["text"] for s in spans(text)) == "đậmnghiêng"


def test_levels_of_a_typed_document():
    notes = Notes()
    paras = [_p("Mở đầu."), _p(_run("I. MỤC ĐÍCH", b=True)), _p(_run("1. Mục đích", b=True)),
             _p("Nội dung."), _p("a) Việc một"), _p("c) Việc hai"), _p("- Ý nhỏ"),
             _p("Đoạn sau các mục con./.")]
    body = read_body(paras, typed=True, notes=notes)
    assert body == ["Mở đầu.", {"point": "MỤC ĐÍCH", "points": [
        {"point": "Mục đích", "paragraphs": ["Nội dung."], "points": [
            {"point": "Việc một"},
            {"point": "Việc hai", "points": [
                # an unnumbered paragraph belongs to the deepest point open above it
                {"point": "Ý nhỏ", "paragraphs": ["Đoạn sau các mục con."]}]}]}]}]
    assert [n.message for n in notes.items] == ["số mục «c)» sẽ được đánh lại là «b)»."]


def test_a_number_with_no_level_to_sit_at_prints_as_it_was():
    notes = Notes()
    body = read_body([_p("- gạch đầu dòng không có mục cha"), _p("II. Mục La Mã")],
                     typed=False, notes=notes)
    assert body == ["- gạch đầu dòng không có mục cha", "II. Mục La Mã"]
    assert "không thuộc cách đánh số" in notes.items[0].message
