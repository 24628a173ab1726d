"""PNG previews of a PDF's first page and of its appendix's first page (pdftoppm).

The appendix is found in the PDF itself: the first landscape page after page 1, or
else the first page after page 1 whose text starts with ``PHỤ LỤC``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from congvan.exceptions import OutputError

__all__ = ["APPENDIX_SUFFIX", "DPI", "appendix_page", "page_sizes", "previews"]

DPI = 60
"""Enough to read the layout of a page at a glance (about 500 × 700 pixels for A4)."""
APPENDIX_SUFFIX = "-phu-luc"
"""Appended to the document's name for its appendix preview (``cong-van-phu-luc.png``)."""
TIMEOUT = 120
_HINT = ("Hãy cài poppler-utils (pdftoppm, pdfinfo), ví dụ trên Debian/Ubuntu: "
         "sudo apt-get install poppler-utils")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise OutputError(f"Không tìm thấy lệnh {name} để tạo ảnh xem trước; chưa ghi tệp nào. "
                          + _HINT + ".")
    return found


def _run(args: list[str]) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(args, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise OutputError(f"{Path(args[0]).name} chạy quá {TIMEOUT} giây; chưa ghi tệp nào.") from None
    except OSError as exc:
        raise OutputError(f"Không chạy được {args[0]}: {exc.strerror or exc}. {_HINT}.") from None
    if result.returncode != 0:
        raise OutputError(f"{Path(args[0]).name} báo lỗi (mã thoát {result.returncode}); chưa ghi tệp "
                          f"nào:\n{result.stderr.decode('utf-8', 'replace').strip()}")
    return result


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height (points) of every page."""
    info = _run([_tool("pdfinfo"), str(pdf)]).stdout.decode("utf-8", "replace")
    pages = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    if pages is None:
        raise OutputError(f"pdfinfo không đọc được số trang của tệp PDF:\n{info.strip()}")
    sizes = _run([_tool("pdfinfo"), "-f", "1", "-l", pages.group(1), str(pdf)]).stdout.decode()
    return [(float(w), float(h)) for w, h in
            re.findall(r"^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)", sizes, re.MULTILINE)]


def appendix_page(pdf: Path) -> int | None:
    """1-based number of the appendix's first page, or None when there is none."""
    sizes = page_sizes(pdf)
    for number, (width, height) in enumerate(sizes[1:], start=2):
        if width > height:
            return number
    for number in range(2, len(sizes) + 1):
        text = _run([_tool("pdftotext"), "-f", str(number), "-l", str(number), str(pdf), "-"]).stdout
        if re.match(r"\s*PH[ỤU] L[ỤU]C\b", text.decode("utf-8", "replace"), re.IGNORECASE):
            return number
    return None


def render_page(pdf: Path, page: int, dpi: int = DPI) -> bytes:
    with tempfile.TemporaryDirectory(prefix="congvan-png-") as tmp:
        prefix = Path(tmp) / "page"
        _run([_tool("pdftoppm"), "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
              "-singlefile", str(pdf), str(prefix)])
        return prefix.with_suffix(".png").read_bytes()


def previews(pdf_data: bytes, dpi: int = DPI) -> dict[str, bytes]:
    """``{"": first page PNG, APPENDIX_SUFFIX: appendix's first page PNG (if any)}``."""
    with tempfile.TemporaryDirectory(prefix="congvan-preview-") as tmp:
        pdf = Path(tmp) / "doc.pdf"
        pdf.write_bytes(pdf_data)
        found = {"": render_page(pdf, 1, dpi)}
        appendix = appendix_page(pdf)
        if appendix is not None:
            found[APPENDIX_SUFFIX] = render_page(pdf, appendix, dpi)
    return found
