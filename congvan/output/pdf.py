"""PDF for sending: every .docx of a build converted by LibreOffice in one call.

One ``soffice --headless --convert-to pdf`` call converts all files (starting
LibreOffice costs far more than converting a page), with a private, temporary user
profile so that it never clashes with a LibreOffice the user has open, and a time
limit. LibreOffice embeds every font and writes PDF 1.7 by default. Times New Roman
is used where installed; otherwise fontconfig substitutes Liberation Serif
(fonts-liberation2), whose widths are the same, so the lines break at the same words.

A PDF is rebuilt only when its .docx changed: :func:`reusable` finds the old one
when the old manifest recorded the same .docx and the PDF on disk is still the one
the manifest recorded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from congvan.exceptions import OutputError
from congvan.output.manifest import file_sha256, sha256_bytes

__all__ = ["INSTALL_HINT", "TIMEOUT", "convert_to_pdf", "derived_path", "find_soffice", "reusable"]

TIMEOUT = 300
"""Seconds one conversion call may take (20 files take about 2 s; a cold start more)."""
INSTALL_HINT = ("Hãy cài LibreOffice và phông chữ, ví dụ trên Debian/Ubuntu: "
                "sudo apt-get install libreoffice-writer-nogui fonts-liberation2")


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def derived_path(docx_path: str, suffix: str) -> str:
    """``don-vi/x.docx`` -> ``don-vi/x.pdf`` (suffix ``.pdf``) or ``don-vi/x-phu-luc.png``."""
    stem = docx_path[:-5] if docx_path.lower().endswith(".docx") else docx_path
    return stem + suffix


def reusable(output_dir: Path, old_manifest: dict | None, source: str, source_data: bytes,
             derived: str) -> bytes | None:
    """The bytes of ``derived`` from the last build, if its source .docx is unchanged and
    the file on disk is still what the manifest recorded; otherwise None."""
    if not old_manifest:
        return None
    entries = _entries(old_manifest)
    old_source, old_derived = entries.get(source), entries.get(derived)
    if old_source is None or old_derived is None:
        return None
    if old_source["sha256"] != sha256_bytes(source_data):
        return None
    target = Path(output_dir) / derived
    try:
        if file_sha256(target) != old_derived["sha256"]:
            return None
        return target.read_bytes()
    except OSError:
        return None


_indexed: tuple[dict, dict[str, dict]] | None = None
"""The last manifest's entries by path: a build asks once per file, and indexing the
whole manifest each time made a build of thousands of letters quadratic."""


def _entries(manifest: dict) -> dict[str, dict]:
    global _indexed
    if _indexed is None or _indexed[0] is not manifest:
        _indexed = (manifest, {e["path"]: e for e in manifest["files"]})
    return _indexed[1]


def convert_to_pdf(files: dict[str, bytes], timeout: float = TIMEOUT) -> dict[str, bytes]:
    """PDF bytes for each ``path -> .docx bytes``, all converted in one LibreOffice call.

    Raises :class:`OutputError` (in Vietnamese) when LibreOffice is missing, fails
    (its error output is shown), runs past ``timeout`` or leaves a file unconverted.
    """
    if not files:
        return {}
    soffice = find_soffice()
    if soffice is None:
        raise OutputError("Không tìm thấy LibreOffice (lệnh soffice) để tạo PDF; chưa ghi tệp nào. "
                          + INSTALL_HINT + ".")
    with tempfile.TemporaryDirectory(prefix="congvan-pdf-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        names = {}
        for i, (path, data) in enumerate(sorted(files.items())):
            # Numbered names: two folders may hold files of the same name.
            name = f"{i:05d}.docx"
            (root / "in" / name).write_bytes(data)
            names[path] = name
        command = [soffice, f"-env:UserInstallation={(root / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nolockcheck",
                   "--convert-to", "pdf", "--outdir", str(root / "out"),
                   *(str(root / "in" / n) for n in names.values())]
        env = dict(os.environ, HOME=str(root))  # LibreOffice must not touch the user's home
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    env=env, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice chưa chuyển xong sang PDF sau {timeout:g} giây; "
                              "chưa ghi tệp nào.") from None
        except OSError as exc:
            raise OutputError(f"Không chạy được LibreOffice ({soffice}): {exc.strerror or exc}. "
                              + INSTALL_HINT + ".") from None
        pdfs, missing = {}, []
        for path, name in names.items():
            out = root / "out" / (name[:-5] + ".pdf")
            if out.is_file() and out.stat().st_size:
                pdfs[path] = out.read_bytes()
            else:
                missing.append(path)
        if result.returncode != 0 or missing:
            detail = (result.stderr or result.stdout or "").strip() or "(LibreOffice không báo gì)"
            listing = ", ".join(missing) if missing else "các tệp"
            raise OutputError(f"LibreOffice không chuyển được {listing} sang PDF "
                              f"(mã thoát {result.returncode}); chưa ghi tệp nào. "
                              f"LibreOffice báo:\n{detail}")
    return pdfs
