"""A rebuild stopped by a hand-edited document offers to take its edits into the data."""

import shutil

from click.testing import CliRunner

from congvan.cli import cli
from docx_editing import anchored_row, open_docx, set_cell
from helpers import SAMPLE


def test_a_stopped_rebuild_offers_import_beside_force(tmp_path):
    data, out = tmp_path / "du-lieu.yaml", tmp_path / "out"
    shutil.copy(SAMPLE, data)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(data), "-o", str(out)]).exit_code == 0
    document = open_docx(out / "cong-van.docx")
    set_cell(anchored_row(document, "t_I_1").cells[4], "Sửa trong Word.")
    document.save(str(out / "cong-van.docx"))
    result = runner.invoke(cli, ["build", str(data), "-o", str(out)])
    assert result.exit_code == 1
    listed = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    assert listed == ["cong-van.docx"]
    assert "--force" in result.output
    assert f"\ncongvan import {out / 'cong-van.docx'} --into {data}\n" in result.output
