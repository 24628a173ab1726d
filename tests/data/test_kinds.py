"""document.type and the appendix declarations: what the loader accepts, what it refuses
(each refusal located, with a suggestion where one exists), and the numbers it derives."""

import copy

import pytest
import yaml

import congvan
from helpers import FIXTURES, PLAN_SAMPLE

MINIMAL = yaml.safe_load((FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8"))


def _load(tmp_path, data):
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return congvan.load(path)


def _problems(tmp_path, data):
    with pytest.raises(congvan.DataError) as info:
        _load(tmp_path, data)
    for problem in info.value.problems:
        assert problem.line is not None and problem.column is not None, problem
    return {p.path: p for p in info.value.problems}


def _plan(**changes):
    data = copy.deepcopy(MINIMAL)
    data["document"]["type"] = "ke-hoach"
    data["document"]["subject"] = "Triển khai nhiệm vụ thử"
    del data["document"]["recipients"]
    data["document"]["symbol"] = "UBND"
    data["document"].update(changes)
    return data


def test_cong_van_is_the_default(tmp_path):
    data = _load(tmp_path, MINIMAL)
    assert data.document.kind.key == "cong-van" and data.document.symbol == "UBND-VHTT"


@pytest.mark.parametrize("symbol", ["UBND", "KH-UBND"])
def test_the_type_abbreviation_goes_into_the_symbol_once(tmp_path, symbol):
    data = _load(tmp_path, _plan(symbol=symbol))
    assert data.document.symbol == "KH-UBND" and data.document.base_symbol == "UBND"
    assert data.letters.symbol == "UBND"


@pytest.mark.parametrize("kind, symbol, named", [
    ("ke-hoach", "QĐ-UBND", "QĐ"), ("cong-van", "KH-UBND-VHTT", "KH"),
    ("quyet-dinh", "TB-UBND", "TB"), ("bao-cao", "CT-UBND", "CT")])
def test_a_symbol_contradicting_the_type_is_a_located_error(tmp_path, kind, symbol, named):
    data = copy.deepcopy(MINIMAL)
    data["document"].update(type=kind, symbol=symbol)
    problem = _problems(tmp_path, data)["document.symbol"]
    assert f'bắt đầu bằng "{named}"' in problem.message and kind in problem.message


def test_unknown_type_suggests_the_closest(tmp_path):
    problem = _problems(tmp_path, _plan(type="ke-hoch"))["document.type"]
    assert "ke-hoach" in problem.suggestion and "Có phải ý bạn là" in problem.suggestion


def test_misspelt_appendix_key_suggests_the_closest(tmp_path):
    data = copy.deepcopy(MINIMAL)
    data["appendix"]["columns"] = [{"show": "number", "tilte": "TT"}]
    problem = _problems(tmp_path, data)["appendix.columns[0].tilte"]
    assert '"title"' in problem.suggestion


def test_recipients_follow_the_type(tmp_path):
    plan = _plan(recipients=["vhtt"])
    assert "không có Kính gửi" in _problems(tmp_path, plan)["document.recipients"].message
    data = copy.deepcopy(MINIMAL)
    del data["document"]["recipients"]
    assert "cần có Kính gửi" in _problems(tmp_path, data)["document.recipients"].message
    report = _plan(type="bao-cao", symbol="UBND", recipients=["vhtt"])
    assert _load(tmp_path, report).document.recipients == ("vhtt",)  # optional for a báo cáo


def test_decision_needs_articles_and_authority(tmp_path):
    data = _plan(type="quyet-dinh")
    del data["document"]["body"]
    problems = _problems(tmp_path, data)
    assert set(problems) >= {"document.articles", "document.authority"}
    assert "chỉ dùng cho quyết định" in _problems(tmp_path, _plan(bases=["Căn cứ x"]))[
        "document.bases"].message


def test_signer_has_one_to_three_lines(tmp_path):
    signer = {"lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "A"}
    assert _load(tmp_path, _plan(signer=signer)).document.signer.lines == tuple(signer["lines"])
    too_many = {"lines": ["A", "B", "C", "D"], "name": "A"}
    assert "từ một đến ba" in _problems(tmp_path, _plan(signer=too_many))[
        "document.signer.lines"].message
    both = {"lines": ["A"], "title": "B", "name": "C"}
    assert "document.signer.lines" in _problems(tmp_path, _plan(signer=both))
    old = _load(tmp_path, MINIMAL).document.signer  # authority + title keep working
    assert old.lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def test_appendix_declarations_that_cannot_hold(tmp_path):
    data = copy.deepcopy(MINIMAL)
    data["appendix"]["rows"] = [{"name": "x"}]
    assert "vừa có sections vừa có rows" in _problems(tmp_path, data)["appendix.rows"].message
    data = copy.deepcopy(MINIMAL)
    data["appendices"] = [copy.deepcopy(data["appendix"])]
    assert "appendices" in _problems(tmp_path, data)
    data = copy.deepcopy(MINIMAL)
    data["appendix"]["columns"] = [{"show": "field"}]
    assert "appendix.columns[0].key" in _problems(tmp_path, data)


def test_an_unreadable_deadline_cell_lists_the_accepted_forms(tmp_path):
    data = copy.deepcopy(MINIMAL)
    data["appendix"]["sections"][0]["indicators"][0]["deadline"] = "sớm nhất có thể"
    problem = _problems(tmp_path, data)["appendix.sections[0].indicators[0].deadline"]
    assert "không hiểu thời hạn" in problem.message and "“2025 - 2026”" in problem.message


def test_numbering_per_group_continuous_or_flat(tmp_path):
    data = copy.deepcopy(MINIMAL)
    section = data["appendix"]["sections"][0]
    data["appendix"]["sections"] = [section, copy.deepcopy(section)]
    data["appendix"]["sections"][1]["indicators"].append({"name": "Chỉ số hai", "lead": "vhtt"})
    assert [i.ref for i in _load(tmp_path, data).rows()] == ["I.1", "II.1", "II.2"]
    data["appendix"]["numbering"] = "continuous"
    data["appendix"]["group_numbering"] = "letter"
    loaded = _load(tmp_path, data)
    assert [i.ref for i in loaded.rows()] == ["1", "2", "3"]
    assert [s.number for s in loaded.appendix.sections] == ["A", "B"]
    flat = copy.deepcopy(MINIMAL)
    flat["appendix"]["rows"] = flat["appendix"].pop("sections")[0]["indicators"]
    loaded = _load(tmp_path, flat)
    assert [i.ref for i in loaded.rows()] == ["1"] and loaded.appendix.sections[0].title == ""


def test_several_appendices_are_numbered_and_cited_by_appendix(tmp_path):
    data = copy.deepcopy(MINIMAL)
    first = data.pop("appendix")
    second = copy.deepcopy(first)
    second["form"] = "list"
    data["appendices"] = [first, second]
    loaded = _load(tmp_path, data)
    assert [a.heading for a in loaded.appendices] == ["PHỤ LỤC I", "PHỤ LỤC II"]
    assert [i.ref for i in loaded.rows()] == ["I.1 (PL I)", "I.1 (PL II)"]


def test_a_year_written_as_a_number_is_a_deadline(tmp_path):
    data = yaml.safe_load(PLAN_SAMPLE.read_text(encoding="utf-8"))
    assert any(row["deadline"] == 2026 for row in data["appendix"]["rows"])
    row = next(i for i in congvan.load(PLAN_SAMPLE).rows() if i.deadline_text == "2026")
    assert row.deadline.due.isoformat() == "2026-12-31"


def test_a_typed_subject_starting_with_v_v_is_warned(tmp_path):
    data = _load(tmp_path, _plan(subject="V/v triển khai nhiệm vụ thử"))
    (warning,) = [w for w in data.warnings if w.path == "document.subject"]
    assert "V/v" in warning.message and "KẾ HOẠCH" in warning.suggestion
    assert not [w for w in _load(tmp_path, MINIMAL).warnings if w.path == "document.subject"]
