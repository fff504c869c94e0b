"""Each command loads only what it uses: checked on ``sys.modules`` of a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY_FOR_HELP = ("pandas", "numpy", "pandera", "plotly", "tqdm", "cn2an", "xlsxwriter",
                  "openpyxl", "kaleido", "importlib.metadata")
PRESENTATION = ("plotly", "kaleido", "xlsxwriter", "sgw_analysis.charts", "sgw_analysis.workbook",
                "sgw_analysis.html_report", "sgw_analysis.context", "sgw_analysis.manifest",
                "sgw_analysis.coverage")


def _loaded_after(code: str) -> set[str]:
    """Module names in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _cli(argv: list[str]) -> str:
    """Code that runs ``sgw`` with ``argv`` as the console script does, keeping going after exit."""
    return ("import contextlib, io\nfrom sgw_analysis.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), "
            "contextlib.redirect_stderr(io.StringIO()):\n"
            f"    try:\n        main({argv!r})\n    except SystemExit:\n        pass")


def test_import_of_the_package_loads_neither_plotly_nor_pandas():
    loaded = _loaded_after("import sgw_analysis")
    assert not loaded & {"plotly", "pandas", "pandera", "sgw_analysis.pipeline"}


def test_public_names_still_load_on_first_use():
    loaded = _loaded_after("import sgw_analysis as sgw\nassert callable(sgw.ingest)\n"
                           "assert sgw.Config().reference_vintage\nassert sgw.__version__\n"
                           "from sgw_analysis import Report, Tables, judge, report")
    assert {"sgw_analysis.pipeline", "sgw_analysis.tables"} <= loaded
    assert not loaded & {"plotly", "pandas"}  # pandas loads with the first table


def test_the_pipeline_and_the_examine_path_load_no_pandas():
    loaded = _loaded_after("import sgw_analysis.pipeline, sgw_analysis.examine")
    assert not loaded & {"pandas", "numpy", "pandera"}


def test_workers_start_before_pandas_loads_and_never_load_it(tmp_path):
    from sgw_analysis.demo import write_returns

    write_returns(tmp_path / "round", 12)  # .xlsx, .xls and CSV returns
    marks = tmp_path / "marks"
    marks.mkdir()
    code = (
        "import os, sys\nfrom pathlib import Path\nfrom sgw_analysis import pipeline\n"
        "real = pipeline.examine\n"
        "def examine(path, *args, **kwargs):\n"
        "    result = real(path, *args, **kwargs)\n"
        f"    mark = Path({str(marks)!r}, f'{{os.getpid()}}-{{path.name}}')\n"
        "    mark.write_text(str(sorted({'pandas', 'numpy'} & set(sys.modules))))\n"
        "    return result\n"
        "pipeline.examine = examine\n"
        f"tables = pipeline.ingest(Path({str(tmp_path / 'round')!r}), workers=2)\n"
        "assert len(tables.submissions) == 12\n")
    loaded = _loaded_after(code)
    assert "pandas" in loaded  # the parent made the tables with it
    written = {mark.read_text() for mark in marks.iterdir()}
    assert len(list(marks.iterdir())) == 12
    assert written == {"[]"}  # no worker ever had pandas or numpy


def test_unknown_public_name_is_an_attribute_error():
    import sgw_analysis

    with pytest.raises(AttributeError, match="no attribute 'ingestt'"):
        _ = sgw_analysis.ingestt


@pytest.mark.parametrize("argv", [["--help"], ["ingest", "--help"], ["report", "--help"],
                                  ["ingest"], ["report", "--vintage"], ["nonsense"]])
def test_help_and_argument_errors_load_none_of_pandas(argv):
    loaded = _loaded_after(_cli(argv))
    assert "sgw_analysis.cli" in loaded
    assert not loaded & set(HEAVY_FOR_HELP)


def test_a_missing_round_folder_is_refused_before_pandas_loads(tmp_path):
    loaded = _loaded_after(_cli(["ingest", str(tmp_path / "absent"), "--out", str(tmp_path)]))
    assert "sgw_analysis.config" in loaded
    assert "pandas" not in loaded


def test_ingest_loads_no_charts_workbook_or_report_modules(tmp_path):
    from sgw_analysis.demo import write_returns

    write_returns(tmp_path / "round", 3)
    out = tmp_path / "out"
    loaded = _loaded_after(_cli(["ingest", str(tmp_path / "round"), "--out", str(out),
                                 "--quiet", "--workers", "1"]))
    assert (out / "tables" / "submissions.csv").is_file()  # it really ingested
    assert "sgw_analysis.validate" in loaded
    assert not loaded & set(PRESENTATION)


def test_report_without_png_does_not_load_kaleido(tmp_path):
    from sgw_analysis.demo import write_returns

    write_returns(tmp_path / "round", 3)
    out = tmp_path / "out"
    loaded = _loaded_after(_cli(["report", str(tmp_path / "round"), "--out", str(out),
                                 "--quiet", "--no-png", "--workers", "1"]))
    assert (out / "report.html").is_file()
    assert {"plotly", "xlsxwriter", "sgw_analysis.charts"} <= loaded
    assert "kaleido" not in loaded


def test_examining_a_return_needs_no_presentation_or_validation_modules():
    loaded = _loaded_after("import sgw_analysis.examine")
    assert not loaded & {*PRESENTATION, "pandas", "pandera", "sgw_analysis.validate", "tqdm"}
