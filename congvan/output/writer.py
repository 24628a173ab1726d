"""The one place that writes into an output folder.

:class:`OutputWriter` collects every file of a build in memory and writes
them in :meth:`OutputWriter.commit`, which

* never overwrites or removes a generated file that was edited by hand since
  the last build (nor a file the tool did not make), unless ``force`` is
  given, in which case the edited copy is first saved under
  ``<output>/.backup/<YYYYMMDD-HHMMSS>/``;
* leaves files whose content has not changed untouched (mtime preserved);
* switches the whole build in at once (:mod:`congvan.output.journal`): new
  files are staged and synced in one batch, a journal records the switch,
  then files are renamed into place, old ones removed and ``manifest.json``
  written; a build interrupted at any point is finished by the next writer;
* removes the files an earlier build made that are not produced any more;
* holds the output folder's lock (:mod:`congvan.output.lock`) while it
  recovers, plans and switches, so two builds never mix their files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from congvan.exceptions import EditedFilesError, OutputError
from congvan.output import journal
from congvan.output.atomic import atomic_write, read_existing
from congvan.output.backup import back_up
from congvan.output.lock import output_lock
from congvan.output.manifest import (BACKUP_DIR, MANIFEST_NAME, file_sha256, load_manifest,
                                     manifest_bytes, sha256_bytes)
from congvan.output.paths import (check_folder_name, check_portable, check_relative, fold_path,
                                  os_reason)

__all__ = ["OutputWriter", "WritePlan", "WriteReport"]

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
    inputs: str | None = None
    """Digest of what the file was made from, for incremental rebuilds (manifest ``inputs``)."""

    def entry(self) -> dict:
        entry = {"path": self.path, "kind": self.kind, "unit": self.unit, "sha256": self.sha256}
        if self.inputs is not None:
            entry["inputs"] = self.inputs
        return entry


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
        lock_wait: float | None = None,
    ):
        self.output_dir = Path(output_dir)
        self.force = force
        # A partial build (some units only) keeps what it does not produce.
        self.partial = partial
        # Seconds to wait for another build into the same folder (None: lock.lock_wait()).
        self.lock_wait = lock_wait
        self._now = now
        self._files: dict[str, _Pending] = {}
        self._folded: dict[str, str] = {}
        # Folded folder → one added path inside it: a later file may not take its name.
        self._folders: dict[str, str] = {}
        self._committed = False
        self._real: dict[Path, Path] = {}
        """Folders resolved by :meth:`_resolved`, for the current add or plan."""

    # -- collecting -----------------------------------------------------

    def add(self, path: str, data: bytes, kind: str, unit: str | None = None,
            inputs: str | None = None) -> None:
        """Queue ``data`` to be written at ``path`` (relative POSIX path); ``inputs``, the
        digest of what it was made from, goes into its manifest entry.

        Raises :class:`OutputError` for an unsafe path (absolute, ``..``,
        backslash, empty, reserved, or leading outside the folder, also through
        a symbolic link), a path added twice (ignoring case), a path that is
        also a folder of another added path, or data that is not bytes.
        """
        if self._committed:
            raise OutputError("Bộ ghi đã ghi xong; hãy tạo bộ ghi mới cho lần tạo tiếp theo.")
        check_relative(path)
        check_portable(path)
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise OutputError(
                f"Nội dung tệp đầu ra '{path}' phải là bytes, nhận được {type(data).__name__}."
            )
        if not isinstance(kind, str) or not kind:
            raise OutputError(f"Loại tài liệu của tệp đầu ra '{path}' phải là chuỗi không rỗng.")
        if unit is not None and not isinstance(unit, str):
            raise OutputError(f"Mã đơn vị của tệp đầu ra '{path}' phải là chuỗi hoặc None.")
        key = fold_path(path)
        if key in self._folded:
            other = self._folded[key]
            same = "" if other == path else f" (trùng với '{other}' khi không phân biệt hoa thường)"
            raise OutputError(f"Tệp đầu ra '{path}' được thêm hai lần{same}.")
        parts = key.split("/")
        folders = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
        for folder in folders:
            if folder in self._folded:
                raise OutputError(
                    f"Không thể tạo '{path}': '{self._folded[folder]}' đã là một tệp đầu ra."
                )
        if key in self._folders:
            raise OutputError(
                f"Không thể tạo '{path}': đã có tệp đầu ra '{self._folders[key]}' bên trong.")
        self._check_inside(path)
        data = bytes(data)
        self._files[path] = _Pending(path, data, kind, unit, sha256_bytes(data), inputs)
        self._folded[key] = path
        for folder in folders:
            self._folders.setdefault(folder, path)

    @property
    def paths(self) -> list[str]:
        """Paths added so far, sorted."""
        return sorted(self._files)

    def _check_inside(self, path: str) -> Path:
        """``output_dir / path``, refusing one that resolves outside the folder."""
        target = self.output_dir / path
        try:
            root = self._resolved(self.output_dir)
            resolved = self._resolved(target.parent) / target.name
            if os.path.islink(resolved):
                resolved = resolved.resolve()
        except (OSError, RuntimeError) as exc:
            raise OutputError(
                f"Không xác định được vị trí của '{path}' trong '{self.output_dir}': "
                f"{os_reason(exc)}."
            ) from None
        if resolved == root or not resolved.is_relative_to(root):
            raise OutputError(
                f"Đường dẫn tệp đầu ra '{path}' trỏ ra ngoài thư mục đầu ra "
                f"'{self.output_dir}' (qua liên kết tượng trưng)."
            )
        return target

    def _resolved(self, folder: Path) -> Path:
        """``folder`` resolved, once per folder and check (a thousand letters share one):
        the real path of ``folder/name`` is that of ``folder`` plus ``name`` unless ``name``
        is itself a link, which :meth:`_check_inside` follows."""
        if folder not in self._real:
            self._real[folder] = folder.resolve()
        return self._real[folder]

    # -- planning -------------------------------------------------------

    def plan(self) -> WritePlan:
        """Compare the queued files with the output folder, without writing anything.

        Raises :class:`OutputError` if the old manifest is damaged or a path
        cannot be used (outside the folder, a folder where a file should be).
        """
        self.check_folder()
        if not self.output_dir.is_dir():
            return self._plan()[0]
        with output_lock(self.output_dir, self.lock_wait):
            self._recover()
            return self._plan()[0]

    def check_folder(self) -> None:
        """Refuse an output folder that cannot be used (a file, a name too long), before any
        work is done for it."""
        check_folder_name(self.output_dir)
        try:
            if self.output_dir.exists() and not self.output_dir.is_dir():
                raise OutputError(f"'{self.output_dir}' đã tồn tại nhưng không phải thư mục.")
        except OSError as exc:
            raise OutputError(
                f"Không dùng được thư mục đầu ra '{self.output_dir}': {os_reason(exc)}."
            ) from None

    def _recover(self) -> None:
        """Finish what an interrupted build left (the lock is held)."""
        try:
            old = load_manifest(self.output_dir)
        except OutputError:
            old = None  # reported by _plan, unless the journal replaces it
        journal.recover(self.output_dir, [e["path"] for e in old["files"]] if old else [])

    def _plan(self) -> tuple[WritePlan, dict[str, str | None]]:
        """The plan, and the digest of what each file to write holds now (``None``: absent)."""
        self._real.clear()  # the folder may have changed since the files were added
        old = load_manifest(self.output_dir)
        old_sha = {e["path"]: e["sha256"] for e in old["files"]} if old else {}
        write: list[str] = []
        unchanged: list[str] = []
        remove: list[str] = []
        edited: list[str] = []
        before: dict[str, str | None] = {}
        for path in sorted(self._files):
            pending = self._files[path]
            target = self._check_inside(path)
            self._check_parents(path)
            if target.is_dir():
                raise OutputError(
                    f"Không thể ghi '{path}': trong '{self.output_dir}' đã có thư mục cùng tên."
                )
            current = read_existing(target)
            if current is None:
                write.append(path)
                before[path] = None
            elif current == pending.data:
                unchanged.append(path)
            else:
                write.append(path)
                before[path] = sha256_bytes(current)
                if old_sha.get(path) != before[path]:
                    edited.append(path)
        for path in sorted(set(old_sha) - set(self._files)):
            if self.partial:
                continue
            target = self._check_inside(path)
            if not target.is_file() or self._is_new_file(path, target):
                continue
            remove.append(path)
            try:
                digest = file_sha256(target)
            except OSError as exc:
                raise OutputError(f"Không đọc được tệp '{target}': {os_reason(exc)}.") from None
            before[path] = digest
            if digest != old_sha[path]:
                edited.append(path)
        return WritePlan(write, unchanged, remove, sorted(edited), old), before

    def pending_edits(self) -> list[str]:
        """Files edited by hand (or not made by this tool) that the commit would
        overwrite or remove: what blocks it without ``force`` and what gets
        backed up with it. Writes nothing."""
        return self.plan().edited

    def _is_new_file(self, old_path: str, target: Path) -> bool:
        """Whether an old path differing only in case is, on this file system,
        the very file a new path writes (so it must not be removed)."""
        new_path = self._folded.get(fold_path(old_path))
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
        """Check everything, then switch the build in; see the module docstring.

        Raises :class:`EditedFilesError` (writing nothing at all) when files
        edited by hand would be overwritten or removed and ``force`` is off,
        and :class:`OutputError` for any other problem, another build holding
        the folder included. If writing fails or the process dies midway, the
        folder keeps the last build whole, or the journal lets the next writer
        finish this one: no file of ours is ever taken for a hand edit.
        """
        if self._committed:
            raise OutputError("Bộ ghi đã ghi xong; hãy tạo bộ ghi mới cho lần tạo tiếp theo.")
        self.check_folder()
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"Không tạo được thư mục đầu ra '{self.output_dir}': {os_reason(exc)}."
            ) from None
        with output_lock(self.output_dir, self.lock_wait):
            self._recover()
            return self._commit_locked()

    def _commit_locked(self) -> WriteReport:
        plan, before = self._plan()
        if plan.edited and not self.force:
            raise self._edited_error(plan.edited)
        self._committed = True
        backups = back_up(self.output_dir, plan.edited, self._now()) if plan.edited else []

        entries = [self._files[path].entry() for path in sorted(self._files)]
        if self.partial and plan.old_manifest:
            entries += [e for e in plan.old_manifest["files"] if e["path"] not in self._files]
            entries.sort(key=lambda e: e["path"])
        if plan.write or plan.remove:
            staged = journal.stage(self.output_dir, [
                (path, self._files[path].data, journal.mode_for(self.output_dir / path))
                for path in plan.write])
            pending = {
                "manifest": {"files": entries},
                "writes": [{"path": path, "staged": name, "before": before[path],
                            "sha256": self._files[path].sha256}
                           for path, name in zip(plan.write, staged)],
                "removes": [{"path": path, "sha256": before[path]} for path in plan.remove],
            }
            journal.write_journal(self.output_dir, pending)
            removed = journal.switch(self.output_dir, pending)
            content = read_existing(self.output_dir / MANIFEST_NAME)
        else:
            removed = []
            content = manifest_bytes(entries, removed)
            manifest_path = self.output_dir / MANIFEST_NAME
            if read_existing(manifest_path) != content:
                atomic_write(manifest_path, content, MANIFEST_NAME)
        return WriteReport(
            written=list(plan.write),
            unchanged=list(plan.unchanged),
            removed=removed,
            backups=backups,
            manifest=json.loads(content.decode("utf-8")),
        )
