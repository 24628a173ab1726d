"""build --preview: a PNG of each document's first page and of the appendix's first page."""

import json
import shutil
import struct

import pytest

from congvan.exceptions import OutputError
from congvan.output import preview
from helpers import soffice

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    soffice() is None or shutil.which("pdftoppm") is None,
    reason="cần LibreOffice và poppler-utils: apt-get install libreoffice-writer-nogui "
           "fonts-liberation2 poppler-utils; CI cài sẵn.")]


def png_size(path):
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def test_first_pages_and_the_appendix(built_pdf):
    width, height = png_size(built_pdf / "cong-van.png")
    assert height > width  # page 1 of the dispatch: portrait A4
    assert abs(height / width - 297 / 210) < 0.02
    width, height = png_size(built_pdf / "cong-van-phu-luc.png")
    assert width > height  # the appendix's first page: landscape
    letters = sorted(built_pdf.glob("don-vi/*.png"))
    assert len(letters) == 19
    assert not list(built_pdf.glob("don-vi/*-phu-luc.png"))


def test_previews_are_manifest_entries(built_pdf):
    manifest = json.loads((built_pdf / "manifest.json").read_text(encoding="utf-8"))
    kinds = {e["path"]: e["kind"] for e in manifest["files"]}
    assert kinds["cong-van.png"] == kinds["cong-van-phu-luc.png"] == "preview"
    assert sum(k == "preview" for k in kinds.values()) == 21


def test_appendix_page_is_found_in_the_pdf(built_pdf):
    page = preview.appendix_page(built_pdf / "cong-van.pdf")
    sizes = preview.page_sizes(built_pdf / "cong-van.pdf")
    assert page is not None and page > 1
    assert sizes[page - 1][0] > sizes[page - 1][1] and sizes[page - 2][0] < sizes[page - 2][1]
    assert preview.appendix_page(built_pdf / "don-vi" / "phong-vh-tt.pdf") is None


def test_missing_poppler_says_how_to_install(built_pdf, monkeypatch):
    monkeypatch.setattr(preview.shutil, "which", lambda name: None)
    with pytest.raises(OutputError, match="apt-get install poppler-utils"):
        preview.previews((built_pdf / "cong-van.pdf").read_bytes())


def test_preview_alone_writes_no_pdf_and_reuses_unchanged_pngs(built_pdf, sample, monkeypatch,
                                                                tmp_path):
    import congvan
    from congvan.output import pdf as pdf_module

    out = tmp_path / "out"
    shutil.copytree(built_pdf, out)
    for path in out.rglob("*.pdf"):
        path.unlink()
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)  # converting would fail
    report = congvan.build(sample, out, preview=True)
    assert report.written == [] and not list(out.rglob("*.pdf"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kinds = [e["kind"] for e in manifest["files"]]
    assert kinds.count("pdf") == 0 and kinds.count("preview") == 21
