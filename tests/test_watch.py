"""``watch``: build, rebuild on each save of the data file, report errors and keep going."""
from __future__ import annotations

import os
import re
import shutil
import threading
import time
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from congvan.watch import ChangeFilter, build_once, is_template_name, watch

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
TIMEOUT = 20.0
LINE = re.compile(r"^\[\d\d:\d\d:\d\d\] ")
FIRST = re.compile(LINE.pattern + r"Đã tạo: Đã ghi 3 tệp, giữ nguyên 0 tệp, xóa 0 tệp$")
REBUILT = re.compile(LINE.pattern + r"Đã tạo lại: Đã ghi [1-9]\d* tệp, giữ nguyên \d+ tệp, xóa 0 tệp$")


def _wait_for(predicate, what: str, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def _save(path: Path, text: str) -> None:
    """Save as editors do, atomically: the watcher never sees a half-written file."""
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def _text(path: Path) -> str:
    """Every paragraph of the body, tables included (the subject sits in the header table)."""
    body = docx.Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


class _Watcher:
    """``watch`` running in a thread, its echoed lines collected."""

    def __init__(self, data: Path, out: Path, **kwargs):
        self.lines: list[str] = []
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(data, out), kwargs=kwargs,
                                       daemon=True)

    def _run(self, data, out, **kwargs):
        try:
            watch(data, out, echo=self.lines.append, build_kwargs={}, stop_event=self.stop,
                  debounce_ms=100, **kwargs)
        except BaseException as exc:  # surfaced by the test, not lost in the thread
            self.errors.append(exc)

    def wait_lines(self, count: int, what: str) -> str:
        _wait_for(lambda: len(self.lines) >= count or self.errors, what)
        assert not self.errors, self.errors
        return self.lines[count - 1]


@pytest.fixture
def watched(tmp_path):
    """The minimal data in its own folder, built with a private copy of the templates
    (so that nobody else touching templates/ can trigger a rebuild here)."""
    data = tmp_path / "data" / "cong-van.yaml"
    data.parent.mkdir()
    shutil.copy(FIXTURES / "valid-minimal.yaml", data)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    out = tmp_path / "output"
    watcher = _Watcher(data, out, templates_dir=templates)
    watcher.thread.start()
    yield data, out, watcher
    watcher.stop.set()
    watcher.thread.join(TIMEOUT)


def test_rebuilds_on_save_reports_errors_and_stops(watched):
    data, out, watcher = watched
    dispatch = out / "cong-van.docx"

    first = watcher.wait_lines(1, "the first build")
    assert FIRST.match(first), first  # the dispatch and two letters
    assert "V/v thử" in _text(dispatch)

    _save(data, data.read_text(encoding="utf-8").replace("V/v thử", "V/v chủ đề mới"))
    second = watcher.wait_lines(2, "the rebuild after a save")
    assert REBUILT.match(second), second
    assert "V/v chủ đề mới" in _text(dispatch)

    before = dispatch.read_bytes()
    _save(data, "document: [unclosed\n")
    error = watcher.wait_lines(3, "the error report")
    assert LINE.match(error) and "] Lỗi: " in error, error
    assert "cong-van.yaml" in error
    time.sleep(0.3)
    assert watcher.thread.is_alive(), "an error must not end the watch"
    assert dispatch.read_bytes() == before, "bad data must not touch the output"

    _save(data, (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8"))
    fixed = watcher.wait_lines(4, "the rebuild after the fix")
    assert REBUILT.match(fixed), fixed
    assert "V/v thử" in _text(dispatch)

    watcher.stop.set()
    watcher.thread.join(TIMEOUT)
    assert not watcher.thread.is_alive(), "watch must return once stop_event is set"
    assert not watcher.errors


def test_hand_edited_output_is_reported_not_overwritten(watched):
    data, out, watcher = watched
    watcher.wait_lines(1, "the first build")
    edited = out / "cong-van.docx"
    edited.write_bytes(edited.read_bytes() + b"edited in Word")
    _save(data, data.read_text(encoding="utf-8").replace("V/v thử", "V/v khác"))
    error = watcher.wait_lines(2, "the report of the hand-edited file")
    assert LINE.match(error) and "] Lỗi: " in error and "cong-van.docx" in error, error
    assert "--force" in error
    assert edited.read_bytes().endswith(b"edited in Word")
    assert watcher.thread.is_alive()


def test_other_files_beside_the_data_do_not_rebuild(watched):
    data, out, watcher = watched
    watcher.wait_lines(1, "the first build")
    (data.parent / "notes.txt").write_text("x", encoding="utf-8")
    (data.parent / "~$cong-van.docx").write_bytes(b"lock")
    time.sleep(1.0)
    assert len(watcher.lines) == 1, watcher.lines


def test_a_saved_template_rebuilds(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    data = tmp_path / "data.yaml"
    shutil.copy(FIXTURES / "valid-minimal.yaml", data)
    watcher = _Watcher(data, tmp_path / "output", templates_dir=templates)
    watcher.thread.start()
    try:
        assert FIRST.match(watcher.wait_lines(1, "the first build"))
        (templates / "~$thu-don-vi.docx").write_bytes(b"Word lock file")
        _save(templates / "thu-don-vi.docx", "not a zip")
        error = watcher.wait_lines(2, "the report of the damaged template")
        assert "Lỗi:" in error and "thu-don-vi.docx" in error, error
        assert len(watcher.lines) == 2, watcher.lines
    finally:
        watcher.stop.set()
        watcher.thread.join(TIMEOUT)
    assert not watcher.thread.is_alive()


def test_change_filter(tmp_path):
    keep = ChangeFilter(tmp_path / "d.yaml", tmp_path / "tpl")
    assert keep(None, str(tmp_path / "d.yaml"))
    assert keep(None, str(tmp_path / "tpl" / "thu-don-vi.docx"))
    assert not keep(None, str(tmp_path / "other.yaml"))
    assert not keep(None, str(tmp_path / "tpl" / "~$thu-don-vi.docx"))
    assert not keep(None, str(tmp_path / "tpl" / "sub" / "thu-don-vi.docx"))
    assert not keep(None, str(tmp_path / "d.yaml.swp"))
    assert [is_template_name(n) for n in ("a.docx", "A.DOCX", ".~lock.a.docx#", "~$a.docx",
                                         ".a.docx.123.tmp", "a.docx~")] == [
        True, True, False, False, False, False]


def test_one_report_per_build_with_the_warnings(tmp_path):
    data = tmp_path / "data.yaml"
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    data.write_text(text.replace(
        "  - {id: noi-vu,", "  - {id: nhan-roi, name: Phòng Nhàn Rỗi, short: Phòng NR}\n"
        "  - {id: noi-vu,"), encoding="utf-8")
    line = build_once(data, tmp_path / "out", {"templates_dir": TEMPLATES}, first=True)
    first, *warnings = line.split("\n")
    assert FIRST.match(first), line
    assert warnings and all(w.startswith("  ") for w in warnings), line
    assert any("cảnh báo" in w and "Phòng NR" in w for w in warnings), line
    data.write_text("document: [", encoding="utf-8")
    line = build_once(data, tmp_path / "out", {"templates_dir": TEMPLATES}, first=False)
    assert LINE.match(line) and "] Lỗi: " in line and "data.yaml" in line, line


def test_a_session_keeps_no_build_frozen_for_the_collector(tmp_path):
    """Loading freezes its data for the cyclic collector; the watch hands it back after each
    build, so that what a long session dropped is not kept."""
    import gc

    data = tmp_path / "data.yaml"
    shutil.copyfile(FIXTURES / "valid-minimal.yaml", data)
    gc.unfreeze()
    for first in (True, False):
        build_once(data, tmp_path / "out", {"templates_dir": TEMPLATES}, first=first)
        assert gc.get_freeze_count() == 0


def test_an_error_line_reads_as_the_cli_shows_errors(tmp_path):
    """The watch says "Lỗi: Dữ liệu có …" as `congvan build` does, the located lines unchanged."""
    missing = tmp_path / "khong-co.yaml"
    line = build_once(missing, tmp_path / "out", {}, first=True)
    head, located = line.splitlines()
    assert LINE.match(head) and head.endswith("] Lỗi: Dữ liệu có 1 lỗi, chưa tạo tệp nào:"), line
    assert located.startswith(f"{missing}: lỗi: không tìm thấy tệp dữ liệu"), line


def test_the_folder_is_locked_only_while_a_build_runs(watched, monkeypatch):
    import congvan
    from congvan.output.lock import output_lock

    data, out, watcher = watched
    watcher.wait_lines(1, "the first build")
    # Between builds the watch holds nothing: a build from another terminal goes through.
    report = congvan.build(congvan.load(data), out)
    assert report.written == [] and len(report.unchanged) == 3
    # While another build holds the folder, the watch's build waits, then says who holds it.
    monkeypatch.setenv("CONGVAN_LOCK_WAIT", "0.2")
    with output_lock(out, wait=0):
        _save(data, data.read_text(encoding="utf-8").replace("V/v thử", "V/v khác"))
        error = watcher.wait_lines(2, "the report of the locked folder")
    assert LINE.match(error) and f"] Lỗi: Thư mục đầu ra '{out}' đang được tiến trình {os.getpid()}" \
        in error, error
    assert "V/v thử" in _text(out / "cong-van.docx")
    _save(data, data.read_text(encoding="utf-8").replace("V/v khác", "V/v khác nữa"))
    assert REBUILT.match(watcher.wait_lines(3, "the rebuild once the folder is free"))
    assert "V/v khác nữa" in _text(out / "cong-van.docx")
