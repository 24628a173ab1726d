"""Time and peak memory of loading+checking and of building, against plain yaml.safe_load.

For the sample (data/dti-bac-kan-2023.yaml) and a synthetic file of 5,000 tasks for
500 units (tools/gen_large.py), each step runs in a fresh Python process so that its
peak resident memory (resource.getrusage ru_maxrss, which never goes down) is its own:

* ``yaml.safe_load``  — the baseline: parse the same file with PyYAML, nothing else;
* ``load+check``      — ``congvan.load``: parse with positions, validate, check references,
  build the model, compute warnings;
* ``build``           — ``congvan.build`` of the loaded data into an empty folder
  (render the dispatch and every letter, write them and manifest.json).

Columns: wall time (best of ``--repeat`` runs), peak of Python allocations during the
step (tracemalloc, measured in a separate run since tracing slows Python down), peak
RSS of the process (and of worker processes, if the build starts any) minus the RSS
right after imports, and the ratios of time and tracemalloc peak to the baseline.

    python benchmarks/bench_check.py [--units 500] [--tasks 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "dti-bac-kan-2023.yaml"
STEPS = ("yaml.safe_load", "load+check", "build")


def _maxrss_kib() -> int:
    """Peak RSS of this process and of its waited-for children, in KiB (Linux units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if sys.platform == "darwin":  # bytes there
        own, kids = own // 1024, kids // 1024
    return max(own, kids)


def _step(name: str, path: Path):
    """A zero-argument function doing one step once (set-up done outside it)."""
    import yaml

    import congvan

    if name == "yaml.safe_load":
        return lambda: yaml.safe_load(path.read_text(encoding="utf-8"))
    if name == "load+check":
        return lambda: congvan.load(path)
    if name == "build":
        data = congvan.load(path)

        def build():
            out = Path(tempfile.mkdtemp(prefix="bench-build-"))
            try:
                congvan.build(data, out)
            finally:
                shutil.rmtree(out, ignore_errors=True)

        return build
    raise ValueError(name)


def child(name: str, path: Path, repeat: int) -> dict:
    """Run in a fresh process: measure one step and return the numbers."""
    import congvan  # noqa: F401  (imports are not part of the step)
    import yaml  # noqa: F401

    run = _step(name, path)
    rss_before = _maxrss_kib()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    rss_peak = _maxrss_kib()
    gc.collect()
    tracemalloc.start()
    run()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"step": name, "seconds": min(times), "traced_peak": traced_peak,
            "rss_before_kib": rss_before, "rss_peak_kib": rss_peak}


def measure(name: str, path: Path, repeat: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", name, str(path), "--repeat", str(repeat)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{name} on {path} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:8.1f}"


def table(label: str, path: Path, repeat: int) -> list[dict]:
    rows = [measure(step, path, repeat) for step in STEPS]
    base = rows[0]
    size = path.stat().st_size
    print(f"\n{label}: {path.name} ({size / 2**20:.2f} MiB)")
    print(f"{'step':<16}{'time s':>10}{'traced MiB':>12}{'ΔRSS MiB':>10}{'RSS MiB':>9}"
          f"{'× time':>9}{'× traced':>10}")
    for r in rows:
        delta = (r["rss_peak_kib"] - r["rss_before_kib"]) * 1024
        print(f"{r['step']:<16}{r['seconds']:>10.3f}{_mib(r['traced_peak']):>12}{_mib(delta):>10}"
              f"{_mib(r['rss_peak_kib'] * 1024):>9}"
              f"{r['seconds'] / base['seconds']:>9.1f}{r['traced_peak'] / base['traced_peak']:>10.1f}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="congvan: load/check and build benchmarks")
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the best time is kept")
    parser.add_argument("--json", help="also write the measurements to this file")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.repeat)))
        return 0

    sys.path.insert(0, str(ROOT / "tools"))
    import gen_large

    print(f"Python {sys.version.split()[0]}; each step in a fresh process; best of {args.repeat}.")
    print("traced = peak of Python allocations during the step (tracemalloc); "
          "ΔRSS = peak RSS minus RSS after imports and set-up; × = ratio to yaml.safe_load.")
    results = {"sample": table("Sample", SAMPLE, args.repeat)}
    with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
        path = gen_large.write(Path(tmp) / f"large-{args.tasks}-{args.units}.yaml",
                               gen_large.make_data(units=args.units, tasks=args.tasks, seed=args.seed))
        results["large"] = table(f"Synthetic ({args.tasks} tasks, {args.units} units)", path,
                                 max(1, min(args.repeat, 2)))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
