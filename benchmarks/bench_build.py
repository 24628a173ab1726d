"""How fast are the letters? congvan against a plain docxtpl loop on the same work.

Synthetic data: the sample's document block and units, plus N communes (default
1,000), each with 5 tasks (leads one indicator, coordinates four). Timed in one run:

  (a) congvan: all N letters rendered in memory, on one core, through
      ``congvan.builder.pipeline.render_documents`` (whatever path it takes) and through
      the parallel path ``congvan.builder.pool.render_letters_parallel``; all three
      must give the same bytes. Then written with ``OutputWriter`` into a
      temporary folder (timed separately);
  (b) docxtpl: per letter ``DocxTemplate(path)``, ``render(ctx, env,
      autoescape=True)``, ``save(BytesIO)``, same template, same contexts;
  (c) the sample: ``congvan.load`` + ``congvan.build`` of
      data/dti-bac-kan-2023.yaml into a temporary folder, in-process.

Run from the repository root::

    python benchmarks/bench_build.py              # 1,000 letters (about a minute)
    python benchmarks/bench_build.py --quick      # 250 letters
    python benchmarks/bench_build.py --letters 300 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from docxtpl import DocxTemplate

import congvan
from congvan.builder import pool as parallel
from congvan.builder.pipeline import render_documents
from congvan.builder.templates import LETTER_TEMPLATE, default_templates_dir
from congvan.documents.letter import letter_context
from congvan.ooxml.template import make_environment
from congvan.data.units import assignments
from congvan.output.writer import OutputWriter

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "dti-bac-kan-2023.yaml"
TASKS_PER_UNIT = 5
QUICK_LETTERS = 250
"""Enough to go past the parallel threshold (200)."""
TARGET_RATIO = 30


@dataclass(frozen=True)
class Timing:
    """One row of the result table."""

    label: str
    """What was timed."""
    letters: int
    """Documents produced."""
    seconds: float
    """Wall-clock time, best of the repeats."""

    @property
    def rate(self) -> float:
        """Documents per second."""
        return self.letters / self.seconds if self.seconds else float("inf")


# --- Data --------------------------------------------------------------------------

def synthetic_yaml(letters: int) -> str:
    """The sample's document and units plus ``letters`` communes with 5 tasks each."""
    raw = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    ids = [f"xa-thu-{n:04d}" for n in range(letters)]
    raw["units"] += [{"id": uid, "name": f"Ủy ban nhân dân xã Thử Nghiệm {n + 1}",
                      "short": f"UBND xã Thử Nghiệm {n + 1}", "kind": "commune"}
                     for n, uid in enumerate(ids)]
    indicators = [_indicator(n, ids) for n in range(letters)]
    raw["appendix"] = {
        "title": "Phân công nhiệm vụ (dữ liệu thử hiệu năng)",
        "sections": [{"title": f"NHÓM CHỈ SỐ {s + 1}", "indicators": indicators[s:s + 100]}
                     for s in range(0, letters, 100)],
    }
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)


def _indicator(n: int, ids: list[str]) -> dict:
    """Indicator ``n``: led by commune ``n``, coordinated by the next four."""
    coordinating = [ids[(n + k) % len(ids)] for k in range(1, TASKS_PER_UNIT)]
    return {
        "name": f"Chỉ số thử nghiệm số {n + 1} về chuyển đổi số cấp xã",
        "lead": [ids[n]],
        "support": coordinating if len(ids) >= TASKS_PER_UNIT else [],
        "task": [f"Xây dựng kế hoạch thực hiện chỉ số {n + 1}, phân công cán bộ phụ trách.",
                 f"Báo cáo kết quả trước ngày {n % 28 + 1}/{n % 12 + 1}/2024."],
    }


def load_synthetic(letters: int, folder: Path) -> congvan.data.model.Data:
    path = folder / "synthetic.yaml"
    path.write_text(synthetic_yaml(letters), encoding="utf-8")
    return congvan.load(path)


# --- Timed runs --------------------------------------------------------------------

def best_of(repeat: int, fn):
    """(best seconds, last result) of ``repeat`` calls."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def time_project(data, repeat: int, out: Path) -> list[Timing]:
    """Rows (a): one core, ``render_documents`` as wired today, the parallel path; writing."""
    templates = default_templates_dir()
    ids = list(data.units)
    serial_s, serial = best_of(
        repeat, lambda: parallel.render_letters_parallel(data, ids, templates, workers=1))
    builder_s, built = best_of(repeat, lambda: render_documents(data, dispatch=False))
    parallel_s, docs = best_of(
        repeat, lambda: parallel.render_letters_parallel(data, ids, templates))
    if not docs == built == serial:
        raise SystemExit("LỖI: các đường tạo thư cho kết quả khác nhau.")

    def write():
        writer = OutputWriter(out / f"run-{time.perf_counter_ns()}")
        for doc in docs:
            writer.add(doc.path, doc.data, kind=doc.kind, unit=doc.unit)
        return writer.commit()

    write_s, _ = best_of(repeat, write)
    return [
        Timing("(a) congvan, 1 nhân", len(serial), serial_s),
        Timing("(a) congvan, builder.render_documents", len(built), builder_s),
        Timing(f"(a) congvan, song song ({_parallel_mode(len(docs))})", len(docs), parallel_s),
        Timing("    ghi ra đĩa bằng OutputWriter", len(docs), write_s),
    ]


def _parallel_mode(letters: int) -> str:
    """How the parallel path runs for ``letters`` letters here."""
    method = parallel.start_method()
    threshold = (parallel.PARALLEL_THRESHOLD if method == "fork"
                 else parallel.SAFE_PARALLEL_THRESHOLD)
    if letters <= threshold or parallel.default_workers() < 2:
        return f"≤ {threshold} thư: 1 tiến trình"
    return f"{parallel.default_workers()} tiến trình, {method}"


def time_docxtpl(data, repeat: int) -> Timing:
    path = str(default_templates_dir() / LETTER_TEMPLATE)
    tasks = assignments(data)
    contexts = [letter_context(data, data.units[u], tasks[u]) for u in tasks]
    env = make_environment()

    def loop():
        for ctx in contexts:
            tpl = DocxTemplate(path)
            tpl.render(ctx, env, autoescape=True)
            tpl.save(io.BytesIO())

    seconds, _ = best_of(repeat, loop)
    return Timing("(b) docxtpl, từng thư một", len(contexts), seconds)


def time_sample(repeat: int, out: Path) -> Timing:
    def build():
        data = congvan.load(SAMPLE)
        return congvan.build(data, out / f"sample-{time.perf_counter_ns()}")

    seconds, report = best_of(repeat, build)
    return Timing("(c) congvan build mẫu DTI (đọc + tạo + ghi)", len(report.written), seconds)


def profile_serial(data, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(parallel.render_letters_parallel, data, list(data.units),
                     default_templates_dir(), workers=1)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    return text.getvalue()


# --- Report -------------------------------------------------------------------------

def table(rows: list[Timing]) -> str:
    width = max(len(r.label) for r in rows)
    lines = [f"{'':{width}}  {'tệp':>6}  {'giây':>8}  {'tệp/giây':>9}",
             "-" * (width + 29)]
    lines += [f"{r.label:{width}}  {r.letters:>6}  {r.seconds:>8.3f}  {r.rate:>9.1f}"
              for r in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=1000, help="số thư (mặc định 1000)")
    parser.add_argument("--quick", action="store_true",
                        help=f"chạy nhanh: {QUICK_LETTERS} thư")
    parser.add_argument("--repeat", type=int, default=1,
                        help="lặp mỗi phép đo, lấy lần nhanh nhất (mặc định 1)")
    parser.add_argument("--profile", action="store_true",
                        help="in hồ sơ cProfile của đường tuần tự")
    args = parser.parse_args(argv)
    letters = QUICK_LETTERS if args.quick else args.letters
    if letters < 1:
        parser.error("--letters phải lớn hơn 0")

    with tempfile.TemporaryDirectory(prefix="congvan-bench-") as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        data = load_synthetic(letters, tmp)
        load_s = time.perf_counter() - start
        print(f"Dữ liệu thử: {letters} đơn vị × {TASKS_PER_UNIT} nhiệm vụ, "
              f"đọc trong {load_s:.2f} giây; {parallel.default_workers()} nhân; "
              f"Python {sys.version.split()[0]}.")
        project = time_project(data, args.repeat, tmp)
        docxtpl = time_docxtpl(data, args.repeat)
        sample = time_sample(args.repeat, tmp)
        print()
        print(table([*project, docxtpl, sample]))
        print()
        for row in project[:3]:
            print(f"Tỉ lệ (b)/{row.label}: {docxtpl.seconds / row.seconds:.1f}×")
        best = docxtpl.seconds / min(r.seconds for r in project[:3])
        verdict = "đạt" if best >= TARGET_RATIO else "chưa đạt"
        print(f"Tốt nhất: {best:.1f}× — {verdict} mục tiêu ≥ {TARGET_RATIO}×.")
        if args.profile:
            print()
            print(profile_serial(data, 30))
    return 0


if __name__ == "__main__":
    sys.exit(main())
