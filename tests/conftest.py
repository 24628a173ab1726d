import pytest

from helpers import SAMPLE


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


@pytest.fixture(scope="session")
def built_pdf(tmp_path_factory, sample):
    """The sample built once with --pdf --preview (LibreOffice and poppler-utils needed)."""
    import congvan

    out = tmp_path_factory.mktemp("built-pdf")
    congvan.build(sample, out, pdf=True, preview=True)
    return out
