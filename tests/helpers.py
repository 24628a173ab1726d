"""Paths and small helpers the tests share. Everything a test reads is inside the repository."""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "dti-bac-kan-2023.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed" / "cong-van-dti-bac-kan-2023.txt"
"""The real dispatch the sample data reproduces, as its text was published (Markdown bold)."""


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def raw_indicators(data: dict):
    """Every indicator dict of plain (YAML-loaded) data, sub-indicators after their parent."""
    def walk(items):
        for ind in items:
            yield ind
            yield from walk(ind.get("indicators") or [])

    for section in data["appendix"]["sections"]:
        yield from walk(section["indicators"])

PLAN_SAMPLE = ROOT / "data" / "ke-hoach-de-an-06-2026.yaml"
"""A Kế hoạch: flat six-column appendix with a column-number row and a deadline column."""
DECISION_SAMPLE = ROOT / "data" / "quyet-dinh-cchc-2026.yaml"
"""A Quyết định whose Điều 1 approves the attached list of tasks."""


def load_tool(name: str):
    """A script of tools/ (``gen_large``, ``make_templates``) imported as a module."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def convert_with_libreoffice(files, outdir: Path, to: str, work: Path) -> list[Path]:
    """``files`` converted by LibreOffice in one call (``to``: ``pdf``, ``docx``…), with a
    private profile under ``work`` so that it never meets another LibreOffice; the
    converted files, each asserted to exist."""
    import subprocess

    files = [Path(f) for f in files]
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={(Path(work) / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
        capture_output=True, text=True, timeout=240)
    suffix = "." + to.split(":")[0]
    out = [Path(outdir) / (f.stem + suffix) for f in files]
    missing = [p.name for p in out if not p.is_file()]
    assert not missing, (missing, result.returncode, result.stdout, result.stderr)
    return out
