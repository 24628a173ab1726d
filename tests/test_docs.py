"""The README's promises checked against the code."""

import re

from click.testing import CliRunner

from congvan.cli import cli
from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands():
    return re.findall(r"^```\n(pip install[^\n]+)\n```", README, re.M)


def test_readme_has_the_two_commands():
    build, test = _commands()
    assert build == "pip install -e . && congvan build data/dti-bac-kan-2023.yaml -o output/"
    assert "pytest" in test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test = _commands()[1]
    assert test.replace("pip install -e", "pip install -q -e") in ci


def test_every_command_is_documented_in_the_readme():
    for name in cli.commands:
        assert f"congvan {name}" in README, name


def test_every_data_field_is_documented_in_the_readme():
    from congvan.data.format import APPENDIX, DOCUMENT, INDICATOR, ISSUER, UNIT

    for obj in (DOCUMENT, UNIT, APPENDIX, INDICATOR):
        for name in obj.fields:
            assert f"`{name}" in README or f"{name}`" in README, name
    for name in ISSUER.fields:
        assert f"issuer.{name}" in README, name


def test_library_example_runs(tmp_path, monkeypatch):
    code = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(ROOT)
    code = code.replace('"output/"', repr(str(tmp_path)))
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "cong-van.docx").is_file()


def test_help_of_every_command_runs():
    for name in cli.commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and result.output.startswith("Usage:"), name



def _json_table(command: str) -> list[tuple[set[str], str]]:
    """The README's table for ``congvan <command> … --json``: (keys of the first cell, the
    rest of the row) for each row."""
    section = README.split(f"`congvan {command} ")[-1].split("\n\n")[1]
    rows = [line.strip("| ").split(" | ", 1) for line in section.splitlines()[2:]]
    return [(set(re.findall(r"`([a-z_]+)`", first)), rest) for first, rest in rows]


def test_json_output_is_documented_in_the_readme():
    import dataclasses
    import json

    from congvan.diff import report
    from helpers import FIXTURES, SAMPLE

    units = json.loads(CliRunner().invoke(cli, ["units", str(SAMPLE), "--json"]).output)
    table = _json_table("units")
    assert set().union(*(keys for keys, _ in table)) == set(units[0])
    tasks = next(rest for keys, rest in table if "tasks" in keys)
    assert f"`[{{{', '.join(units[0]['tasks'][0])}}}]`" in tasks
    old, new = FIXTURES / "diff" / "task-moved-old.yaml", FIXTURES / "diff" / "task-moved-new.yaml"
    diff = json.loads(CliRunner().invoke(cli, ["diff", str(old), str(new), "--json"]).output)
    table = _json_table("diff")
    assert set().union(*(keys for keys, _ in table)) == set(diff)
    for name, cls in [("added", report.TaskEntry), ("removed", report.TaskEntry),
                      ("changed", report.TaskChange), ("moved", report.RoleChange),
                      ("document", report.FieldChange), ("letters", report.LetterChange)]:
        rest = next(rest for keys, rest in table if name in keys)
        fields = ", ".join(f.name for f in dataclasses.fields(cls))
        assert f"`{{{fields}}}`" in rest, name
    values = {"letters": (report.NEW, report.CHANGED, report.DELETED),
              "moved": (report.MOVE, report.ADD, report.REMOVE)}
    for name, words in values.items():
        rest = next(rest for keys, rest in table if name in keys)
        assert all(f"`{word}`" in rest for word in words), name
