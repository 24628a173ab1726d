"""congvan at growing sizes: 50 / 500 / 5,000 / 50,000 tasks (one unit per ten tasks).

Data from tools/gen_large.py (same seed, so the same files every run). For each size,
each round runs in a fresh Python process (so that its peak memory is its own):

  check     ``congvan.load``: parse, validate, warnings (what ``congvan check`` does);
  build     ``congvan.load`` + ``congvan.build`` into an empty folder (dispatch + letters
            + manifest.json; the letters on both cores above 200 of them);
  rebuild   one task's text changed in the YAML, then ``load`` + ``build`` into the same
            folder: every document is rendered again, only changed files are written;
  rewritten how many files that rebuild wrote, out of all;
  peak MB   peak resident memory of the process and its worker processes
            (``resource.getrusage`` ru_maxrss) over the three steps.

Times are medians over ``--rounds`` rounds (50,000 tasks: one round); the sizes of
one round run one after the other, so a busy moment of a shared machine spreads over
all of them.

    python benchmarks/bench_scale.py              # all four sizes, 3 rounds (about 5 minutes)
    python benchmarks/bench_scale.py --quick      # 50 / 500 / 5,000, one round
    python benchmarks/bench_scale.py --sizes 5000 --rounds 5
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (50, 500, 5000, 50000)
QUICK_SIZES = (50, 500, 5000)
ONE_ROUND_FROM = 50000
"""Sizes from this one up run once, whatever ``--rounds`` says."""
CHANGE = " (đã sửa)"
"""Added to the text of the first task with a text before the rebuild."""


def _gen_large():
    spec = importlib.util.spec_from_file_location("gen_large", ROOT / "tools" / "gen_large.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- In the measured process ---------------------------------------------------------

def changed(plain: dict) -> dict:
    """``plain`` with the text of its first task changed."""
    changed = copy.deepcopy(plain)
    first = next(ind for s in changed["appendix"]["sections"] for ind in s["indicators"]
                 if ind.get("task"))
    task = first["task"]
    first["task"] = [task[0] + CHANGE, *task[1:]] if isinstance(task, list) else task + CHANGE
    return changed


def child(original: Path, edited: Path, out: Path) -> dict:
    import congvan
    import congvan.builder.pipeline  # noqa: F401  (imports are not what is measured)

    out.mkdir(parents=True)
    path = out.parent / f"{out.name}.yaml"
    shutil.copyfile(original, path)
    start = time.perf_counter()
    congvan.load(path)
    check = time.perf_counter() - start

    start = time.perf_counter()
    report = congvan.build(congvan.load(path), out)
    build = time.perf_counter() - start
    files = len(report.manifest["files"])

    shutil.copyfile(edited, path)
    start = time.perf_counter()
    report = congvan.build(congvan.load(path), out)
    rebuild = time.perf_counter() - start

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"check": check, "build": build, "rebuild": rebuild, "files": files,
            "rewritten": len(report.written), "peak_mb": max(own, kids) / 1024}


# --- Driver --------------------------------------------------------------------------

def measure(path: Path, edited: Path, folder: Path) -> dict:
    out = folder / f"out-{time.perf_counter_ns()}"
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, __file__, "--child", str(path), str(edited), str(out)], env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"LỖI khi đo {path.name}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def table(results: dict[int, list[dict]], units: dict[int, int]) -> str:
    head = (f"{'nhiệm vụ':>9} {'đơn vị':>7} {'tệp':>6} {'vòng':>5} {'check s':>8} {'build s':>8} "
            f"{'rebuild s':>10} {'ghi lại':>8} {'đỉnh MB':>8}")
    lines = [head, "-" * len(head)]
    for tasks, rows in results.items():
        med = {k: statistics.median(r[k] for r in rows)
               for k in ("check", "build", "rebuild", "peak_mb")}
        lines.append(f"{tasks:>9,} {units[tasks]:>7,} {rows[0]['files']:>6,} {len(rows):>5} "
                     f"{med['check']:>8.2f} {med['build']:>8.2f} {med['rebuild']:>10.2f} "
                     f"{rows[0]['rewritten']:>8,} {med['peak_mb']:>8.0f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", help="số nhiệm vụ (mặc định 50 500 5000 50000)")
    parser.add_argument("--rounds", type=int, default=3, help="số vòng (mặc định 3)")
    parser.add_argument("--quick", action="store_true", help="50 / 500 / 5.000 nhiệm vụ, 1 vòng")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*map(Path, args.child))))
        return 0
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    rounds = 1 if args.quick else args.rounds
    gen = _gen_large()
    with tempfile.TemporaryDirectory(prefix="congvan-scale-") as tmp:
        folder = Path(tmp)
        paths, units = {}, {}
        for tasks in sizes:
            units[tasks] = max(12, tasks // 10)
            plain = gen.make_data(units[tasks], tasks, 0)
            paths[tasks] = (gen.write(folder / f"{tasks}.yaml", plain),
                            gen.write(folder / f"{tasks}-changed.yaml", changed(plain)))
        print(f"{os.cpu_count()} nhân, Python {sys.version.split()[0]}, "
              f"tải máy lúc bắt đầu {os.getloadavg()[0]:.1f}.", flush=True)
        results: dict[int, list[dict]] = {t: [] for t in sizes}
        for r in range(rounds):
            for tasks in sizes:
                if r and tasks >= ONE_ROUND_FROM:
                    continue
                row = measure(*paths[tasks], folder)
                results[tasks].append(row)
                print(f"  vòng {r + 1}: {tasks:,} nhiệm vụ: build {row['build']:.2f} s, "
                      f"rebuild {row['rebuild']:.2f} s", flush=True)
        print()
        print(table(results, units))
        print(f"\nTải máy lúc kết thúc {os.getloadavg()[0]:.1f}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
