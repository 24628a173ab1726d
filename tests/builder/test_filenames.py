"""Letter file names belong to units: stable across reorders, never a Windows device name."""

from __future__ import annotations

import re
from types import SimpleNamespace

import docx
import pytest
import yaml
from hypothesis import given, strategies as st
from click.testing import CliRunner

from congvan.builder.filenames import letter_paths, previous_letter_paths
from congvan.cli import cli
from congvan.data.model import Unit
from congvan.exceptions import OutputError
from congvan.output.manifest import load_manifest
from congvan.output.writer import OutputWriter
from helpers import SAMPLE


def registry(*units: tuple[str, str]):
    return SimpleNamespace(units={uid: Unit(uid, short, short, "office") for uid, short in units})


def test_a_unique_short_name_gives_the_plain_slug():
    assert letter_paths(registry(("tp", "Phòng Tư pháp"), ("nv", "Phòng Nội vụ"))) == {
        "tp": "don-vi/phong-tu-phap.docx", "nv": "don-vi/phong-noi-vu.docx"}


def test_a_collision_is_told_apart_by_the_ids_not_the_order():
    forward = letter_paths(registry(("vh-a", "Phòng Văn hóa"), ("vh-b", "Phòng Văn hoá")))
    backward = letter_paths(registry(("vh-b", "Phòng Văn hoá"), ("vh-a", "Phòng Văn hóa")))
    assert forward == backward == {"vh-a": "don-vi/phong-van-hoa-vh-a.docx",
                                   "vh-b": "don-vi/phong-van-hoa-vh-b.docx"}


def test_the_last_builds_names_are_kept_while_the_slug_is_the_same():
    data = registry(("b", "Phòng Văn hoá"), ("a", "Phòng Văn hóa"), ("c", "Phòng Y tế"))
    previous = {"a": "don-vi/phong-van-hoa.docx", "b": "don-vi/phong-van-hoa-2.docx",
                "c": "don-vi/phong-kinh-te.docx"}
    assert letter_paths(data, previous) == {
        "a": "don-vi/phong-van-hoa.docx", "b": "don-vi/phong-van-hoa-2.docx",
        # Its short name changed: the old name is not its own any more.
        "c": "don-vi/phong-y-te.docx"}
    # A newcomer with the same slug never takes a name a unit already has.
    data = registry(("a", "Phòng Văn hóa"), ("new", "Phòng Văn hoa"))
    assert letter_paths(data, {"a": "don-vi/phong-van-hoa.docx"}) == {
        "a": "don-vi/phong-van-hoa.docx", "new": "don-vi/phong-van-hoa-new.docx"}


@pytest.mark.parametrize("short, expected", [
    ("CON", "con-don-vi"), ("nul", "nul-don-vi"), ("AUX", "aux-don-vi"), ("COM1", "com1-don-vi"),
    ("Lpt9", "lpt9-don-vi"), ("PRN.", "prn-don-vi"), ("Com 1", "com-1"), ("Cồn", "con-don-vi"),
])
def test_windows_device_names_get_a_suffix(short, expected):
    assert letter_paths(registry(("x", short)))["x"] == f"don-vi/{expected}.docx"


@pytest.mark.parametrize("path, message", [
    ("con.docx", "tên thiết bị 'con'"), ("don-vi/NUL.docx", "tên thiết bị 'NUL'"),
    ("don-vi/com1.tar.docx", "tên thiết bị 'com1'"), ("aux", "tên thiết bị 'aux'"),
    ("don-vi./a.docx", "kết thúc bằng dấu chấm hoặc dấu cách"),
    ("a.docx ", "kết thúc bằng dấu chấm hoặc dấu cách"),
    ("don-vi/" + "a" * 160 + ".docx", "quá 160 ký tự"),
])
def test_the_writer_refuses_names_windows_cannot_open(tmp_path, path, message):
    writer = OutputWriter(tmp_path / "out")
    with pytest.raises(OutputError, match=re.escape(message)):
        writer.add(path, b"x", kind="unit-letter")


def _sample(tmp_path, units_order=None, **shorts):
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    for unit in data["units"]:
        unit["short"] = shorts.get(unit["id"], unit["short"])
    if units_order:
        data["units"].sort(key=units_order)
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _owner(path) -> str:
    """The unit name printed in a letter's Kính gửi line."""
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return re.search(r"Kính gửi:\s*(.+)", text)[1]


def test_reordering_the_registry_never_moves_a_letter_into_another_units_file(tmp_path):
    out = tmp_path / "out"
    # Two units whose short names differ only in where the tone mark sits: one slug.
    shorts = {"noi-vu": "Phòng Hòa giải", "tu-phap": "Phòng Hoà giải"}
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(_sample(tmp_path, **shorts)), "-o", str(out)])
    assert first.exit_code == 0, first.output
    owners = {e["path"]: e["unit"] for e in load_manifest(out)["files"] if e["unit"]}
    kinh_gui = {path: _owner(out / path) for path in owners}
    assert {owners["don-vi/phong-hoa-giai-noi-vu.docx"], owners["don-vi/phong-hoa-giai-tu-phap.docx"]} \
        == {"noi-vu", "tu-phap"}
    again = runner.invoke(cli, ["build", str(_sample(tmp_path, lambda u: u["id"][::-1], **shorts)),
                                "-o", str(out)])
    assert again.exit_code == 0, again.output
    assert "ghi" not in again.output.replace("Đã ghi 0", "")  # not one letter rewritten
    assert {e["path"]: e["unit"] for e in load_manifest(out)["files"] if e["unit"]} == owners
    assert {path: _owner(out / path) for path in owners} == kinh_gui


def test_previous_paths_come_from_the_manifest(tmp_path, built):
    paths = previous_letter_paths(built)
    assert paths["tu-phap"] == "don-vi/phong-tu-phap.docx"
    assert previous_letter_paths(tmp_path / "nothing-here") == {}
    (tmp_path / "manifest.json").write_text("{broken")
    assert previous_letter_paths(tmp_path) == {}


UNIT_ID = st.from_regex(r"[a-z0-9]{1,6}(?:-[a-z0-9]{1,4}){0,2}", fullmatch=True)


@given(st.dictionaries(UNIT_ID, st.text(max_size=40), max_size=25))
def test_letter_names_are_unique_safe_and_independent_of_order(shorts):
    paths = letter_paths(registry(*shorts.items()))
    reordered = letter_paths(registry(*reversed(shorts.items())))
    assert paths == reordered
    assert len({p.casefold() for p in paths.values()}) == len(paths)
    for path in paths.values():
        stem = path.removeprefix("don-vi/").removesuffix(".docx")
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", stem) and len(stem) <= 80, path
