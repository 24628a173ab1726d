"""Letters rendered by worker processes are the serial letters: same bytes, same order."""
from __future__ import annotations

import multiprocessing
import os
import pickle
from datetime import date
from pathlib import Path

import pytest
import yaml

import congvan
from helpers import SAMPLE
from congvan import TemplateError
from congvan.builder import pool as parallel
from congvan.builder.pipeline import render_documents
from congvan.builder.templates import default_templates_dir
from congvan.vn.deadlines import NO_DEADLINE, Deadline
from congvan.builder.letters import LetterRenderer
from congvan.builder.pool import render_letters_parallel
from congvan.builder.rendered import RenderedFile
from congvan.data.units import assignments

def synthetic(tmp_path: Path, count: int) -> congvan.data.model.Data:
    """The sample's document and units (which get no task) and ``count`` communes, each
    with 5 tasks (1 lead, 4 coordinated)."""
    raw = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    ids = [f"xa-{n:04d}" for n in range(count)]
    raw["units"] += [{"id": uid, "name": f"Ủy ban nhân dân xã Thử {n}",
                      "short": f"UBND xã Thử {n}", "kind": "commune"}
                     for n, uid in enumerate(ids)]
    indicators = [{"name": f"Chỉ số {n}", "lead": [uid],
                   "support": [ids[(n + k) % count] for k in range(1, 5)],
                   "task": f"Thực hiện chỉ số {n} trước ngày {n % 28 + 1}/9/2023."}
                  for n, uid in enumerate(ids)]
    raw["appendix"] = {"title": "Phân công",
                       "sections": [{"title": "CHỈ SỐ", "indicators": indicators}]}
    path = tmp_path / "synthetic.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return congvan.load(path)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return synthetic(tmp_path_factory.mktemp("parallel"), 12)


@pytest.fixture(scope="module")
def serial(data):
    return [d for d in render_documents(data) if d.kind == "unit-letter"]


def test_data_survives_pickling(data, sample):
    for value in (data, sample):
        assert pickle.loads(pickle.dumps(value)) == value
    deadlines = [Deadline("date", date(2023, 9, 15), "trước ngày 15/9/2023"),
                 Deadline("date", date(2023, 12, 31), "trong quý III và quý IV/2023",
                          date(2023, 7, 1)),
                 Deadline("recurring", phrase="thường xuyên"), NO_DEADLINE]
    copies = pickle.loads(pickle.dumps(deadlines))
    assert copies == deadlines
    assert [c.label() for c in copies] == [d.label() for d in deadlines]


def test_workers_give_the_serial_bytes_in_the_serial_order(data, serial):
    docs = render_letters_parallel(data, list(data.units), default_templates_dir(), workers=2,
                                   threshold=0)
    assert [d.unit for d in docs] == [d.unit for d in serial]
    assert docs == serial  # path, kind, unit and bytes
    assert "vhtt" in data.units and "vhtt" not in [d.unit for d in docs]  # no task, no letter


def test_the_order_is_the_callers(data, serial):
    wanted = [d.unit for d in serial][::-1][:7]
    docs = render_letters_parallel(data, wanted, default_templates_dir(), workers=2, threshold=0)
    by_unit = {d.unit: d for d in serial}
    assert docs == [by_unit[u] for u in wanted]


def test_one_worker_or_a_small_batch_stays_in_process(data, serial, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("no process pool for a small batch")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    ids = list(data.units)
    assert render_letters_parallel(data, ids, default_templates_dir()) == serial
    assert render_letters_parallel(data, ids, default_templates_dir(), workers=1,
                                   threshold=0) == serial
    assert render_letters_parallel(data, [], default_templates_dir(), threshold=0) == []


@pytest.mark.parametrize("pool", ["forked", "in process", "broken"])
def test_work_alongside_runs_once_here_and_comes_first(data, serial, monkeypatch, pool):
    """The document is rendered in this process while the workers take the first letters:
    once, whatever path the letters take, and first in the result."""
    here, runs = os.getpid(), []
    marker = RenderedFile("cong-van.docx", "dispatch", None, b"document")

    def alongside():
        runs.append(os.getpid())
        return [marker]

    if pool == "broken":
        monkeypatch.setattr(parallel, "ProcessPoolExecutor",
                            lambda *a, **k: (_ for _ in ()).throw(PermissionError("no pool")))
    docs = render_letters_parallel(data, list(data.units), default_templates_dir(), workers=2,
                                   threshold=10**6 if pool == "in process" else 0,
                                   alongside=alongside)
    assert runs == [here]
    assert docs == [marker, *serial]


def test_without_a_usable_pool_the_letters_are_rendered_serially(data, serial, monkeypatch):
    def broken(*args, **kwargs):
        raise PermissionError("no semaphores here")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", broken)
    docs = render_letters_parallel(data, list(data.units), default_templates_dir(), workers=2,
                                   threshold=0)
    assert docs == serial


def letter_template(folder: Path, text: str) -> Path:
    """A letter template whose body is ``text``."""
    docx = pytest.importorskip("docx")
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(folder / "thu-don-vi.docx"))
    return folder


def test_a_template_error_in_a_worker_reaches_the_caller(data, tmp_path):
    """The template compiles, but the first letter (a worker's) lacks a variable."""
    first = data.units[next(iter(assignments(data)))].name
    templates = letter_template(
        tmp_path / "templates",
        f'{{% if letter.unit_name == "{first}" %}}{{{{ letter.khong_co }}}}{{% endif %}}')
    with pytest.raises(TemplateError) as caught:
        render_letters_parallel(data, list(data.units), templates, workers=2, threshold=0)
    assert "khong_co" in str(caught.value)


def test_a_template_error_here_stops_the_workers(data, tmp_path):
    templates = letter_template(tmp_path / "templates", "{{ letter.khong_co }}")
    with pytest.raises(TemplateError) as caught:
        render_letters_parallel(data, list(data.units), templates, workers=2, threshold=0)
    assert "khong_co" in str(caught.value)


def test_a_broken_template_fails_before_any_worker_starts(data, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "thu-don-vi.docx").write_bytes(b"not a zip")
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", None)
    with pytest.raises(TemplateError):
        render_letters_parallel(data, list(data.units), templates, workers=2, threshold=0)


def test_above_the_threshold_the_pool_is_used(tmp_path, monkeypatch):
    data = synthetic(tmp_path, parallel.PARALLEL_THRESHOLD + 10)
    expected = LetterRenderer(data, default_templates_dir())
    expected = expected.render_many(expected.wanted(data.units))
    used = []
    real = parallel._render_in_pool

    def spy(renderer, ids, workers, method, first):
        used.append((len(ids), workers, method))
        return real(renderer, ids, workers, method, first)

    monkeypatch.setattr(parallel, "_render_in_pool", spy)
    monkeypatch.setattr(parallel, "start_method", lambda: "fork")
    docs = render_letters_parallel(data, list(data.units), default_templates_dir(), workers=2)
    assert used == [(parallel.PARALLEL_THRESHOLD + 10, 2, "fork")]
    assert docs == expected
    # workers that must import everything first are only worth it for bigger batches
    monkeypatch.setattr(parallel, "start_method", lambda: parallel.SAFE_START_METHOD)
    assert render_letters_parallel(data, list(data.units), default_templates_dir(),
                                   workers=2) == expected
    assert len(used) == 1


def test_never_forks_while_other_threads_run(monkeypatch):
    monkeypatch.setattr(parallel, "_single_threaded", lambda: False)
    assert parallel.start_method() in ("forkserver", "spawn")
    monkeypatch.setattr(parallel, "_single_threaded", lambda: True)
    assert parallel.start_method() in ("fork", "forkserver", "spawn")


def test_forking_is_refused_while_a_thread_runs():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel._single_threaded()
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_every_start_method_gives_the_same_bytes(data, serial, monkeypatch, method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} is not available here")
    monkeypatch.setattr(parallel, "start_method", lambda: method)
    docs = render_letters_parallel(data, list(data.units), default_templates_dir(), workers=2,
                                   threshold=0)
    assert docs == serial


@pytest.mark.parametrize("count, parts", [(10, 3), (3, 8), (0, 4), (8, 8), (9, 2)])
def test_chunks_keep_every_item_in_order(count, parts):
    items = [str(n) for n in range(count)]
    chunks = parallel._chunks(items, parts)
    assert [x for c in chunks for x in c] == items
    assert len(chunks) <= parts and all(chunks)
    assert max(map(len, chunks), default=0) - min(map(len, chunks), default=0) <= 1


def test_the_interpreter_switch_interval_is_restored(data, serial):
    """The pool shortens how long this process keeps the interpreter while it runs, and
    gives the caller's setting back, also after an error."""
    import sys

    before = sys.getswitchinterval()
    seen = []

    def alongside():
        seen.append(sys.getswitchinterval())
        return []

    docs = render_letters_parallel(data, list(data.units), default_templates_dir(), workers=2,
                                   threshold=0, alongside=alongside)
    assert docs == serial and seen == [parallel.SWITCH_INTERVAL] != [before]
    assert sys.getswitchinterval() == before

    def failing():
        raise ValueError("alongside failed")

    with pytest.raises(ValueError):
        render_letters_parallel(data, list(data.units), default_templates_dir(), workers=2,
                                threshold=0, alongside=failing)
    assert sys.getswitchinterval() == before


def test_what_was_frozen_before_the_pool_stays_frozen(data, serial, monkeypatch):
    """Forked workers need everything frozen; afterwards the pool thaws only what it froze
    itself, so the loaded data (frozen by the loader) is not walked again."""
    import gc

    monkeypatch.setattr(parallel, "start_method", lambda: "fork")
    gc.unfreeze()
    assert render_letters_parallel(data, list(data.units), default_templates_dir(), workers=2,
                                   threshold=0) == serial
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        render_letters_parallel(data, list(data.units), default_templates_dir(), workers=2,
                                threshold=0)
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()
