"""Unit letters: each unit gets exactly its tasks, as the appendix assigns them."""

import json

import yaml

import congvan
from docxread import NS, norm, part, q, stream, text
from helpers import FIXTURES, SAMPLE


def _expected_from_raw_yaml():
    """Unit id → {ref: role}, computed from the YAML alone (not with congvan's code)."""
    raw = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    members = {u["id"]: u.get("members") or [] for u in raw["units"]}

    def leaves(uid):
        if members[uid]:
            return [leaf for m in members[uid] for leaf in leaves(m)]
        return [uid]

    romans = ["I", "II", "III", "IV", "V", "VI", "VII"]
    expected = {}

    def visit(items, prefix):
        for n, item in enumerate(items, 1):
            ref = f"{prefix}{n}"
            roles = {}
            for uid in item.get("support") or []:
                for leaf in leaves(uid):
                    roles[leaf] = "support"
            for uid in item.get("lead") or []:
                for leaf in leaves(uid):
                    roles[leaf] = "lead"
            for leaf, role in roles.items():
                expected.setdefault(leaf, {})[ref] = role
            visit(item.get("indicators") or [], f"{ref}.")

    for roman, section in zip(romans, raw["appendix"]["sections"]):
        visit(section["indicators"], f"{roman}.")
    return expected


def _letter_tasks(path):
    """{ref: role} read back from a letter's two tables."""
    root = part(path)
    found = {}
    for table in root.iter(q("w:tbl")):
        rows = table.findall("w:tr", NS)
        header = [norm(text(tc)) for tc in rows[0].findall("w:tc", NS)]
        if header[:2] != ["STT", "Chỉ số"]:
            continue
        role = "lead" if header[2] == "Nhiệm vụ" else "support"
        for tr in rows[1:]:
            found[norm(text(tr.findall("w:tc", NS)[0]))] = role
    return found


def test_every_letter_holds_exactly_its_tasks(built):
    expected = _expected_from_raw_yaml()
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    letters = {e["unit"]: e["path"] for e in manifest["files"] if e["kind"] == "unit-letter"}
    assert set(letters) == set(expected)
    covered = set()
    for unit, path in letters.items():
        assert _letter_tasks(built / path) == expected[unit], unit
        covered |= set(expected[unit])
    sample = congvan.load(SAMPLE)
    with_task = {ind.ref for ind in sample.appendix.rows() if ind.lead or ind.support}
    assert covered == with_task


def test_letter_text(built):
    root = part(built / "don-vi" / "ubnd-phuong-duc-xuan.docx")
    paragraphs = stream(root)
    assert "Kính gửi: Ủy ban nhân dân phường Đức Xuân." in paragraphs
    intro = next(p for p in paragraphs if p.startswith("Thực hiện Công văn số"))
    assert intro.startswith("Thực hiện Công văn số /UBND-VHTT ngày tháng 9 năm 2023 của UBND thành phố "
                            "Bắc Kạn về việc triển khai thực hiện Kế hoạch số 563/KH-UBND")
    assert "1. Nhiệm vụ chủ trì thực hiện" in paragraphs
    assert "2. Nhiệm vụ phối hợp thực hiện" in paragraphs
    assert paragraphs[-1] == "Hoàng Hà Bắc"
    assert "- Như trên;" in paragraphs and "- Lưu: VT, VHTT." in paragraphs
    # deadlines from the task text
    row = next(tr for tr in root.iter(q("w:tr")) if norm(text(tr.find("w:tc", NS))) == "I.1")
    assert norm(text(row.findall("w:tc", NS)[-1])) == "Trước ngày 28/8/2023"


def test_no_empty_table_for_a_role_the_unit_does_not_have(tmp_path):
    data = congvan.load(FIXTURES / "valid-minimal.yaml")
    congvan.build(data, tmp_path)
    lead_only = stream(part(tmp_path / "don-vi" / "phong-vh-tt.docx"))
    support_only = stream(part(tmp_path / "don-vi" / "phong-noi-vu.docx"))
    assert "1. Nhiệm vụ chủ trì thực hiện" in lead_only
    assert not any("phối hợp thực hiện" in p for p in lead_only)
    assert "1. Nhiệm vụ phối hợp thực hiện" in support_only
    assert not any("chủ trì thực hiện" in p for p in support_only)
    assert len(_letter_tasks(tmp_path / "don-vi" / "phong-noi-vu.docx")) == 1


def test_letter_cites_the_registered_number_and_date(tmp_path):
    source = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "d.yaml"
    path.write_text(source.replace("  symbol: UBND-VHTT\n", "  number: 3\n  symbol: UBND-VHTT\n"),
                    encoding="utf-8")
    congvan.build(congvan.load(path), tmp_path / "out")
    paragraphs = stream(part(tmp_path / "out" / "don-vi" / "phong-vh-tt.docx"))
    assert any(p.startswith("Thực hiện Công văn số 03/UBND-VHTT ngày 05 tháng 9 năm 2023 của UBND")
               for p in paragraphs)


def test_dangerous_unit_names_give_safe_files_and_correct_letters(tmp_path):
    source = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    source = source.replace("{id: noi-vu, name: Phòng Nội vụ, short: Phòng Nội vụ}",
                            "{id: noi-vu, name: 'Phòng <Nội> & vụ/../x', short: '../../Phòng N/V & <x>'}")
    path = tmp_path / "d.yaml"
    path.write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    congvan.build(congvan.load(path), out)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert files == ["cong-van.docx", "don-vi/phong-n-v-x.docx", "don-vi/phong-vh-tt.docx"]
    assert not list(tmp_path.glob("*.docx"))
    paragraphs = stream(part(out / "don-vi" / "phong-n-v-x.docx"))
    assert "Kính gửi: Phòng <Nội> & vụ/../x." in paragraphs


def test_unit_group_option_expands_to_members(tmp_path):
    data = congvan.load(SAMPLE)
    docs = congvan.render_documents(data, units=["xa-phuong"])
    assert [d.unit for d in docs] == list(data.units["xa-phuong"].members)
    assert all(d.kind == "unit-letter" for d in docs)


def test_group_names_read_naturally_inside_sentences(built):
    paragraphs = stream(part(built / "don-vi" / "cac-doan-the-to-chuc-chinh-tri-xa-hoi.docx"))
    assert "Kính gửi: Các đoàn thể, tổ chức chính trị - xã hội thành phố." in paragraphs
    intro = next(p for p in paragraphs if p.startswith("Thực hiện Công văn số"))
    assert "đề nghị các đoàn thể, tổ chức chính trị - xã hội thành phố triển khai" in intro
