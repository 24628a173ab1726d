"""How fast are the letters? congvan against a plain docxtpl loop on the same work.

Synthetic data: the sample's document block and units, plus N communes (default
1,000), each with 5 tasks (leads one indicator, coordinates four), so N letters.

Three contestants render all N letters in memory, in rounds; within a round they run
one after the other, in an order that rotates from round to round, so that a busy
moment of a shared machine falls on all of them alike:

  congvan, 1 nhân   ``render_letters_parallel(data, ids, templates, workers=1)``
                    (letter contexts included);
  congvan, 2 tiến trình  the same with its defaults: one process per core;
  docxtpl           per letter ``DocxTemplate(path)``, ``render(ctx, env,
                    autoescape=True)``, ``save(BytesIO)``: same template, same
                    contexts (built beforehand, not timed).

The table gives the median and the spread of each over the rounds, and the ratios
median(docxtpl) / median(congvan) for one core and for two processes; the pass line
is 50× on two processes. Before timing, both congvan paths are checked to give the
same bytes. The sample's full build (load + render + write 20 files) is timed once
per round as well.

Run from the repository root::

    python benchmarks/bench_build.py              # 1,000 letters, 3 rounds (2-3 minutes)
    python benchmarks/bench_build.py --rounds 5
    python benchmarks/bench_build.py --quick      # 250 letters, 3 rounds
    python benchmarks/bench_build.py --letters 300 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from docxtpl import DocxTemplate

import congvan
from congvan.builder import pool as parallel
from congvan.builder.templates import LETTER_TEMPLATE, compiled, default_templates_dir
from congvan.data.units import assignments
from congvan.documents.letter import letter_context
from congvan.ooxml.template import make_environment

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "dti-bac-kan-2023.yaml"
TASKS_PER_UNIT = 5
QUICK_LETTERS = 250
"""Enough to go past the parallel threshold (200)."""
TARGET_RATIO = 50
"""On two processes."""


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


def load_synthetic(letters: int, folder: Path):
    path = folder / "synthetic.yaml"
    path.write_text(synthetic_yaml(letters), encoding="utf-8")
    return congvan.load(path)


# --- Contestants -------------------------------------------------------------------

def contestants(data, out: Path) -> dict:
    """Name → a function rendering every letter once (everything set up beforehand)."""
    templates = default_templates_dir()
    ids = list(data.units)
    path = str(templates / LETTER_TEMPLATE)
    tasks = assignments(data)
    contexts = [letter_context(data, data.units[u], tasks[u]) for u in tasks]
    compiled(templates / LETTER_TEMPLATE)  # compiled once per process, as in a build

    def docxtpl_loop():
        env = make_environment()
        for ctx in contexts:
            tpl = DocxTemplate(path)
            tpl.render(ctx, env, autoescape=True)
            tpl.save(io.BytesIO())

    def sample_build():
        congvan.build(congvan.load(SAMPLE), out / f"sample-{time.perf_counter_ns()}")

    return {
        "congvan, 1 nhân": lambda: parallel.render_letters_parallel(data, ids, templates, workers=1),
        f"congvan, {_parallel_mode(len(contexts))}":
            lambda: parallel.render_letters_parallel(data, ids, templates),
        "docxtpl, từng thư một": docxtpl_loop,
        "mẫu DTI: đọc + tạo + ghi 20 tệp": sample_build,
    }


def _parallel_mode(letters: int) -> str:
    method = parallel.start_method()
    threshold = (parallel.PARALLEL_THRESHOLD if method == "fork"
                 else parallel.SAFE_PARALLEL_THRESHOLD)
    if letters <= threshold or parallel.default_workers() < 2:
        return "song song (≤ ngưỡng: 1 tiến trình)"
    return f"{parallel.default_workers()} tiến trình ({method})"


def check_same_bytes(data) -> None:
    templates = default_templates_dir()
    ids = list(data.units)
    one = parallel.render_letters_parallel(data, ids, templates, workers=1)
    if one != parallel.render_letters_parallel(data, ids, templates):
        raise SystemExit("LỖI: đường 1 nhân và đường song song cho kết quả khác nhau.")
    template = compiled(templates / LETTER_TEMPLATE)
    tasks = assignments(data)
    for uid in list(tasks)[:50]:  # and the string path writes what the XML tree path writes
        ctx = letter_context(data, data.units[uid], tasks[uid])
        if template.render(ctx) != template.render(ctx, tree=True):
            raise SystemExit(f"LỖI: thư của {uid} khác nhau giữa hai cách tạo document.xml.")


def _spin(n: int) -> float:
    start, total = time.perf_counter(), 0
    for i in range(n):
        total += i
    return time.perf_counter() - start


def core_probe(n: int = 3_000_000) -> float:
    """The same CPU loop run in two processes at once, against one alone: about 1 when
    two cores are free, about 2 when the other work on the machine leaves only one."""
    import multiprocessing

    alone = min(_spin(n) for _ in range(3))
    with multiprocessing.get_context("fork").Pool(2) as workers:
        together = min(max(workers.map(_spin, [n, n])) for _ in range(3))
    return together / alone


def run_rounds(runs: dict, rounds: int) -> dict[str, list[float]]:
    """Seconds of each contestant in each round; the order rotates every round."""
    names = list(runs)
    times: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            start = time.perf_counter()
            runs[name]()
            times[name].append(time.perf_counter() - start)
        print(f"  vòng {r + 1}/{rounds}: " + ", ".join(
            f"({k + 1}) {times[n][-1]:.2f} s" for k, n in enumerate(names)), flush=True)
    return times


# --- Report -------------------------------------------------------------------------

def table(times: dict[str, list[float]], letters: int) -> str:
    width = max(map(len, times))
    lines = [f"{'':{width + 4}}  {'tệp':>5}  {'trung vị s':>10}  {'min–max s':>13}  {'tệp/giây':>9}",
             "-" * (width + 51)]
    for k, (name, values) in enumerate(times.items()):
        files = 20 if name.startswith("mẫu") else letters
        median = statistics.median(values)
        lines.append(f"({k + 1}) {name:{width}}  {files:>5}  {median:>10.3f}  "
                     f"{min(values):>6.2f}–{max(values):<6.2f}  {files / median:>9.1f}")
    return "\n".join(lines)


def profile_serial(data, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(parallel.render_letters_parallel, data, list(data.units),
                     default_templates_dir(), workers=1)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    return text.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=1000, help="số thư (mặc định 1000)")
    parser.add_argument("--quick", action="store_true", help=f"chạy nhanh: {QUICK_LETTERS} thư")
    parser.add_argument("--rounds", type=int, default=3, help="số vòng đo xen kẽ (mặc định 3)")
    parser.add_argument("--profile", action="store_true",
                        help="in hồ sơ cProfile của đường 1 nhân")
    args = parser.parse_args(argv)
    letters = QUICK_LETTERS if args.quick else args.letters
    if letters < 1 or args.rounds < 1:
        parser.error("--letters và --rounds phải lớn hơn 0")

    with tempfile.TemporaryDirectory(prefix="congvan-bench-") as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        data = load_synthetic(letters, tmp)
        print(f"Dữ liệu thử: {letters} thư × {TASKS_PER_UNIT} nhiệm vụ, đọc trong "
              f"{time.perf_counter() - start:.2f} s; {parallel.default_workers()} nhân; "
              f"Python {sys.version.split()[0]}; tải máy lúc bắt đầu {os.getloadavg()[0]:.1f}.")
        check_same_bytes(data)
        probe = core_probe()
        times = run_rounds(contestants(data, tmp), args.rounds)
        probe = (probe, core_probe())
        print()
        print(table(times, letters))
        print()
        docxtpl = statistics.median(times["docxtpl, từng thư một"])
        one, two = (statistics.median(v) for n, v in times.items() if n.startswith("congvan"))
        print(f"Tỉ lệ docxtpl / congvan (trung vị, {args.rounds} vòng): "
              f"1 nhân {docxtpl / one:.1f}×, 2 tiến trình {docxtpl / two:.1f}×.")
        verdict = "đạt" if docxtpl / two >= TARGET_RATIO else "chưa đạt"
        print(f"2 tiến trình: {verdict} mục tiêu ≥ {TARGET_RATIO}×. "
              f"Tải máy lúc kết thúc {os.getloadavg()[0]:.1f}.")
        print(f"Nhân rảnh (cùng vòng lặp ở 2 tiến trình / ở 1 tiến trình; ~1: hai nhân rảnh, "
              f"~2: chỉ còn một): trước {probe[0]:.2f}, sau {probe[1]:.2f}.")
        if args.profile:
            print()
            print(profile_serial(data, 30))
    return 0


if __name__ == "__main__":
    sys.exit(main())
