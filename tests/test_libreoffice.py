"""What we write opens in a real LibreOffice: the dispatch and unit letters convert to PDF."""

import re

import pytest

from helpers import convert_with_libreoffice, soffice

pytestmark = pytest.mark.slow


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) chưa được cài: "
                    "apt-get install libreoffice-writer-nogui; CI cài sẵn.")
def test_documents_convert_to_pdf(built, tmp_path):
    files = [built / "cong-van.docx", built / "don-vi" / "ubnd-phuong-duc-xuan.docx",
             built / "don-vi" / "phong-vh-tt.docx", built / "don-vi" / "cac-doan-the-to-chuc-chinh-tri-xa-hoi.docx"]
    for pdf in convert_with_libreoffice(files, tmp_path / "pdf", "pdf", tmp_path):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 10_000
    # The dispatch is several pages: the portrait body, then the landscape appendix.
    pdf = (tmp_path / "pdf" / "cong-van.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 3
