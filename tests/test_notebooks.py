"""The analyst notebooks run top to bottom, show the library's own tables, and are committed clean."""

from __future__ import annotations

import json
import math
import numbers
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import sgw_analysis as sgw
from sgw_analysis.demo import write_demo_round
from sgw_analysis.notebook import DISPLAY_OPTIONS, notebook_setup

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = ("01_ingest", "02_coverage", "03_gaps")
SAMPLE_RETURNS = ROOT.parent / "shared" / "samples" / "returns"
ROUNDS = ("demo", "samples")

# the parameters each notebook declares, with the defaults the analyst sees
PARAMETERS: dict[str, dict[str, object]] = {
    "01_ingest": {"raw_dir": "../raw_submissions/demo-2017", "out_dir": None},
    "02_coverage": {"raw_dir": "../raw_submissions/demo-2017", "province": "四川省",
                    "vintage": "2016"},
    "03_gaps": {"raw_dir": "../raw_submissions/demo-2017", "out_dir": "../outputs/notebook",
                "png": False},
}

Judged = tuple[sgw.Tables, sgw.Report]
# which library table each notebook shows (the cell tagged "<name>-table"), by name
SHOWN: dict[str, dict[str, Callable[[Judged], pd.DataFrame]]] = {
    "01_ingest": {
        "submissions": lambda judged: judged[0].submissions,
        "issues": lambda judged: judged[0].issues,
    },
    "02_coverage": {
        "coverage": lambda judged: judged[1].result.coverage,
        "national": lambda judged: judged[1].result.national,
    },
    "03_gaps": {
        "followup": lambda judged: judged[1].result.followup,
        "timeliness": lambda judged: judged[1].result.timeliness,
    },
}


def _read(name: str) -> dict:
    return json.loads((NOTEBOOK_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))


def _tagged(notebook: dict, tag: str) -> dict:
    cells = [c for c in notebook["cells"] if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    return cells[0]


# ------------------------------------------------------------------------ committed notebooks
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebook_has_no_outputs(name: str) -> None:
    notebook = _read(name)
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{name}: cell {index} has outputs (run nbstripout)"
            assert cell["execution_count"] is None, f"{name}: cell {index} has an execution count"
        assert "papermill" not in cell.get("metadata", {}), f"{name}: cell {index} was executed"
        assert "injected-parameters" not in cell.get("metadata", {}).get("tags", [])
    assert "widgets" not in notebook["metadata"]
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


def test_committed_notebooks_pass_nbstripout_verify() -> None:
    nbstripout = shutil.which("nbstripout", path=str(Path(sys.executable).parent))
    if nbstripout is None:
        pytest.skip("nbstripout not installed (pip install -e '.[dev]')")
    paths = [str(NOTEBOOK_DIR / f"{name}.ipynb") for name in NOTEBOOKS]
    done = subprocess.run([nbstripout, "--verify", *paths], capture_output=True, text=True)
    assert done.returncode == 0, f"run nbstripout notebooks/*.ipynb: {done.stdout}{done.stderr}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_parameters_cell(name: str) -> None:
    import papermill

    _tagged(_read(name), "parameters")
    declared = papermill.inspect_notebook(str(NOTEBOOK_DIR / f"{name}.ipynb"))
    for parameter, default in PARAMETERS[name].items():
        assert parameter in declared, f"{name} declares no parameter {parameter!r}"
        assert declared[parameter]["default"] == repr(default).replace("'", '"')


# ------------------------------------------------------------------------- the setup cell
def test_notebook_setup_sets_display_options_and_writes_only_a_missing_demo_round(tmp_path):
    before = [item for option in DISPLAY_OPTIONS for item in (option, pd.get_option(option))]
    kept = tmp_path / "kept" / "demo-2017"
    kept.mkdir(parents=True)
    (kept / "北京市 附件2.xlsx").write_bytes(b"as received")
    with pd.option_context(*before):  # restored afterwards
        other = notebook_setup(str(tmp_path / "2017-04"))
        demo = notebook_setup(tmp_path / "demo-2017")
        assert notebook_setup(kept) == kept
        assert {option: pd.get_option(option) for option in DISPLAY_OPTIONS} == DISPLAY_OPTIONS
    assert other == tmp_path / "2017-04" and not other.exists()
    assert sorted(p.name for p in kept.iterdir()) == ["北京市 附件2.xlsx"]
    assert sgw.ingest(demo).is_demo


# --------------------------------------------------------------------------- executed notebooks
@pytest.fixture(scope="module")
def round_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo round written into a temporary folder, and the shared samples when present."""
    demo = tmp_path_factory.mktemp("round") / "demo"
    write_demo_round(demo)
    return {"demo": demo, "samples": SAMPLE_RETURNS}


def _round(round_dirs: dict[str, Path], round_name: str) -> Path:
    folder = round_dirs[round_name]
    if round_name == "samples" and not folder.is_dir():
        pytest.skip("../shared/samples not present: notebooks over the shared samples skipped")
    return folder


@pytest.fixture(scope="module")
def executed(round_dirs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory,
             ) -> Callable[[str, str], tuple[dict, Path]]:
    """Run a notebook on a round once (papermill, cwd notebooks/); its JSON and its out_dir."""
    import papermill

    cache: dict[tuple[str, str], tuple[dict, Path]] = {}

    def run(name: str, round_name: str) -> tuple[dict, Path]:
        if (name, round_name) not in cache:
            raw_dir = _round(round_dirs, round_name)
            work = tmp_path_factory.mktemp(f"{name}-{round_name}")
            parameters: dict[str, object] = {"raw_dir": str(raw_dir)}
            if "out_dir" in PARAMETERS[name]:
                parameters["out_dir"] = str(work / "out")
            output = work / f"{name}.ipynb"
            papermill.execute_notebook(
                str(NOTEBOOK_DIR / f"{name}.ipynb"), str(output), parameters=parameters,
                kernel_name="python3", cwd=str(NOTEBOOK_DIR), progress_bar=False,
                log_output=False)
            cache[name, round_name] = (json.loads(output.read_text(encoding="utf-8")),
                                       work / "out")
        return cache[name, round_name]

    return run


@pytest.fixture(scope="module")
def library(round_dirs: dict[str, Path]) -> Callable[[str], Judged]:
    """The library's own tables for a round, computed here, not in the notebook."""
    cache: dict[str, Judged] = {}

    def judged(round_name: str) -> Judged:
        if round_name not in cache:
            raw_dir = _round(round_dirs, round_name)
            tables = sgw.ingest(raw_dir)
            cache[round_name] = (tables, sgw.judge(tables, sgw.Config(raw_dir=raw_dir)))
        return cache[round_name]

    return judged


@pytest.mark.slow
@pytest.mark.parametrize("round_name", ROUNDS)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_top_to_bottom(executed, name: str, round_name: str) -> None:
    notebook, out_dir = executed(name, round_name)
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(c["metadata"]["papermill"]["status"] == "completed" for c in code)
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == []
    if name == "01_ingest":
        assert sorted(p.name for p in (out_dir / "tables").iterdir()) == [
            "form_totals.csv", "issues.csv", "provincial_groups.csv", "submissions.csv"]
    if name == "02_coverage":
        charts = _tagged(notebook, "charts")["outputs"]
        assert len(charts) == 6
        assert all("application/vnd.plotly.v1+json" in o["data"] for o in charts)
    if name == "03_gaps":
        for written in ("summary.xlsx", "report.html", "manifest.json", "tables/coverage.csv",
                        "tables/followup.csv"):
            assert (out_dir / written).stat().st_size > 0, written
        assert not (out_dir / "charts").exists()  # png=False by default


def _value(value: object) -> object:
    """A cell as plain comparable Python: NA → None, numbers as int or a 12-digit float."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if number.is_integer():
            return int(number)
        return float(f"{number:.12g}") if math.isfinite(number) else number
    return str(value)


def _html_rows(cell: dict) -> int:
    """How many body rows the cell's displayed table (its last HTML output) has."""
    html = [o["data"]["text/html"] for o in cell["outputs"] if "text/html" in o.get("data", {})]
    assert html, "the cell shows no table"
    text = "".join(html[-1])
    body = text.split("<tbody>", 1)[1] if "<tbody>" in text else ""
    return body.count("<tr")


@pytest.mark.slow
@pytest.mark.parametrize("round_name", ROUNDS)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_shown_tables_equal_library(executed, library, name: str, round_name: str) -> None:
    notebook, _ = executed(name, round_name)
    outputs = _tagged(notebook, "tables-json")["outputs"]
    shown = next(o["data"]["application/json"] for o in outputs
                 if "application/json" in o.get("data", {}))
    assert set(shown) == set(SHOWN[name])
    judged = library(round_name)
    for table, of in SHOWN[name].items():
        expected = of(judged)
        split = shown[table]
        assert split["columns"] == list(expected.columns), table
        assert len(split["data"]) == len(expected), f"{table}: row count"
        for index, (got, want) in enumerate(zip(split["data"], expected.itertuples(index=False),
                                                strict=True)):
            assert [_value(v) for v in got] == [_value(v) for v in want], f"{table} row {index}"
        assert _html_rows(_tagged(notebook, f"{table}-table")) == len(expected), (
            f"{table}: the displayed table does not show every row")
