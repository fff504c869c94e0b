"""`sgw ingest | report | demo`: parse arguments, show progress, call the library; no logic here."""

from __future__ import annotations

import argparse
import gc
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sgw_analysis import labels

if TYPE_CHECKING:  # each command loads only what it runs: `--help` needs none of pandas
    from tqdm import tqdm

    from sgw_analysis.config import Config
    from sgw_analysis.tables import Tables


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sgw", description="Consolidate the Annex 2 returns of the 2017 WeChat group notice.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("ingest", "read every return into the four tables"),
                       ("report", "ingest, judge coverage, write tables, summary.xlsx, "
                                  f"report.html, report.pdf and {labels.CIRCULAR_FILE}")):
        command = commands.add_parser(name, help=text)
        command.add_argument("raw", type=Path, help="the round's folder of returned files")
        command.add_argument("--out", type=Path, default=Path("outputs"), help="output folder")
        command.add_argument("--workers", type=int, default=None,
                             help="reading processes (default: all cores for large rounds)")
        command.add_argument("--quiet", action="store_true", help="no progress bar")
        if name == "report":
            command.add_argument("--vintage", default="2016",
                                 help="reference denominators: 2016 (default) or 2017")
            command.add_argument("--divisions", type=Path, default=None,
                                 help="a divisions CSV of the packaged shape (another vintage)")
            command.add_argument("--deadline", type=date.fromisoformat, default=None,
                                 help="override the deadline (ISO date, default 2017-04-15)")
            command.add_argument(
                "--include-xpcc", action="store_true",
                help="expect a return from the XPCC (Xinjiang Production and Construction Corps) too")
            command.add_argument("--previous", type=Path, default=None,
                                 help="an earlier round's output folder, to compare with")
            command.add_argument("--no-png", action="store_true",
                                 help="skip what needs Chromium: the PNG charts, report.pdf "
                                      f"and the charts in {labels.CIRCULAR_FILE}")
    template = commands.add_parser("template", help="write the fillable Annex 2 template per province")
    template.add_argument("--out", type=Path, default=Path("templates"), help="output folder")
    template.add_argument("--deadline", type=date.fromisoformat, default=None,
                          help="the deadline its instructions give (ISO date, default 2017-04-15)")
    template.add_argument("--include-xpcc", action="store_true",
                          help="a template for the XPCC (Xinjiang Production and Construction Corps) too")
    demo = commands.add_parser("demo", help="write the demo round (invented returns, marked as demo data)")
    demo.add_argument("folder", type=Path, help="where to write it")
    demo.add_argument("--seed", type=int, default=2017)
    demo.add_argument("--round", type=int, choices=(1, 2), default=1,
                      help="2: a few weeks later, with template returns and corrections")
    return parser


def _config(args: argparse.Namespace) -> Config:
    from dataclasses import replace

    from sgw_analysis.config import Config
    from sgw_analysis.requirements import Requirements

    requirements = Requirements()
    if getattr(args, "deadline", None):
        requirements = replace(requirements, deadline=args.deadline)
    if getattr(args, "include_xpcc", False):
        requirements = replace(requirements, include_xpcc=True)
    return Config(raw_dir=args.raw, out_dir=args.out,
                  reference_vintage=getattr(args, "vintage", "2016"),
                  divisions_path=getattr(args, "divisions", None),
                  requirements=requirements, workers=args.workers,
                  previous_dir=getattr(args, "previous", None))


def _summary(tables: Tables) -> str:
    status = tables.submissions["status"].value_counts()
    severity = tables.issues["severity"].value_counts()
    line = labels.CLI["summary"].format(
        files=len(tables.submissions), ingested=status.get("ingested", 0),
        superseded=status.get("superseded", 0), rejected=status.get("rejected", 0),
        errors=severity.get("error", 0), warnings=severity.get("warning", 0))
    return f"{line}\n{labels.CLI['demo_round']}" if tables.is_demo else line


def _bar(total: int, desc: str, unit: str, quiet: bool) -> tqdm:
    """A progress bar on standard error, silent when ``quiet``."""
    from tqdm import tqdm

    return tqdm(total=total, desc=labels.CLI[desc], unit=labels.CLI[unit], disable=quiet,
                file=sys.stderr)


def _run(args: argparse.Namespace, config: Config) -> tuple[Tables, list[Path]]:
    """Ingest (and for ``report`` judge and present) with progress bars; tables and files written."""
    from sgw_analysis import pipeline
    from sgw_analysis.write import scratch_in, table_outputs, write_outputs

    files = _bar(len(pipeline.find_files(config.raw_dir)), "reading", "file_unit", args.quiet)
    stages: list[tqdm] = []  # opened when reading is done, so the two bars never interleave

    def on_stage(stage: str) -> None:
        if not stages:
            files.close()
            stages.append(_bar(len(pipeline.REPORT_STAGES), "reporting", "stage_unit", args.quiet))
        stages[0].set_postfix_str(labels.CLI_STAGE[stage], refresh=False)
        stages[0].update()

    try:
        if args.command == "ingest":
            with scratch_in(config.out_dir):
                tables = pipeline.ingest(config.raw_dir, config.requirements, config.workers,
                                         progress=lambda _file: files.update())
            return tables, write_outputs(config.out_dir, table_outputs(tables))
        judged, written = pipeline.report(config, png=not args.no_png,
                                          on_file=lambda _file: files.update(),
                                          on_stage=on_stage)
        return judged.tables, written
    finally:
        for bar in (files, *stages):
            bar.close()


def _templates(args: argparse.Namespace) -> int:
    """Write the templates; 1 when the folder cannot be written."""
    from dataclasses import replace

    from sgw_analysis.pipeline import template_outputs
    from sgw_analysis.requirements import Requirements
    from sgw_analysis.write import write_outputs

    requirements = Requirements()
    if args.deadline:
        requirements = replace(requirements, deadline=args.deadline)
    if args.include_xpcc:
        requirements = replace(requirements, include_xpcc=True)
    try:
        written = write_outputs(args.out, template_outputs(requirements))
    except OSError as exc:
        print(labels.CLI["cannot_write"].format(folder=args.out, error=exc), file=sys.stderr)
        return 1
    print(labels.CLI_TEMPLATES_WRITTEN.format(count=len(written), folder=args.out))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; 0 when the run completed (even with errors in returns), else non-zero."""
    args = _parser().parse_args(argv)
    if args.command == "demo":
        from sgw_analysis.demo import write_demo_round
        from sgw_analysis.demo.second_round import write_second_round

        write = write_second_round if args.round == 2 else write_demo_round
        round_ = write(args.folder, seed=args.seed)
        print(labels.CLI["demo_written"].format(
            returns=len(round_.files), missing=len(round_.missing), folder=args.folder))
        return 0
    if args.command == "template":
        return _templates(args)
    config = _config(args)
    if not config.raw_dir.is_dir():
        print(labels.CLI["no_folder"].format(folder=config.raw_dir), file=sys.stderr)
        return 2
    from sgw_analysis.browser import BrowserError

    try:
        tables, written = _run(args, config)
    except OSError as exc:
        print(labels.CLI["cannot_write"].format(folder=config.out_dir, error=exc),
              file=sys.stderr)
        return 1
    except BrowserError as exc:
        print(f"{exc}\n{labels.CLI['try_no_png']}", file=sys.stderr)
        return 1
    print(_summary(tables))
    if args.command == "report" and args.no_png:
        print(labels.NO_CHROMIUM_OUTPUTS)
    print(labels.CLI["written"].format(paths="、".join(str(p) for p in written)))
    return 0


def run() -> None:
    """The ``sgw`` command: ``main``, then exit without the collector walking what is left.

    Freeing the interpreter with pandas and pandera loaded runs the cyclic collector over
    every object they made (0.1 s and more); frozen objects are left to the exit itself.
    Files are closed and atexit handlers run as on any exit.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
