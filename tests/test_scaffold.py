"""``congvan init DIR --type``: a folder that builds as it is, with template copies and a
README; a folder that holds anything is refused and left as it was."""

import pytest
from click.testing import CliRunner

import congvan
from congvan.builder.templates import default_templates_dir
from congvan.cli import cli
from congvan.data.kinds import KINDS
from congvan.exceptions import OutputError
from congvan.nd30.conformance import check_docx
from congvan.scaffold import init_folder


@pytest.mark.parametrize("key", list(KINDS))
def test_a_new_folder_builds_as_it_is(tmp_path, key):
    folder = tmp_path / "moi"
    result = CliRunner().invoke(cli, ["init", str(folder), "--type", key])
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "README.md", "du-lieu.yaml", "mau", "mau/cong-van.docx", "mau/thu-don-vi.docx",
        "mau/van-ban.docx"]
    for name in ("cong-van.docx", "van-ban.docx", "thu-don-vi.docx"):
        assert (folder / "mau" / name).read_bytes() == (default_templates_dir() / name).read_bytes()
    text = (folder / "du-lieu.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Dữ liệu của một") and "\n# Danh mục đơn vị" in text
    data = congvan.load(folder / "du-lieu.yaml")
    assert data.document.kind.key == key and data.warnings == ()
    report = congvan.build(data, folder / "ket-qua", templates_dir=folder / "mau")
    assert KINDS[key].file in report.written
    assert check_docx(folder / "ket-qua" / KINDS[key].file).ok
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"congvan init --type {key}" in readme and "congvan build du-lieu.yaml" in readme


def test_an_empty_folder_is_used(tmp_path):
    written = init_folder(tmp_path, "ke-hoach")
    assert tmp_path / "du-lieu.yaml" in written


def test_a_folder_with_something_in_it_is_refused(tmp_path):
    (tmp_path / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    with pytest.raises(OutputError, match="đã có nội dung"):
        init_folder(tmp_path, "cong-van")
    assert [p.name for p in tmp_path.iterdir()] == ["ghi-chu.txt"]
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 1 and result.output.startswith("Lỗi: Thư mục")


def test_an_unknown_type_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "x"), "--type", "ke-hoch"])
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()
