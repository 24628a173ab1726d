import pytest

# Shared checks report their failures as tests do.
pytest.register_assert_rewrite("format_checks", "docxread")

from helpers import SAMPLE  # noqa: E402


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
