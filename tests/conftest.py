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


@pytest.fixture(scope="session")
def built_kinds(tmp_path_factory):
    """The Kế hoạch and Quyết định samples, each built once: {"ke-hoach": folder, …}."""
    import congvan
    from helpers import DECISION_SAMPLE, PLAN_SAMPLE

    out = {}
    for key, path in (("ke-hoach", PLAN_SAMPLE), ("quyet-dinh", DECISION_SAMPLE)):
        out[key] = tmp_path_factory.mktemp(key)
        congvan.build(congvan.load(path), out[key])
    return out


@pytest.fixture(scope="session")
def built_pdf(tmp_path_factory, sample):
    """The sample built once with --pdf --preview (LibreOffice and poppler-utils needed)."""
    import congvan

    out = tmp_path_factory.mktemp("built-pdf")
    congvan.build(sample, out, pdf=True, preview=True)
    return out
