"""Real processes killed while they write, and two builds into one folder at once.

Every test runs ``python -m congvan build`` as a subprocess on generated data large
enough for the worker pool (the pool threshold is lowered through its environment
variable), kills or races it, then checks the folder as a user would find it: the
next build of other data succeeds without --force, every file agrees with the
manifest, nothing temporary is left, and a real hand edit is still refused.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from congvan.builder.pool import default_workers
from congvan.output.manifest import file_sha256, load_manifest
from helpers import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import gen_large  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="signals and /proc as on Linux")

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "CONGVAN_PARALLEL_THRESHOLD": "1",
       "CONGVAN_LOCK_WAIT": "120"}


@pytest.fixture(scope="module")
def datasets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    return [gen_large.write(folder / f"data-{seed}.yaml",
                            gen_large.make_data(units=60, tasks=240, seed=seed))
            for seed in (1, 2, 3)]


def start(data: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "congvan", "build", str(data), "-o", str(out),
                             *extra], env=ENV, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run(data: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "congvan", "build", str(data), "-o", str(out),
                           *extra], env=ENV, cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def assert_consistent(out: Path) -> dict:
    """Every file of the manifest is on disk with its digest, every document on disk is in
    it, and nothing of an unfinished build is left."""
    manifest = load_manifest(out)
    listed = {e["path"]: e["sha256"] for e in manifest["files"]}
    for path, digest in listed.items():
        assert file_sha256(out / path) == digest, path
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == set(listed) | {"manifest.json"}
    return manifest


def children(pid: int) -> set[int]:
    """Every live descendant of ``pid``."""
    found, stack = set(), [pid]
    while stack:
        parent = stack.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for kid in map(int, kids):
                if kid not in found:
                    found.add(kid)
                    stack.append(kid)
    return found


def alive(pids: set[int]) -> set[int]:
    """The pids that still run (a zombie has finished)."""
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


def wait_gone(pids: set[int], seconds: float = 30) -> set[int]:
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive(pids)


def kill_when(proc: subprocess.Popen, out: Path, marker: str, delay: float) -> str:
    """SIGKILL ``proc`` ``delay`` seconds after ``marker`` appears in ``out`` (stopped
    first, so that it dies exactly there); what the folder held at that moment."""
    while proc.poll() is None:
        if (out / marker).exists():
            time.sleep(delay)
            proc.send_signal(signal.SIGSTOP)
            state = sorted(p.name for p in out.iterdir() if p.name.startswith(".congvan"))
            proc.kill()
            proc.wait()
            return " ".join(state) or "nothing pending"
    proc.communicate()
    return "finished before the kill"


@pytest.mark.parametrize("marker, delay", [
    (".congvan-lock", 0), (".congvan-staging", 0), (".congvan-staging/40.tmp", 0),
    (".congvan-journal.json", 0), (".congvan-journal.json", 0.002), (".congvan-journal.json", 0.01),
])
def test_a_build_killed_while_writing_leaves_a_folder_the_next_build_takes(
        datasets, tmp_path, marker, delay):
    first, second, third = datasets
    out = tmp_path / "out"
    assert run(first, out).returncode == 0
    state = kill_when(start(second, out), out, marker, delay)
    print("killed", delay, "s after", marker, "with", state)
    result = run(third, out)
    assert result.returncode == 0, result.stderr
    assert "sửa tay" not in result.stderr
    manifest = assert_consistent(out)
    assert {e["unit"] for e in manifest["files"] if e["kind"] == "unit-letter"}
    # A real hand edit is still refused, and names only that file.
    letter = sorted(p for p in (out / "don-vi").iterdir())[0]
    letter.write_bytes(b"sua tay")
    refused = run(first, out)
    assert refused.returncode == 1
    listed = [line.strip() for line in refused.stderr.splitlines() if line.startswith("  ")]
    assert "sửa tay" in refused.stderr and listed == [f"don-vi/{letter.name}"]


@pytest.mark.skipif(default_workers() < 2, reason="one core: letters are rendered in-process")
def test_killing_a_parallel_build_leaves_no_process(datasets, tmp_path):
    for sig in (signal.SIGKILL, signal.SIGTERM):
        out = tmp_path / sig.name
        proc = start(datasets[0], out)
        workers: set[int] = set()
        while proc.poll() is None and not workers:
            workers = children(proc.pid)
        assert workers, "the build finished before it started its workers"
        time.sleep(0.1)
        workers |= children(proc.pid)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        assert wait_gone(workers) == set()
        if sig == signal.SIGTERM:
            assert proc.returncode == 1 and "Traceback" not in err
        else:
            assert proc.returncode == -signal.SIGKILL
        assert run(datasets[1], out).returncode == 0
        assert_consistent(out)


def test_two_builds_into_one_folder_never_mix(datasets, tmp_path):
    out = tmp_path / "out"
    for round_ in range(4):
        a, b = datasets[round_ % 2], datasets[2 - round_ % 2]
        procs = [start(a, out), start(b, out)]
        results = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], results
        manifest = assert_consistent(out)
        # The folder holds one build entirely: the manifest's letters are all of one data set.
        letters = {e["path"] for e in manifest["files"] if e["kind"] == "unit-letter"}
        assert letters == {p.relative_to(out).as_posix() for p in (out / "don-vi").iterdir()}


def test_a_second_build_waits_then_names_the_first(datasets, tmp_path):
    from congvan.exceptions import OutputError
    from congvan.output.lock import output_lock
    from congvan.output.writer import OutputWriter

    out = tmp_path / "out"
    out.mkdir()
    with output_lock(out, wait=0):
        writer = OutputWriter(out, lock_wait=0.2)
        writer.add("a.docx", b"x", kind="dispatch")
        with pytest.raises(OutputError) as caught:
            writer.commit()
        message = str(caught.value)
        assert f"tiến trình {os.getpid()}" in message and "đã chờ 0.2 giây" in message
        assert not (out / "a.docx").exists()
        # The CLI says the same, with the other process's pid.
        other = subprocess.run(
            [sys.executable, "-m", "congvan", "build", str(datasets[0]), "-o", str(out)],
            env={**ENV, "CONGVAN_LOCK_WAIT": "0.3"}, cwd=ROOT, capture_output=True, text=True)
        assert other.returncode == 1
        assert f"đang được tiến trình {os.getpid()}" in other.stderr
    assert writer.commit().written == ["a.docx"]
    assert not (out / ".congvan-lock").exists()
