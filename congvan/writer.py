"""The one place that writes into an output folder.

:class:`OutputWriter` collects every file of a build in memory and writes
them in :meth:`OutputWriter.commit`, which

* never overwrites or removes a generated file that was edited by hand since
  the last build (nor a file the tool did not make), unless ``force`` is
  given, in which case the edited copy is first saved under
  ``<output>/.backup/<YYYYMMDD-HHMMSS>/``;
* leaves files whose content has not changed untouched (mtime preserved);
* writes each file atomically (temporary file, fsync, ``os.replace``);
* removes the files an earlier build made that are not produced any more;
* records what it made in ``manifest.json``, written last.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath

from .exceptions import EditedFilesError, OutputError

__all__ = [
    "MANIFEST_NAME",
    "BACKUP_DIR",
    "GENERATOR",
    "MANIFEST_VERSION",
    "OutputWriter",
    "WritePlan",
    "WriteReport",
    "load_manifest",
    "sha256_bytes",
]

MANIFEST_NAME = "manifest.json"
"""File in the output folder that lists what the last build produced."""
BACKUP_DIR = ".backup"
"""Folder in the output folder where ``force`` saves hand-edited files."""
GENERATOR = "congvan"
"""Value of the manifest's ``generator`` key."""
MANIFEST_VERSION = 1
"""Value of the manifest's ``version`` key."""

_RESERVED_NAMES = {MANIFEST_NAME.casefold(), BACKUP_DIR.casefold()}


def sha256_bytes(data: bytes) -> str:
    """Lower-case hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _check_relative(path: object) -> str:
    """Lexical checks on a path given to :meth:`OutputWriter.add` or found in a manifest."""
    if not isinstance(path, str):
        raise OutputError(f"Đường dẫn tệp đầu ra phải là chuỗi, nhận được {path!r:.80}.")
    if not path or not path.strip():
        raise OutputError("Tên tệp đầu ra rỗng.")
    if "\\" in path:
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' không được chứa dấu '\\' (hãy dùng '/')."
        )
    if any(ord(ch) < 0x20 for ch in path):
        raise OutputError(f"Đường dẫn tệp đầu ra {path!r} chứa ký tự điều khiển.")
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).drive:
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' phải là đường dẫn tương đối trong thư mục đầu ra."
        )
    parts = path.split("/")
    if ".." in parts:
        raise OutputError(f"Đường dẫn tệp đầu ra '{path}' không được chứa '..'.")
    if any(part in ("", ".") for part in parts):
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' không hợp lệ (có thành phần rỗng hoặc '.')."
        )
    if parts[0].casefold() in _RESERVED_NAMES:
        raise OutputError(
            f"Đường dẫn tệp đầu ra '{path}' trùng với tên dành riêng "
            f"'{MANIFEST_NAME}' hoặc '{BACKUP_DIR}'."
        )
    return path


def _fold(path: str) -> str:
    """Key under which two names would clash on Windows or macOS."""
    return unicodedata.normalize("NFC", path).casefold()


def load_manifest(output_dir: str | os.PathLike) -> dict | None:
    """The manifest of the last build in ``output_dir``, or ``None`` if there is none.

    Raises :class:`OutputError` when the file exists but cannot be read, is not
    valid JSON, or does not have the expected shape (including a path that
    would point outside the output folder).
    """
    path = Path(output_dir) / MANIFEST_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _corrupt_manifest(path, f"không đọc được ({_os_reason(exc)})") from None
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _corrupt_manifest(path, f"không phải JSON hợp lệ ({exc})") from None
    problem = _manifest_problem(manifest)
    if problem:
        raise _corrupt_manifest(path, problem)
    return manifest


def _corrupt_manifest(path: Path, reason: str) -> OutputError:
    return OutputError(
        f"Tệp '{path}' bị hỏng: {reason}. Tệp này ghi lại các tệp do lần tạo trước sinh ra, "
        "dùng để phát hiện tệp bị sửa tay. Chỉ xóa nó nếu chắc chắn không ai sửa các tệp "
        "trong thư mục đầu ra; sau khi xóa, các tệp trùng tên sẽ bị coi là tệp làm tay."
    )


def _manifest_problem(manifest: object) -> str | None:
    """What is wrong with a parsed manifest, or ``None``."""
    if not isinstance(manifest, dict):
        return "nội dung không phải một đối tượng JSON"
    if manifest.get("generator") != GENERATOR:
        return f"khóa 'generator' phải là \"{GENERATOR}\""
    if manifest.get("version") != MANIFEST_VERSION:
        return f"phiên bản {manifest.get('version')!r} không được hỗ trợ (cần {MANIFEST_VERSION})"
    files = manifest.get("files")
    if not isinstance(files, list):
        return "khóa 'files' phải là một danh sách"
    seen: set[str] = set()
    for index, item in enumerate(files):
        where = f"files[{index}]"
        if not isinstance(item, dict):
            return f"{where} không phải một đối tượng"
        path, digest = item.get("path"), item.get("sha256")
        try:
            _check_relative(path)
        except OutputError as exc:
            return f"{where}.path: {exc}"
        if path in seen:
            return f"{where}.path '{path}' lặp lại"
        seen.add(path)
        if (
            not isinstance(digest, str)
            or len(digest) != 64
            or any(ch not in "0123456789abcdef" for ch in digest)
        ):
            return f"{where}.sha256 không phải mã SHA-256 hợp lệ"
    removed = manifest.get("removed", [])
    if not isinstance(removed, list) or not all(isinstance(p, str) for p in removed):
        return "khóa 'removed' phải là danh sách đường dẫn"
    return None


def _manifest_bytes(entries: list[dict], removed: list[str]) -> bytes:
    manifest = {
        "generator": GENERATOR,
        "version": MANIFEST_VERSION,
        "files": sorted(entries, key=lambda e: e["path"]),
        "removed": sorted(removed),
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class _Pending:
    """One file added to the build."""

    path: str
    """Relative POSIX path inside the output folder."""
    data: bytes
    """Content to write."""
    kind: str
    """What sort of document it is (``dispatch``, ``unit-letter``, ...)."""
    unit: str | None
    """Id of the unit the file is for, if any."""
    sha256: str
    """SHA-256 of ``data``."""

    def entry(self) -> dict:
        return {"path": self.path, "kind": self.kind, "unit": self.unit, "sha256": self.sha256}


@dataclass(frozen=True)
class WritePlan:
    """What :meth:`OutputWriter.commit` would do, computed without writing."""

    write: list[str]
    """Files to write: new, changed, or deleted by hand (sorted)."""
    unchanged: list[str]
    """Files whose bytes on disk already equal the new bytes (sorted)."""
    remove: list[str]
    """Files of the last build that are not produced any more and still exist (sorted)."""
    edited: list[str]
    """Files to overwrite or remove that were edited by hand, or not made by
    this tool; they block the commit unless ``force`` is given (sorted)."""
    old_manifest: dict | None = field(repr=False)
    """The last build's manifest, or ``None``."""


@dataclass(frozen=True)
class WriteReport:
    """What :meth:`OutputWriter.commit` did."""

    written: list[str]
    """Files written (relative paths, sorted)."""
    unchanged: list[str]
    """Files left untouched because their content was already right (sorted)."""
    removed: list[str]
    """Files of the last build removed because they are not produced any more (sorted)."""
    backups: list[str]
    """Backup copies of hand-edited files, relative to the output folder (sorted)."""
    manifest: dict
    """The manifest written to ``manifest.json``."""

    def summary(self) -> str:
        """One Vietnamese line, e.g. ``Đã ghi 3 tệp, giữ nguyên 9 tệp, xóa 1 tệp``."""
        text = (
            f"Đã ghi {len(self.written)} tệp, giữ nguyên {len(self.unchanged)} tệp, "
            f"xóa {len(self.removed)} tệp"
        )
        if self.backups:
            folders = sorted({"/".join(b.split("/")[:2]) + "/" for b in self.backups})
            text += f"; đã sao lưu {len(self.backups)} tệp vào {', '.join(folders)}"
        return text


class OutputWriter:
    """Collects the files of one build, then writes them safely with :meth:`commit`.

    ``now`` gives the time used to name backup folders (injectable for tests).
    A writer is used for one build: after :meth:`commit` it accepts nothing more.
    """

    def __init__(
        self,
        output_dir: str | os.PathLike,
        force: bool = False,
        now: Callable[[], datetime] = datetime.now,
        partial: bool = False,
    ):
        self.output_dir = Path(output_dir)
        self.force = force
        # A partial build (some units only) keeps what it does not produce.
        self.partial = partial
        self._now = now
        self._files: dict[str, _Pending] = {}
        self._folded: dict[str, str] = {}
        self._committed = False

    # -- collecting -----------------------------------------------------

    def add(self, path: str, data: bytes, kind: str, unit: str | None = None) -> None:
        """Queue ``data`` to be written at ``path`` (relative POSIX path).

        Raises :class:`OutputError` for an unsafe path (absolute, ``..``,
        backslash, empty, reserved, or leading outside the folder, also through
        a symbolic link), a path added twice (ignoring case), a path that is
        also a folder of another added path, or data that is not bytes.
        """
        if self._committed:
            raise OutputError("Bộ ghi đã ghi xong; hãy tạo bộ ghi mới cho lần tạo tiếp theo.")
        _check_relative(path)
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise OutputError(
                f"Nội dung tệp đầu ra '{path}' phải là bytes, nhận được {type(data).__name__}."
            )
        if not isinstance(kind, str) or not kind:
            raise OutputError(f"Loại tài liệu của tệp đầu ra '{path}' phải là chuỗi không rỗng.")
        if unit is not None and not isinstance(unit, str):
            raise OutputError(f"Mã đơn vị của tệp đầu ra '{path}' phải là chuỗi hoặc None.")
        key = _fold(path)
        if key in self._folded:
            other = self._folded[key]
            same = "" if other == path else f" (trùng với '{other}' khi không phân biệt hoa thường)"
            raise OutputError(f"Tệp đầu ra '{path}' được thêm hai lần{same}.")
        parents = path.split("/")
        for depth in range(1, len(parents)):
            folder = _fold("/".join(parents[:depth]))
            if folder in self._folded:
                raise OutputError(
                    f"Không thể tạo '{path}': '{self._folded[folder]}' đã là một tệp đầu ra."
                )
        prefix = key + "/"
        for other_key, other in self._folded.items():
            if other_key.startswith(prefix):
                raise OutputError(f"Không thể tạo '{path}': đã có tệp đầu ra '{other}' bên trong.")
        self._check_inside(path)
        data = bytes(data)
        self._files[path] = _Pending(path, data, kind, unit, sha256_bytes(data))
        self._folded[key] = path

    @property
    def paths(self) -> list[str]:
        """Paths added so far, sorted."""
        return sorted(self._files)

    def _check_inside(self, path: str) -> Path:
        """``output_dir / path``, refusing one that resolves outside the folder."""
        target = self.output_dir / path
        try:
            root = self.output_dir.resolve()
            resolved = target.resolve()
        except (OSError, RuntimeError) as exc:
            raise OutputError(
                f"Không xác định được vị trí của '{path}' trong '{self.output_dir}': "
                f"{_os_reason(exc)}."
            ) from None
        if resolved == root or not resolved.is_relative_to(root):
            raise OutputError(
                f"Đường dẫn tệp đầu ra '{path}' trỏ ra ngoài thư mục đầu ra "
                f"'{self.output_dir}' (qua liên kết tượng trưng)."
            )
        return target

    # -- planning -------------------------------------------------------

    def plan(self) -> WritePlan:
        """Compare the queued files with the output folder, without writing anything.

        Raises :class:`OutputError` if the old manifest is damaged or a path
        cannot be used (outside the folder, a folder where a file should be).
        """
        if self.output_dir.exists() and not self.output_dir.is_dir():
            raise OutputError(f"'{self.output_dir}' đã tồn tại nhưng không phải thư mục.")
        old = load_manifest(self.output_dir)
        old_sha = {e["path"]: e["sha256"] for e in old["files"]} if old else {}
        write: list[str] = []
        unchanged: list[str] = []
        remove: list[str] = []
        edited: list[str] = []
        for path in sorted(self._files):
            pending = self._files[path]
            target = self._check_inside(path)
            self._check_parents(path)
            if target.is_dir():
                raise OutputError(
                    f"Không thể ghi '{path}': trong '{self.output_dir}' đã có thư mục cùng tên."
                )
            current = self._read_existing(target, path)
            if current is None:
                write.append(path)
            elif current == pending.data:
                unchanged.append(path)
            else:
                write.append(path)
                if old_sha.get(path) != sha256_bytes(current):
                    edited.append(path)
        for path in sorted(set(old_sha) - set(self._files)):
            if self.partial:
                continue
            target = self._check_inside(path)
            if not target.is_file() or self._is_new_file(path, target):
                continue
            remove.append(path)
            try:
                digest = _file_sha256(target)
            except OSError as exc:
                raise OutputError(f"Không đọc được tệp '{target}': {_os_reason(exc)}.") from None
            if digest != old_sha[path]:
                edited.append(path)
        return WritePlan(write, unchanged, remove, sorted(edited), old)

    def pending_edits(self) -> list[str]:
        """Files edited by hand (or not made by this tool) that the commit would
        overwrite or remove: what blocks it without ``force`` and what gets
        backed up with it. Writes nothing."""
        return self.plan().edited

    def _is_new_file(self, old_path: str, target: Path) -> bool:
        """Whether an old path differing only in case is, on this file system,
        the very file a new path writes (so it must not be removed)."""
        new_path = self._folded.get(_fold(old_path))
        if new_path is None:
            return False
        try:
            return os.path.samefile(target, self.output_dir / new_path)
        except OSError:
            return False

    def _check_parents(self, path: str) -> None:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folder = self.output_dir.joinpath(*parts[:depth])
            if folder.exists() and not folder.is_dir():
                raise OutputError(
                    f"Không thể ghi '{path}': '{folder}' đã tồn tại nhưng không phải thư mục."
                )

    def _read_existing(self, target: Path, path: str) -> bytes | None:
        try:
            return target.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise OutputError(f"Không đọc được tệp '{target}': {_os_reason(exc)}.") from None

    def _edited_error(self, files: list[str]) -> EditedFilesError:
        listing = "\n".join(f"  {path}" for path in files)
        backup = f"{self.output_dir.as_posix().rstrip('/')}/{BACKUP_DIR}/<thời điểm>/"
        message = (
            "Các tệp sau đã được sửa tay sau lần tạo trước; không ghi đè để tránh mất nội dung:\n"
            f"{listing}\n"
            "Hãy lưu các tệp này ở nơi khác, hoặc chạy lại với --force: bản đã sửa sẽ được "
            f"sao lưu vào {backup} trước khi ghi đè."
        )
        return EditedFilesError(message, files)

    # -- writing --------------------------------------------------------

    def commit(self) -> WriteReport:
        """Check everything, then write; see the module docstring.

        Raises :class:`EditedFilesError` (writing nothing at all) when files
        edited by hand would be overwritten or removed and ``force`` is off,
        and :class:`OutputError` for any other problem. If writing fails
        midway, files already written are whole and the manifest records them,
        so the next build does not mistake them for hand edits.
        """
        if self._committed:
            raise OutputError("Bộ ghi đã ghi xong; hãy tạo bộ ghi mới cho lần tạo tiếp theo.")
        plan = self.plan()
        if plan.edited and not self.force:
            raise self._edited_error(plan.edited)
        self._committed = True

        # What the manifest on disk should say at each moment, should we stop early.
        state: dict[str, dict] = {}
        if plan.old_manifest:
            state = {e["path"]: e for e in plan.old_manifest["files"]}
        for path in plan.unchanged:
            state[path] = self._files[path].entry()

        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"Không tạo được thư mục đầu ra '{self.output_dir}': {_os_reason(exc)}."
            ) from None

        backups = self._back_up(plan.edited) if plan.edited else []

        removed: list[str] = []
        try:
            for path in plan.write:
                _atomic_write(self.output_dir / path, self._files[path].data, path)
                state[path] = self._files[path].entry()
            for path in plan.remove:
                self._remove(path)
                state.pop(path, None)
                removed.append(path)
        except OutputError:
            self._save_state(state, plan.old_manifest)
            raise

        entries = [self._files[path].entry() for path in sorted(self._files)]
        if self.partial and plan.old_manifest:
            entries += [e for e in plan.old_manifest["files"] if e["path"] not in self._files]
            entries.sort(key=lambda e: e["path"])
        content = _manifest_bytes(entries, removed)
        manifest_path = self.output_dir / MANIFEST_NAME
        if self._read_existing(manifest_path, MANIFEST_NAME) != content:
            _atomic_write(manifest_path, content, MANIFEST_NAME)
        return WriteReport(
            written=list(plan.write),
            unchanged=list(plan.unchanged),
            removed=removed,
            backups=backups,
            manifest=json.loads(content.decode("utf-8")),
        )

    def _back_up(self, files: list[str]) -> list[str]:
        """Copy ``files`` to a fresh ``.backup/<timestamp>`` folder; their relative paths."""
        stamp = self._now().strftime("%Y%m%d-%H%M%S")
        root = self.output_dir / BACKUP_DIR
        try:
            root.mkdir(exist_ok=True)
            suffix = 1
            while True:
                name = stamp if suffix == 1 else f"{stamp}-{suffix}"
                folder = root / name
                try:
                    folder.mkdir()
                    break
                except FileExistsError:
                    suffix += 1
        except OSError as exc:
            raise OutputError(
                f"Không tạo được thư mục sao lưu trong '{root}': {_os_reason(exc)}."
            ) from None
        copies: list[str] = []
        for path in files:
            destination = folder / path
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(self.output_dir / path, destination)
            except OSError as exc:
                raise OutputError(
                    f"Không sao lưu được tệp '{path}' vào '{folder}': {_os_reason(exc)}. "
                    "Chưa có tệp nào bị ghi đè."
                ) from None
            copies.append(f"{BACKUP_DIR}/{name}/{path}")
        return copies

    def _remove(self, path: str) -> None:
        """Delete one file of the last build and the folders it leaves empty."""
        target = self._check_inside(path)
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(f"Không xóa được tệp cũ '{target}': {_os_reason(exc)}.") from None
        parts = path.split("/")[:-1]
        while parts:
            try:
                (self.output_dir.joinpath(*parts)).rmdir()
            except OSError:
                break
            parts.pop()

    def _save_state(self, state: dict[str, dict], old: dict | None) -> None:
        """Best effort: record in the manifest what is really on disk after a failure."""
        if old is None and not state:
            return
        try:
            _atomic_write(
                self.output_dir / MANIFEST_NAME, _manifest_bytes(list(state.values()), []),
                MANIFEST_NAME,
            )
        except OutputError:
            pass


def _creation_mode() -> int:
    """Permission bits a new file gets under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_NEW_FILE_MODE = _creation_mode()


def _atomic_write(target: Path, data: bytes, label: str) -> None:
    """Write ``data`` to ``target`` through a synced temporary file and ``os.replace``."""
    temp_name: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = _NEW_FILE_MODE
        with tempfile.NamedTemporaryFile(
            dir=target.parent, delete=False, prefix="." + target.name + ".", suffix=".tmp"
        ) as handle:
            temp_name = handle.name
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        raise OutputError(f"Không ghi được tệp '{label}' vào '{target.parent}': {_os_reason(exc)}.") from None
    finally:
        if temp_name is not None:
            try:
                os.unlink(temp_name)
            except OSError:
                pass
