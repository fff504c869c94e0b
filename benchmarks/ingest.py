"""Ingestion speed: the full ingest against a naive read_excel loop and against the unzip floor.

Two parts. In process: the library's ingest against the naive loop and the floor, imports warm.
As processes (what a user waits for, start-up included): `sgw --help`, `sgw ingest` and
`sgw report --no-png` on the demo round, and `sgw ingest` at N against the naive loop run as a
process. Prints small tables and one machine-readable JSON line per part. Not a test: these
machines are shared and noisy, so the numbers are medians of alternating repetitions.

    .venv/bin/python benchmarks/ingest.py              # N = 1000 for the ratios, 100/400/1600 for growth
    .venv/bin/python benchmarks/ingest.py --quick      # smaller, for a smoke run
    .venv/bin/python benchmarks/ingest.py --part process   # only the whole-process timings
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

import pandas as pd

from sgw_analysis.demo import write_demo_round, write_returns
from sgw_analysis.pipeline import ingest
from sgw_analysis.read import decode_text
from sgw_analysis.write import table_outputs, write_outputs

_PEAK_SCRIPT = """
import json, resource, sys, tempfile
from pathlib import Path
from sgw_analysis.pipeline import ingest
from sgw_analysis.write import table_outputs, write_outputs
tables = ingest(Path(sys.argv[1]))
write_outputs(Path(tempfile.mkdtemp()), table_outputs(tables))
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"main_kib": own, "largest_worker_kib": workers}))
"""


# naive_read as a process of its own: written out again (not imported from this file) so that
# the process loads only what a naive user's script would, pandas, not this benchmark's imports
_NAIVE_SCRIPT = """
import io, sys, warnings
from pathlib import Path
import pandas as pd
from sgw_analysis.read import decode_text
root = Path(sys.argv[1])
files = sorted(p for p in root.rglob("*") if p.is_file())
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for path in files:
        if path.suffix == ".csv":
            pd.read_csv(io.StringIO(decode_text(path.read_bytes())), header=None,
                        on_bad_lines="skip")
        else:
            pd.read_excel(path, sheet_name=None, header=None)
"""
SGW = [sys.executable, "-m", "sgw_analysis.cli"]  # the `sgw` console script, from this checkout


def naive_read(files: list[Path]) -> None:
    """The anchor a user would pick: pandas.read_excel (openpyxl/xlrd) on every file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            if path.suffix == ".csv":
                pd.read_csv(io.StringIO(decode_text(path.read_bytes())), header=None,
                            on_bad_lines="skip")
            else:
                pd.read_excel(path, sheet_name=None, header=None)


def full_ingest(folder: Path, out: Path) -> None:
    """The package's whole ingest: read, locate, parse, validate and write the tables."""
    write_outputs(out, table_outputs(ingest(folder)))


def floor_read(files: list[Path]) -> None:
    """The floor: read each file's bytes and inflate every member of the .xlsx ones."""
    for path in files:
        data = path.read_bytes()
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    archive.read(name)


def _time(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _peak_memory_mib(folder: Path) -> float:
    """Peak RSS of a fresh process running the full ingest: main process + largest worker."""
    done = subprocess.run([sys.executable, "-c", _PEAK_SCRIPT, str(folder)], check=True,
                          capture_output=True, text=True)
    peaks = json.loads(done.stdout.strip().splitlines()[-1])
    return (peaks["main_kib"] + peaks["largest_worker_kib"]) / 1024


def compare(n: int, repetitions: int, work: Path) -> dict:
    """Alternate the three contenders over the same N files; medians of the repetitions."""
    folder = work / f"returns-{n}"
    files = write_returns(folder, n)
    times: dict[str, list[float]] = {"naive": [], "ingest": [], "floor": []}
    full_ingest(folder, work / "warm")  # imports and caches warm, as in a session
    for rep in range(repetitions):
        out = work / f"out-{n}-{rep}"
        times["naive"].append(_time(lambda: naive_read(files)))
        times["ingest"].append(_time(lambda out=out: full_ingest(folder, out)))
        times["floor"].append(_time(lambda: floor_read(files)))
    median = {k: statistics.median(v) for k, v in times.items()}
    return {"n": n, "seconds": median,
            "files_per_second": {k: n / v for k, v in median.items()},
            "ingest_vs_naive": median["naive"] / median["ingest"],
            "ingest_vs_floor": median["floor"] / median["ingest"],
            "peak_memory_mib": _peak_memory_mib(folder)}


def growth(sizes: list[int], repetitions: int, work: Path) -> dict[int, float]:
    """Full-ingest milliseconds per file at each N."""
    per_file = {}
    for n in sizes:
        folder = work / f"returns-{n}"
        if not folder.exists():
            write_returns(folder, n)
        full_ingest(folder, work / "warm")
        out = work / f"grow-{n}"
        runs = [_time(lambda folder=folder, out=out: full_ingest(folder, out))
                for _ in range(repetitions)]
        per_file[n] = 1000 * statistics.median(runs) / n
    return per_file


def _run_seconds(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (its own and its workers') of one whole process, start-up included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _process_env(work: Path) -> dict[str, str]:
    """This environment, with bytecode cached (under ``work``) as on an installed machine."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def processes(n: int, repetitions: int, work: Path) -> dict:
    """Whole processes as a user meets them, alternating; medians of the repetitions."""
    demo, big, one = work / "demo-round", work / f"returns-{n}", work / "returns-1"
    write_demo_round(demo)
    if not big.exists():
        write_returns(big, n)
    write_returns(one, 1)
    contenders = {
        "help": [*SGW, "--help"],
        "ingest_demo": [*SGW, "ingest", str(demo), "--out", str(work / "p-ingest"), "--quiet"],
        "report_demo": [*SGW, "report", str(demo), "--out", str(work / "p-report"), "--quiet",
                              "--no-png"],
        "ingest_n": [*SGW, "ingest", str(big), "--out", str(work / "p-ingest-n"), "--quiet"],
        # what no examining speed removes: start, pandas, pandera, four tables
        "ingest_one": [*SGW, "ingest", str(one), "--out", str(work / "p-ingest-1"), "--quiet"],
        "naive_n": [sys.executable, "-c", _NAIVE_SCRIPT, str(big)],
    }
    env = _process_env(work)
    for argv in contenders.values():  # once each: page cache and bytecode as on a second run
        _run_seconds(argv, env)
    times: dict[str, list[float]] = {name: [] for name in contenders}
    cpu: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repetitions):
        for name, argv in contenders.items():
            wall, used = _run_seconds(argv, env)
            times[name].append(wall)
            cpu[name].append(used)
    median = {name: statistics.median(runs) for name, runs in times.items()}
    cpu_median = {name: statistics.median(runs) for name, runs in cpu.items()}
    return {"n": n, "demo_files": sum(1 for p in demo.rglob("*") if p.is_file()),
            "seconds": median, "cpu_seconds": cpu_median, "runs": times,
            "ingest_vs_naive": median["naive_n"] / median["ingest_n"],
            "ingest_vs_naive_cpu": cpu_median["naive_n"] / cpu_median["ingest_n"],
            "load_average": os.getloadavg()}


def print_processes(result: dict, repetitions: int) -> None:
    """The whole-process table, the ratio and the JSON line."""
    sec, n = result["seconds"], result["n"]
    print(f"sgw-analysis start-up benchmark · whole processes · {os.cpu_count()} cores · "
          f"{repetitions} alternating repetitions (medians) · load average "
          + " ".join(f"{x:.1f}" for x in result["load_average"]))
    rows = [("help", "sgw --help"),
            ("ingest_demo", f"sgw ingest, demo round ({result['demo_files']} files)"),
            ("report_demo", "sgw report --no-png, demo round"),
            ("ingest_n", f"sgw ingest, N = {n}"),
            ("ingest_one", "sgw ingest, 1 return (the fixed cost)"),
            ("naive_n", f"naive read_excel loop process, N = {n}")]
    fastest = {key: min(runs) for key, runs in result["runs"].items()}
    print(f"{'process':<44}{'wall s':>8}{'CPU s':>8}{'fastest s':>11}")
    for key, label in rows:
        print(f"{label:<44}{sec[key]:>8.2f}{result['cpu_seconds'][key]:>8.2f}"
              f"{fastest[key]:>11.2f}")
    print(f"ratio naive / sgw ingest at N = {n}: wall {result['ingest_vs_naive']:.2f}x, "
          f"CPU {result['ingest_vs_naive_cpu']:.2f}x, "
          f"fastest runs {fastest['naive_n'] / fastest['ingest_n']:.2f}x "
          "(the nearest to an idle machine: the others wait for a core)")
    print(f"the most any examining speed could give at N = {n} (naive / fixed cost): "
          f"{sec['naive_n'] / sec['ingest_one']:.2f}x")
    print(json.dumps({"benchmark": "processes", "cores": os.cpu_count(), **result},
                     sort_keys=True))


def in_process(n: int, sizes: list[int], repetitions: int, work: Path) -> None:
    """The in-process comparison (imports warm), the growth with N and peak memory."""
    result = compare(n, repetitions, work)
    per_file = growth(sizes, repetitions, work)
    peak_largest = _peak_memory_mib(work / f"returns-{sizes[-1]}")
    print_in_process(n, sizes, repetitions, result, per_file, peak_largest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 200; growth 50/100/200")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--part", choices=["all", "process", "in-process"], default="all")
    args = parser.parse_args()
    n, sizes = (200, [50, 100, 200]) if args.quick else (1000, [100, 400, 1600])
    with tempfile.TemporaryDirectory(prefix="sgw-bench-") as tmp:
        work = Path(tmp)
        if args.part in ("all", "in-process"):
            in_process(n, sizes, args.repetitions, work)
        if args.part in ("all", "process"):
            print_processes(processes(n, max(args.repetitions, 5), work),
                            max(args.repetitions, 5))


def print_in_process(n: int, sizes: list[int], repetitions: int, result: dict,
                     per_file: dict[int, float], peak_largest: float) -> None:
    """The in-process table, ratios, growth and the JSON line."""
    fps = result["files_per_second"]
    print(f"sgw-analysis ingest benchmark · in process · {os.cpu_count()} cores · N = {n}, "
          f"{repetitions} alternating repetitions (medians)")
    print(f"{'contender':<34}{'files/s':>10}")
    print(f"{'(a) naive pandas.read_excel loop':<34}{fps['naive']:>10.0f}")
    print(f"{'(b) full sgw ingest':<34}{fps['ingest']:>10.0f}")
    print(f"{'(c) floor: read + inflate zip':<34}{fps['floor']:>10.0f}")
    print(f"ratio b/a (ingest vs naive, files/s): {result['ingest_vs_naive']:.2f}x")
    print(f"ratio b/c (ingest vs floor, files/s): {result['ingest_vs_floor']:.3f}x")
    print(f"peak memory of (b) at N = {n}: {result['peak_memory_mib']:.0f} MiB; "
          f"at N = {sizes[-1]}: {peak_largest:.0f} MiB")
    print("full ingest, ms per file: " + ", ".join(f"N={k}: {v:.2f}" for k, v in per_file.items()))
    print(f"growth: N={sizes[-1]} / N={sizes[0]} per-file time = "
          f"{per_file[sizes[-1]] / per_file[sizes[0]]:.2f}x")
    print(json.dumps({"benchmark": "ingest", "cores": os.cpu_count(), **result,
                      "ms_per_file": per_file, "peak_memory_mib_largest": peak_largest},
                     sort_keys=True))


if __name__ == "__main__":
    main()
