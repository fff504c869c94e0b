"""Ingestion speed: the full ingest against a naive read_excel loop and against the unzip floor.

Prints a small table and one machine-readable JSON line. Not a test: these machines are shared
and noisy, so the numbers are ratios from one run with alternating repetitions.

    .venv/bin/python benchmarks/ingest.py            # N = 1000 for the ratios, 100/400/1600 for growth
    .venv/bin/python benchmarks/ingest.py --quick    # smaller, for a smoke run
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

import pandas as pd

from sgw_analysis.demo import write_returns
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 200; growth 50/100/200")
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    n, sizes = (200, [50, 100, 200]) if args.quick else (1000, [100, 400, 1600])
    with tempfile.TemporaryDirectory(prefix="sgw-bench-") as tmp:
        work = Path(tmp)
        result = compare(n, args.repetitions, work)
        per_file = growth(sizes, args.repetitions, work)
        peak_largest = _peak_memory_mib(work / f"returns-{sizes[-1]}")
    fps = result["files_per_second"]
    print(f"sgw-analysis ingest benchmark · {os.cpu_count()} cores · N = {n}, "
          f"{args.repetitions} alternating repetitions (medians)")
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
