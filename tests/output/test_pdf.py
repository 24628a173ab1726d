"""build --pdf: one PDF beside every .docx, A4, landscape appendix pages, fonts embedded,
text with its diacritics; manifest entries; reuse; LibreOffice missing or failing."""

import json
import re
import shutil
import subprocess
import unicodedata

import pytest

import congvan
from congvan.exceptions import EditedFilesError, OutputError
from congvan.output import pdf as pdf_module
from helpers import soffice

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    soffice() is None or shutil.which("pdfinfo") is None,
    reason="cần LibreOffice và poppler-utils: apt-get install libreoffice-writer-nogui "
           "fonts-liberation2 poppler-utils; CI cài sẵn.")]

A4 = (595.3, 841.9)


def pdfinfo(path, *args):
    return subprocess.run(["pdfinfo", *args, str(path)], capture_output=True, text=True,
                          check=True).stdout


def page_sizes(path):
    pages = int(re.search(r"^Pages:\s+(\d+)", pdfinfo(path), re.M).group(1))
    out = pdfinfo(path, "-f", "1", "-l", str(pages))
    return [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)",
                                                        out, re.M)]


def is_a4(size):
    short, long_ = sorted(size)
    return abs(short - A4[0]) < 1 and abs(long_ - A4[1]) < 1


def test_a_pdf_beside_every_docx(built_pdf):
    docx = sorted(p.relative_to(built_pdf).with_suffix("") for p in built_pdf.rglob("*.docx"))
    pdfs = sorted(p.relative_to(built_pdf).with_suffix("") for p in built_pdf.rglob("*.pdf"))
    assert docx == pdfs and len(pdfs) == 20


def test_version_paper_and_fonts(built_pdf):
    for path in built_pdf.rglob("*.pdf"):
        version = float(re.search(r"^PDF version:\s+([\d.]+)", pdfinfo(path), re.M).group(1))
        assert version >= 1.4, path
        sizes = page_sizes(path)
        assert sizes and all(is_a4(s) for s in sizes), (path, sizes)
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts, path
        # columns: name type encoding emb sub uni object-id
        assert all(line.split()[-5] == "yes" for line in fonts), (path, fonts)
        assert all(re.search(r"TimesNewRoman|LiberationSerif", line) for line in fonts), fonts


def test_dispatch_portrait_then_landscape_appendix(built_pdf):
    sizes = page_sizes(built_pdf / "cong-van.pdf")
    landscape = [w > h for w, h in sizes]
    assert landscape[0] is False
    first = landscape.index(True)
    assert all(landscape[first:]) and len(landscape) - first >= 2, sizes
    letter = page_sizes(built_pdf / "don-vi" / "phong-vh-tt.pdf")
    assert not any(w > h for w, h in letter)


def test_text_keeps_its_diacritics(built_pdf):
    text = subprocess.run(["pdftotext", "-layout", str(built_pdf / "cong-van.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "ỦY BAN NHÂN DÂN", "Kính gửi", "PHỤ LỤC", "NHẬN THỨC SỐ", "Hoàng Hà Bắc",
                   "Ủy ban nhân dân xã, phường"):
        assert phrase in text, phrase


def test_pdfs_are_manifest_entries(built_pdf):
    manifest = json.loads((built_pdf / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["path"]: e for e in manifest["files"]}
    assert entries["cong-van.pdf"]["kind"] == "pdf" and entries["cong-van.pdf"]["unit"] is None
    assert entries["don-vi/phong-vh-tt.pdf"]["unit"] == entries["don-vi/phong-vh-tt.docx"]["unit"]
    assert sum(e["kind"] == "pdf" for e in entries.values()) == 20


def test_a_rebuild_without_change_does_not_start_libreoffice(built_pdf, sample, monkeypatch, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_pdf, out)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)  # converting would fail
    report = congvan.build(sample, out, pdf=True, preview=True)
    assert report.written == [] and len(report.unchanged) == 61
    # Without --pdf, PDFs whose .docx did not change stay.
    report = congvan.build(sample, out)
    assert report.removed == [] and "cong-van.pdf" in report.unchanged


def test_only_a_missing_pdf_is_converted_again(built_pdf, sample, monkeypatch, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_pdf, out)
    (out / "don-vi" / "phong-vh-tt.pdf").unlink()
    asked = []
    real = pdf_module.convert_to_pdf

    def spy(files, **kw):
        asked.append(sorted(files))
        return real(files, **kw)

    monkeypatch.setattr("congvan.builder.derived.convert_to_pdf", spy)
    report = congvan.build(sample, out, pdf=True)
    assert asked == [["don-vi/phong-vh-tt.docx"]]
    assert report.written == ["don-vi/phong-vh-tt.pdf"]
    assert (out / "don-vi" / "phong-vh-tt.pdf").read_bytes().startswith(b"%PDF")


def test_an_edited_pdf_is_protected(built_pdf, sample, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_pdf, out)
    (out / "cong-van.pdf").write_bytes(b"%PDF-1.4 sua tay")
    with pytest.raises(EditedFilesError) as err:
        congvan.build(sample, out, pdf=True)
    assert err.value.files == ["cong-van.pdf"]
    report = congvan.build(sample, out, pdf=True, force=True)
    assert "cong-van.pdf" in report.written
    assert len(report.backups) == 1 and report.backups[0].endswith("/cong-van.pdf")


def test_libreoffice_missing_writes_nothing(sample, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    with pytest.raises(OutputError) as err:
        congvan.build(sample, tmp_path / "out", pdf=True)
    assert "apt-get install libreoffice-writer-nogui fonts-liberation2" in str(err.value)
    assert not (tmp_path / "out").exists()


def _fake_soffice(tmp_path, body):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_libreoffice_failing_shows_its_error(monkeypatch, tmp_path):
    fake = _fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2\nexit 3')
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: fake)
    with pytest.raises(OutputError) as err:
        pdf_module.convert_to_pdf({"cong-van.docx": b"PK"})
    message = str(err.value)
    assert "mã thoát 3" in message and "source file could not be loaded" in message
    assert "chưa ghi tệp nào" in message


def test_libreoffice_time_limit(monkeypatch, tmp_path):
    fake = _fake_soffice(tmp_path, "sleep 5")
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: fake)
    with pytest.raises(OutputError, match="sau 0.5 giây"):
        pdf_module.convert_to_pdf({"cong-van.docx": b"PK"}, timeout=0.5)


@pytest.fixture(scope="module", params=["ke-hoach", "quyet-dinh"])
def typed_pdf(request, tmp_path_factory):
    """A typed sample (Kế hoạch, Quyết định) built with --pdf: (data, output folder)."""
    from helpers import DECISION_SAMPLE, PLAN_SAMPLE

    data = congvan.load({"ke-hoach": PLAN_SAMPLE, "quyet-dinh": DECISION_SAMPLE}[request.param])
    out = tmp_path_factory.mktemp(f"pdf-{request.param}")
    congvan.build(data, out, pdf=True)
    return data, out


def test_typed_samples_convert_like_the_dispatch(typed_pdf):
    """Every sample's documents: a PDF each, A4, fonts embedded, the appendix on landscape
    pages when it is declared landscape, the text with its diacritics."""
    data, out = typed_pdf
    document = out / data.document.kind.file
    docx = sorted(p.relative_to(out).with_suffix("") for p in out.rglob("*.docx"))
    assert docx == sorted(p.relative_to(out).with_suffix("") for p in out.rglob("*.pdf"))
    for path in out.rglob("*.pdf"):
        assert float(re.search(r"^PDF version:\s+([\d.]+)", pdfinfo(path), re.M).group(1)) >= 1.4
        assert all(is_a4(s) for s in page_sizes(path)), path
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), (path, fonts)
    landscape = [w > h for w, h in page_sizes(document.with_suffix(".pdf"))]
    assert landscape[0] is False
    wants_landscape = any(a.orientation == "landscape" for a in data.appendices)
    assert any(landscape) == wants_landscape, landscape
    text = subprocess.run(["pdftotext", "-layout", str(document.with_suffix(".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   data.document.kind.name, data.document.signer.name):
        assert phrase in text, phrase
