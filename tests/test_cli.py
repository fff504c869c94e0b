"""The `sgw` command: what it writes, what it prints, and its exit codes."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from sgw_analysis import labels
from sgw_analysis.cli import main
from sgw_analysis.demo import write_demo_round

TABLES = ("submissions", "form_totals", "provincial_groups", "issues")


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("round") / "demo-2017"
    write_demo_round(folder)
    return folder


@pytest.fixture(scope="module")
def report_out(demo_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    assert main(["report", str(demo_folder), "--out", str(out), "--quiet", "--no-png"]) == 0
    return out


def test_ingest_writes_the_four_tables_as_utf8_bom_csv(demo_folder, tmp_path, capsys):
    assert main(["ingest", str(demo_folder), "--out", str(tmp_path), "--quiet"]) == 0
    for name in TABLES:
        data = (tmp_path / "tables" / f"{name}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
    summary = capsys.readouterr().out
    assert "共32个文件：采用29个，被替代2个，未采用1个" in summary
    assert "示例数据" in summary


def test_a_value_that_could_not_be_read_is_an_empty_cell_not_zero(demo_folder, tmp_path):
    main(["ingest", str(demo_folder), "--out", str(tmp_path), "--quiet"])
    totals = pd.read_csv(tmp_path / "tables" / "form_totals.csv", dtype=str,
                         keep_default_na=False, encoding="utf-8-sig")
    issues = pd.read_csv(tmp_path / "tables" / "issues.csv", dtype=str, keep_default_na=False,
                         encoding="utf-8-sig")
    pending = issues[issues["rule"] == "value_not_a_number"]
    assert len(pending) == 1 and pending.iloc[0]["value"] == "待统计"
    row = totals[totals["province_code"] == pending.iloc[0]["province_code"]]
    assert "" in set(row["groups"]) | set(row["contacts"])
    assert "0" not in set(row["groups"]) | set(row["contacts"])


def test_a_missing_folder_exits_2_with_a_chinese_message(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "nowhere"), "--out", str(tmp_path), "--quiet"]) == 2
    assert "报送文件夹不存在" in capsys.readouterr().err


def test_the_command_as_a_process_exits_with_mains_code_and_writes_whole_tables(demo_folder,
                                                                               tmp_path):
    command = [sys.executable, "-m", "sgw_analysis.cli"]
    missing = subprocess.run([*command, "ingest", str(tmp_path / "nowhere"), "--quiet"],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "报送文件夹不存在" in missing.stderr
    done = subprocess.run([*command, "ingest", str(demo_folder), "--out", str(tmp_path / "o"),
                           "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0
    submissions = pd.read_csv(tmp_path / "o" / "tables" / "submissions.csv", encoding="utf-8-sig")
    assert len(submissions) == 32


def test_an_unwritable_output_exits_1_and_says_why(demo_folder, tmp_path, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    assert main(["ingest", str(demo_folder), "--out", str(blocker), "--quiet"]) == 1
    assert "无法写出结果" in capsys.readouterr().err


def test_bad_arguments_exit_non_zero():
    with pytest.raises(SystemExit) as stopped:
        main(["report"])
    assert stopped.value.code == 2


def test_report_writes_six_tables_workbook_html_and_manifest(report_out):
    for name in (*TABLES, "coverage", "followup"):
        assert (report_out / "tables" / f"{name}.csv").is_file()
    assert (report_out / "summary.xlsx").read_bytes()[:2] == b"PK"
    html = (report_out / "report.html").read_text(encoding="utf-8")
    assert "示例数据" in html
    coverage = pd.read_csv(report_out / "tables" / "coverage.csv", dtype=str,
                           encoding="utf-8-sig")
    assert len(coverage) == 31 * 3
    assert (report_out / "情况通报.docx").read_bytes()[:2] == b"PK"
    assert not (report_out / "report.pdf").exists()  # --no-png: nothing that needs Chromium


def test_no_png_says_what_it_skipped(demo_folder, tmp_path, capsys):
    assert main(["report", str(demo_folder), "--out", str(tmp_path), "--quiet", "--no-png"]) == 0
    printed = capsys.readouterr().out
    assert labels.NO_CHROMIUM_OUTPUTS in printed and "情况通报.docx" in printed


def test_manifest_traces_every_input_and_every_output(report_out, demo_folder):
    manifest = json.loads((report_out / "manifest.json").read_text(encoding="utf-8"))
    text = json.dumps(manifest, ensure_ascii=False)
    for path in demo_folder.rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() in text
    written = [p for p in report_out.rglob("*") if p.is_file() and p.name != "manifest.json"]
    assert written
    for path in written:
        assert hashlib.sha256(path.read_bytes()).hexdigest() in text, path
    assert "2017-04-15" in text


def test_report_is_reproducible_but_for_the_generation_time(demo_folder, report_out, tmp_path):
    again = tmp_path / "again"
    assert main(["report", str(demo_folder), "--out", str(again), "--quiet", "--no-png"]) == 0
    for name in (*TABLES, "coverage", "followup"):
        first = (report_out / "tables" / f"{name}.csv").read_bytes()
        assert (again / "tables" / f"{name}.csv").read_bytes() == first, name


def test_demo_command_writes_a_round_that_report_accepts(tmp_path, capsys):
    assert main(["demo", str(tmp_path / "d")]) == 0
    assert "已生成示例数据" in capsys.readouterr().out
    assert any(p.suffix == ".xls" for p in (tmp_path / "d").rglob("*"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Debian's chromium is not installed: PNG export skipped")
def test_report_writes_a_png_of_every_chart_and_no_temp_file_outside_out(
        demo_folder, tmp_path, monkeypatch):
    system_temp = Path(tempfile.mkdtemp(prefix="sgw-t-", dir="/tmp"))  # short, as a real TMPDIR
    monkeypatch.setenv("TMPDIR", str(system_temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    out = tmp_path / "out"
    assert main(["report", str(demo_folder), "--out", str(out), "--quiet"]) == 0
    pngs = sorted((out / "charts").glob("*.png"))
    assert len(pngs) == 6
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert (out / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert list(system_temp.iterdir()) == []  # Chromium's profiles lived in OUT's scratch
    system_temp.rmdir()
    assert not (out / ".sgw-scratch").exists()


def test_a_browser_that_dies_fails_the_report_with_a_reason_not_a_hang(demo_folder, tmp_path,
                                                                       monkeypatch, capsys):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(broken))
    assert main(["report", str(demo_folder), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "Chromium" in err and "--no-png" in err
