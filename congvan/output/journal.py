"""Switching a build in all at once, and finishing a switch that was interrupted.

A build never writes its files straight into place. :func:`stage` writes every
new file into ``.congvan-staging/`` inside the output folder, one sync makes
them all durable, and only then the journal (``.congvan-journal.json``) records
the switch: which staged file goes where, which old files go away, and the
manifest that describes the result. :func:`switch` then renames, removes,
writes ``manifest.json`` and deletes the journal.

Whatever stops a build (a kill, a power cut, a full disk), the folder is in one
of two states that the next writer understands: no journal, so the old files
and the old manifest still agree and the staged files are thrown away; or a
journal, so :func:`recover` finishes the switch. Either way every file on disk
agrees with ``manifest.json`` afterwards and no file of ours is taken for a
hand edit. A file a person changed after the journal was written is never
overwritten: it keeps its place and stays recorded as edited.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from congvan.exceptions import OutputError
from congvan.output.atomic import NEW_FILE_MODE, atomic_write, read_existing
from congvan.output.manifest import GENERATOR, MANIFEST_NAME, file_sha256, manifest_bytes
from congvan.output.paths import JOURNAL_NAME, STAGING_DIR, check_relative, os_reason

JOURNAL_VERSION = 1
_TEMP_RE = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")
"""Temporary files of :func:`atomic_write` (``.<name>.<8 random characters>.tmp``)."""


def sync_all(paths: list[Path]) -> None:
    """Make written files durable with one ``sync`` for the whole batch (``fsync`` each
    file where the system has no ``sync``)."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def stage(output_dir: Path, files: list[tuple[str, bytes, int]]) -> list[str]:
    """Write each ``(path, data, mode)`` into the staging folder; the staged names, in order."""
    staging = output_dir / STAGING_DIR
    _discard_staging(output_dir)
    names: list[str] = []
    written: list[Path] = []
    try:
        staging.mkdir()
        for number, (path, data, mode) in enumerate(files):
            name = f"{number}.tmp"
            target = staging / name
            with open(target, "xb") as handle:
                handle.write(data)
                if hasattr(os, "fchmod"):
                    os.fchmod(handle.fileno(), mode)
            names.append(name)
            written.append(target)
        sync_all(written)
    except OSError as exc:
        _discard_staging(output_dir)
        path = files[len(names)][0] if len(names) < len(files) else ""
        raise OutputError(
            f"Không ghi được tệp '{path}' vào '{output_dir}': {os_reason(exc)}. "
            "Chưa tệp nào trong thư mục đầu ra bị thay đổi."
        ) from None
    return names


def write_journal(output_dir: Path, journal: dict) -> None:
    data = (json.dumps({"generator": GENERATOR, "version": JOURNAL_VERSION, **journal},
                       ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    try:
        atomic_write(output_dir / JOURNAL_NAME, data, JOURNAL_NAME)
    except OutputError:
        _discard_staging(output_dir)
        raise


def mode_for(target: Path) -> int:
    """Permission bits for a new version of ``target``: the old file's, else the default."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return NEW_FILE_MODE


def _digest(target: Path) -> str | None:
    try:
        return file_sha256(target)
    except FileNotFoundError:
        return None


def switch(output_dir: Path, journal: dict) -> list[str]:
    """Carry out a journal: rename the staged files into place, remove the old files,
    write the manifest, delete the journal. The paths really removed (sorted)."""
    staging = output_dir / STAGING_DIR
    manifest = journal["manifest"]
    entries = {entry["path"]: dict(entry) for entry in manifest["files"]}
    try:
        for item in journal["writes"]:
            path = check_relative(item["path"])
            staged, target = staging / item["staged"], output_dir / path
            if not staged.exists():
                continue  # renamed before the interruption
            current = _digest(target)
            if current in (item["before"], item["sha256"]):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, target)
                continue
            # Changed by a person since the journal was written: keep their file.
            staged.unlink()
            if item["before"] is None:
                entries.pop(path, None)
            else:
                entries[path]["sha256"] = item["before"]
        removed = []
        for item in journal["removes"]:
            path = check_relative(item["path"])
            target = output_dir / path
            if _digest(target) == item["sha256"]:
                target.unlink()
                _prune(output_dir, path)
            if not target.exists():
                removed.append(path)
        content = manifest_bytes(list(entries.values()), sorted(removed))
        if read_existing(output_dir / MANIFEST_NAME) != content:
            atomic_write(output_dir / MANIFEST_NAME, content, MANIFEST_NAME)
        sync_all([])
        (output_dir / JOURNAL_NAME).unlink()
    except OSError as exc:
        raise OutputError(
            f"Không hoàn tất được việc ghi vào '{output_dir}': {os_reason(exc)}. "
            "Các tệp đã ghi vẫn nguyên vẹn; lần tạo sau sẽ tự ghi nốt."
        ) from None
    _discard_staging(output_dir)
    return sorted(removed)


def recover(output_dir: Path, manifest_paths: list[str]) -> None:
    """Finish (or throw away) what an interrupted build left, then remove its temporary files.

    ``manifest_paths`` are the paths of the manifest on disk: the folders they lie
    in are where an older version's temporary files may be.
    """
    journal = _read_journal(output_dir)
    if journal is not None:
        switch(output_dir, journal)
        manifest_paths = [e["path"] for e in journal["manifest"]["files"]]
    else:
        (output_dir / JOURNAL_NAME).unlink(missing_ok=True)
        _discard_staging(output_dir)
    folders = {output_dir} | {(output_dir / p).parent for p in manifest_paths}
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            match = _TEMP_RE.match(name)
            if match and (match["name"].lower().endswith(".docx")
                          or match["name"] in (MANIFEST_NAME, JOURNAL_NAME)):
                try:
                    (folder / name).unlink()
                except OSError:
                    pass


def pending_manifest(output_dir: Path) -> dict | None:
    """The manifest an interrupted build was switching to, or ``None``."""
    journal = _read_journal(output_dir)
    return journal["manifest"] if journal else None


def _read_journal(output_dir: Path) -> dict | None:
    """The journal, or ``None`` when there is none or it was never finished (a build
    stopped while writing it had not switched anything yet)."""
    raw = read_existing(output_dir / JOURNAL_NAME)
    if raw is None:
        return None
    try:
        journal = json.loads(raw.decode("utf-8"))
        files = journal["manifest"]["files"]
        ok = (journal["generator"] == GENERATOR and journal["version"] == JOURNAL_VERSION
              and all(isinstance(e["path"], str) and isinstance(e["sha256"], str) for e in files)
              and all({"path", "staged", "before", "sha256"} <= set(w) for w in journal["writes"])
              and all({"path", "sha256"} <= set(r) for r in journal["removes"]))
    except (ValueError, UnicodeDecodeError, KeyError, TypeError):
        return None
    return journal if ok else None


def _prune(output_dir: Path, path: str) -> None:
    """Remove the folders a removed file leaves empty."""
    parts = path.split("/")[:-1]
    while parts:
        try:
            output_dir.joinpath(*parts).rmdir()
        except OSError:
            break
        parts.pop()


def _discard_staging(output_dir: Path) -> None:
    staging = output_dir / STAGING_DIR
    try:
        if staging.is_symlink() or staging.is_file():
            staging.unlink()
        elif staging.exists():
            shutil.rmtree(staging)
    except OSError as exc:
        raise OutputError(
            f"Không xóa được thư mục tạm '{staging}': {os_reason(exc)}."
        ) from None
