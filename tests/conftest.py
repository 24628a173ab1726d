import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "dti-bac-kan-2023.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT.parent / "shared" / "seeds" / "000_d1754062469d0979.txt"


@pytest.fixture(scope="session")
def sample():
    import congvan

    return congvan.load(SAMPLE)


@pytest.fixture(scope="session")
def built(tmp_path_factory, sample):
    """The sample built once into a private folder (read-only use)."""
    import congvan

    out = tmp_path_factory.mktemp("built")
    congvan.build(sample, out)
    return out


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
