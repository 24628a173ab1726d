"""The package's shape: no import cycles, modules readable in one sitting, light layers stay light."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "congvan"
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str) -> set[str]:
    """Modules of this package that ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m.startswith("congvan")}


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path, name) if m in modules and m != "congvan"}
            for name, path in modules.items()}


def test_graph_sees_the_package():
    edges = graph()
    assert "congvan.builder.pipeline" in edges
    assert "congvan.output.writer" in edges["congvan.builder.pipeline"]


def test_no_import_cycles():
    edges = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


@pytest.mark.parametrize("module", ["congvan", "congvan.data.loader", "congvan.data.format",
                                    "congvan.vn.deadlines", "congvan.vn.legacy", "congvan.cli",
                                    "congvan.diff", "congvan.unit_table"])
def test_data_and_text_layers_never_load_the_docx_machinery(module):
    code = (f"import sys, {module}; "
            "print(sorted(m for m in ('docxtpl', 'docx', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_subpackage_is_installed():
    """A non-editable install ships only the packages pyproject.toml lists."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    present = {module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")}
    assert present - listed == set()


@pytest.mark.parametrize("args", [["--help"], ["check", "SAMPLE"], ["check", "--deadlines", "SAMPLE"],
                                  ["units", "SAMPLE"], ["diff", "SAMPLE", "SAMPLE"], ["schema"]])
def test_commands_that_write_no_document_never_load_the_docx_machinery(args):
    """What the command really runs, not only what its modules import."""
    from helpers import SAMPLE

    args = [str(SAMPLE) if a == "SAMPLE" else a for a in args]
    code = ("import sys\nfrom congvan.cli import cli\n"
            "try:\n    cli.main(sys.argv[1:], prog_name='congvan')\nexcept SystemExit as exc:\n"
            "    code = exc.code\n"
            "print('EXIT', code, sorted(m for m in ('docxtpl', 'docx', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.splitlines()[-1] == "EXIT 0 []", out.stdout[-500:] + out.stderr[-500:]


def test_help_loads_no_data_layer():
    code = ("import sys\nfrom congvan.cli import cli\ntry:\n    cli.main(['--help'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('congvan.data', 'congvan.vn', 'yaml'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"
