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
