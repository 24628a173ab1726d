"""Nghị định 30/2020/NĐ-CP, Phụ lục I, checked on what we wrote (dispatch and letters).

The checks themselves are in tests/format_checks.py, so that builds from edited templates
(tests/test_templates.py) pass exactly the same ones."""

import pytest

import format_checks as checks


@pytest.fixture(params=checks.DOCUMENTS)
def document(request, built):
    return built / request.param


def test_page_size_orientation_and_margins(built):
    checks.check_page_setup(built)


def test_times_new_roman_everywhere(document):
    checks.check_times_new_roman(document)


def test_header_block_is_a_borderless_two_column_table(document):
    checks.check_header_table(document)


@pytest.mark.parametrize("element", checks.ELEMENTS, ids=[e[0] for e in checks.ELEMENTS])
def test_header_and_signature_formats(document, element):
    checks.check_element(document, *element)


def test_subject_is_centred_under_number_without_colon(built):
    checks.check_subject(built)


def test_solid_lines_under_issuer_and_motto(document):
    checks.check_solid_lines(document)


def test_kinh_gui_list_and_body(built):
    checks.check_kinh_gui_and_body(built)


def test_distribution_entries(document):
    checks.check_distribution(document)


def test_page_numbers_from_page_two(built):
    checks.check_page_numbers_from_page_two(built)


def test_appendix_numbers_its_pages_from_one_in_its_own_header(built):
    checks.check_appendix_page_numbers(built)


def test_appendix_heading_formats(built):
    checks.check_appendix_heading(built)


def test_one_line_header_texts_fit_their_column(document):
    checks.check_one_line_texts_fit(document)


def test_every_check_runs_in_the_folder_check():
    """tests/test_templates.py relies on check_built_folder running each check above."""
    listed = set(checks.FOLDER_CHECKS) | set(checks.DOCUMENT_CHECKS) | {checks.check_element}
    defined = {f for name, f in vars(checks).items() if name.startswith("check_")} - {
        checks.check_built_folder}
    assert listed == defined
