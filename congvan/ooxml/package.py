"""Deterministic packaging of OOXML (.docx) parts into a zip archive.

Identical parts always give byte-identical archives: every entry carries the
same fixed timestamp, creator system and attributes, and is deflated at a
fixed level. ``[Content_Types].xml`` always comes first and ``_rels/.rels``
second, as Office expects; the remaining parts follow the caller's ``order``
and then sorted by name.

A small hand-written zip writer is used instead of :mod:`zipfile` so that
:class:`ZipTemplate` can compress the parts that never change (styles,
theme, numbering, ...) once and reuse the compressed bytes for every
document, which matters when hundreds of letters are generated at a time.
:func:`write_zip` uses the same writer, so both give the same bytes.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from congvan.exceptions import OutputError, TemplateError

__all__ = [
    "CONTENT_TYPES",
    "ROOT_RELS",
    "COMPRESS_LEVEL",
    "ZIP_DATE_TIME",
    "ZipTemplate",
    "write_zip",
    "read_parts",
]

CONTENT_TYPES = "[Content_Types].xml"
"""Name of the part that must be the first entry of every OOXML package."""
ROOT_RELS = "_rels/.rels"
"""Name of the package relationships part, written right after the content types."""
COMPRESS_LEVEL = 3
"""Deflate level used for every entry. zlib's default (6) took a quarter of a letter's
render; 3 deflates a letter's document.xml about three times faster, for some 500 bytes
more (measured on the sample's letters, benchmarks/README.md)."""
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
"""Timestamp stored in every entry: the earliest a zip can hold."""

# Fixed header values. create_system 0 (MS-DOS) and external attributes 0 are
# what Word itself writes; version 2.0 is the minimum for deflate.
_CREATE_SYSTEM = 0
_ZIP_VERSION = 20
_EXTERNAL_ATTR = 0
_DEFLATED = 8
_UTF8_FLAG = 0x800
_DOS_TIME = (ZIP_DATE_TIME[3] << 11) | (ZIP_DATE_TIME[4] << 5) | (ZIP_DATE_TIME[5] // 2)
_DOS_DATE = ((ZIP_DATE_TIME[0] - 1980) << 9) | (ZIP_DATE_TIME[1] << 5) | ZIP_DATE_TIME[2]

# Without zip64 every size and offset must fit in 32 bits, counts in 16 bits.
_MAX_SIZE = 0xFFFFFFFF
_MAX_ENTRIES = 0xFFFF

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_EOCD = struct.Struct("<IHHHHIIH")
_LOCAL_SIG = 0x04034B50
_CENTRAL_SIG = 0x02014B50
_EOCD_SIG = 0x06054B50

Parts = Mapping[str, bytes] | Sequence[tuple[str, bytes]]


@dataclass(frozen=True)
class _Entry:
    """One compressed part, ready to be placed anywhere in an archive."""

    name: str
    """Part name inside the zip, e.g. ``word/document.xml``."""
    local: bytes
    """Local file header followed by the file name (without the data)."""
    data: bytes
    """Raw-deflated content."""
    central_head: bytes
    """Central directory record up to (not including) the offset field."""
    central_tail: bytes
    """File name that follows the offset field in the central directory."""

    @property
    def size(self) -> int:
        """Bytes this entry takes in the archive before the central directory."""
        return len(self.local) + len(self.data)


_MEMO_SIZE = 1 << 14
"""Dynamic parts up to this size are remembered, to be reused when the next one is equal."""


def _too_big(name: str) -> OutputError:
    return OutputError(
        f"Không thể đóng gói phần '{name}': kích thước vượt quá 4 GiB, "
        "giới hạn của định dạng zip không có zip64."
    )


def _compress(name: str, content: bytes) -> _Entry:
    """Deflate one part and prepare its headers."""
    if not isinstance(name, str) or not name:
        raise OutputError(f"Tên phần trong gói .docx không hợp lệ: {name!r}.")
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise OutputError(
            f"Nội dung phần '{name}' phải là bytes, nhận được {type(content).__name__}."
        )
    content = bytes(content)
    if len(content) > _MAX_SIZE:
        raise _too_big(name)
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    if len(data) > _MAX_SIZE:
        raise _too_big(name)
    crc = zlib.crc32(content) & 0xFFFFFFFF
    try:
        raw_name = name.encode("ascii")
        flags = 0
    except UnicodeEncodeError:
        raw_name = name.encode("utf-8")
        flags = _UTF8_FLAG
    if len(raw_name) > 0xFFFF:
        raise OutputError(f"Tên phần trong gói .docx quá dài: '{name[:80]}…'.")
    local = (
        _LOCAL.pack(
            _LOCAL_SIG, _ZIP_VERSION, flags, _DEFLATED, _DOS_TIME, _DOS_DATE,
            crc, len(data), len(content), len(raw_name), 0,
        )
        + raw_name
    )
    # Everything of the central record except the trailing offset (4 bytes),
    # which depends on where the entry lands in the archive.
    central_head = _CENTRAL.pack(
        _CENTRAL_SIG, (_CREATE_SYSTEM << 8) | _ZIP_VERSION, _ZIP_VERSION, flags,
        _DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(data), len(content),
        len(raw_name), 0, 0, 0, 0, _EXTERNAL_ATTR, 0,
    )[:-4]
    return _Entry(name, local, data, central_head, raw_name)


def _arrange(names: Iterable[str], order: Sequence[str] | None) -> list[str]:
    """Entry order: content types, root rels, ``order``, then the rest sorted."""
    present = set(names)
    result: list[str] = []
    seen: set[str] = set()
    for name in (CONTENT_TYPES, ROOT_RELS, *(order or ())):
        if name in present and name not in seen:
            result.append(name)
            seen.add(name)
    result.extend(sorted(present - seen))
    return result


def _assemble(entries: Sequence[_Entry]) -> bytes:
    """Lay out local entries, the central directory and its end record."""
    if len(entries) > _MAX_ENTRIES:
        raise OutputError(
            f"Gói .docx có {len(entries)} phần, vượt quá giới hạn {_MAX_ENTRIES} "
            "của định dạng zip không có zip64."
        )
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for entry in entries:
        if offset > _MAX_SIZE:
            raise _too_big(entry.name)
        chunks.append(entry.local)
        chunks.append(entry.data)
        central.append(entry.central_head)
        central.append(struct.pack("<I", offset))
        central.append(entry.central_tail)
        offset += entry.size
    directory = b"".join(central)
    if offset > _MAX_SIZE or len(directory) > _MAX_SIZE:
        raise OutputError("Gói .docx vượt quá 4 GiB, giới hạn của định dạng zip không có zip64.")
    chunks.append(directory)
    chunks.append(
        _EOCD.pack(_EOCD_SIG, 0, 0, len(entries), len(entries), len(directory), offset, 0)
    )
    return b"".join(chunks)


def _as_dict(parts: Parts) -> dict[str, bytes]:
    """Parts as a dict; a list with a repeated name is refused."""
    if isinstance(parts, Mapping):
        return dict(parts)
    result: dict[str, bytes] = {}
    for item in parts:
        try:
            name, content = item
        except (TypeError, ValueError):
            raise OutputError(
                f"Mỗi phần của gói .docx phải là cặp (tên, nội dung), nhận được {item!r:.80}."
            ) from None
        if name in result:
            raise OutputError(f"Phần '{name}' xuất hiện hai lần trong gói .docx.")
        result[name] = content
    return result


def write_zip(parts: Parts, order: Sequence[str] | None = None) -> bytes:
    """Build an OOXML zip in memory; identical input gives identical bytes.

    ``parts`` maps part names (``word/document.xml``) to their content, as a
    dict or a list of ``(name, content)`` pairs. ``[Content_Types].xml`` is
    written first and ``_rels/.rels`` second; then the names listed in
    ``order`` (names not present are skipped), then every other part sorted
    by name. Raises :class:`OutputError` for a bad name or content, a
    repeated name, or a part above 4 GiB.
    """
    table = _as_dict(parts)
    return _assemble([_compress(name, table[name]) for name in _arrange(table, order)])


class ZipTemplate:
    """Packages many documents that share most of their parts.

    The static parts are compressed once, when the template is made;
    :meth:`build` only compresses the parts it is given. The result is
    byte-identical to :func:`write_zip` on the union of both sets of parts.
    """

    def __init__(self, static_parts: Parts, order: Sequence[str] | None = None):
        static = _as_dict(static_parts)
        self._order = tuple(order or ())
        self._static = {name: _compress(name, content) for name, content in static.items()}
        # The last entry made for each dynamic part: parts that come out the same for every
        # document (the content types and package relationships once custom properties are
        # added) are deflated once, not once per letter.
        self._last: dict[str, tuple[bytes, _Entry]] = {}

    @property
    def static_names(self) -> list[str]:
        """Names of the precompressed parts."""
        return list(self._static)

    def build(self, dynamic_parts: Parts) -> bytes:
        """The whole archive: static parts plus ``dynamic_parts``.

        A dynamic part with the name of a static part replaces it.
        """
        dynamic = _as_dict(dynamic_parts)
        names = set(self._static) | set(dynamic)
        entries = [
            self._dynamic(name, dynamic[name]) if name in dynamic else self._static[name]
            for name in _arrange(names, self._order)
        ]
        return _assemble(entries)

    def _dynamic(self, name: str, content) -> _Entry:
        last = self._last.get(name)
        if last is not None and last[0] == content:
            return last[1]
        entry = _compress(name, content)
        if len(content) <= _MEMO_SIZE:  # not a whole document.xml, kept alive for nothing
            self._last[name] = (bytes(content), entry)
        return entry


def read_parts(source: str | os.PathLike | bytes | bytearray | memoryview) -> dict[str, bytes]:
    """Every part of a zip (a path or the archive's bytes), in archive order.

    Directory entries are skipped. Raises :class:`TemplateError` when the
    file is missing, is not a zip, is damaged, or repeats a part name.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = "<dữ liệu trong bộ nhớ>"
        handle = io.BytesIO(bytes(source))
    else:
        label = os.fspath(source)
        handle = source
    try:
        with zipfile.ZipFile(handle) as archive:
            parts: dict[str, bytes] = {}
            for info in archive.infolist():
                if info.is_dir():
                    continue
                if info.filename in parts:
                    raise TemplateError(
                        f"Tệp '{label}' hỏng: phần '{info.filename}' xuất hiện hai lần."
                    )
                parts[info.filename] = archive.read(info)
            return parts
    except FileNotFoundError:
        raise TemplateError(f"Không tìm thấy tệp '{label}'.") from None
    except OSError as exc:
        raise TemplateError(f"Không đọc được tệp '{label}': {exc.strerror or exc}.") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError,
            NotImplementedError, ValueError) as exc:
        raise TemplateError(
            f"Tệp '{label}' không phải tệp .docx hợp lệ (không đọc được dạng zip): {exc}."
        ) from None
