"""isolate: readers that panic, abort, allocate without bound or never return cost one file, not the round.

The stand-ins replace ``examine.read_bytes`` before the workers fork, so each runs inside a real
worker under its real memory ceiling and deadline; every other file of the round is read as usual.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

from sgw_analysis import examine
from sgw_analysis.isolate import CRASHED, DIED, MEMORY, TIMEOUT, Failure, Supervisor
from sgw_analysis.labels import REJECT_REASON
from sgw_analysis.limits import MIB, Limits
from sgw_analysis.pipeline import ingest

FAST = Limits(file_seconds=3.0, worker_memory_bytes=256 * MIB)


class PanicException(BaseException):
    """What pyo3 raises for a Rust panic: a BaseException, not an Exception."""


def _panic(_data: bytes) -> None:
    raise PanicException("called `Option::unwrap()` on a `None` value")


def _abort(_data: bytes) -> None:
    os.abort()  # a native reader dying outright (a panic compiled to abort, a segfault)


def _allocate_without_bound(_data: bytes) -> None:
    hoard = []
    while True:
        hoard.append(bytearray(16 * MIB))


def _never_return(_data: bytes) -> None:
    while True:
        time.sleep(0.05)


def _round_with_one_bad_file(make_form, monkeypatch, bad_reader):
    make_form(name="广东省 附件2.xlsx")
    make_form(name="广西 附件2.xlsx", unit="广西少工委")
    path, _ = make_form(name="湖南省 附件2.xlsx", unit="湖南省少工委")
    real = examine.read_bytes

    def read_bytes(data, name, *args, **kwargs):
        if name.startswith("广西"):
            return bad_reader(data)
        return real(data, name, *args, **kwargs)

    monkeypatch.setattr(examine, "read_bytes", read_bytes)
    return ingest(path.parent, workers=2, limits=FAST)


@pytest.mark.parametrize(("reader", "code"), [
    (_panic, "read_crashed"),
    (_abort, "read_crashed"),
    (_allocate_without_bound, "read_memory"),
    (_never_return, "read_timeout"),
], ids=["panics", "aborts", "allocates_without_bound", "never_returns"])
def test_a_reader_that_fails_badly_rejects_its_file_and_the_round_completes(
        make_form, monkeypatch, reader, code):
    tables = _round_with_one_bad_file(make_form, monkeypatch, reader)
    status = tables.submissions.set_index("file")["status"].to_dict()
    assert status == {"广东省 附件2.xlsx": "ingested", "广西 附件2.xlsx": "rejected",
                      "湖南省 附件2.xlsx": "ingested"}
    rejection = tables.issues[tables.issues["file"] == "广西 附件2.xlsx"]
    assert list(rejection["rule"]) == [code]
    expected = REJECT_REASON[code].format(what=f"{FAST.file_seconds:g}")
    assert rejection.iloc[0]["message"].startswith(expected)
    assert tables.submissions.set_index("file").loc["广西 附件2.xlsx", "sha256"]  # still traced
    assert set(tables.form_totals["province"]) == {"广东省", "湖南省"}


def _double(x: int) -> int:
    if x == 3:
        os.abort()
    if x == 5:
        while True:
            time.sleep(0.05)
    if x == 7:
        raise PanicException("boom")
    return 2 * x


def test_supervisor_keeps_order_and_replaces_a_worker_after_each_failure():
    failures: dict[int, str] = {}

    def failed(item: int, failure: Failure) -> int:
        failures[item] = failure.kind
        return -item

    supervisor = Supervisor(work=_double, failed=failed, workers=2,
                            limits=Limits(file_seconds=1.0))
    assert supervisor.run(list(range(10))) == [0, 2, 4, -3, 8, -5, 12, -7, 16, 18]
    assert failures == {3: DIED, 5: TIMEOUT, 7: CRASHED}


def test_supervisor_retries_a_failed_item_once_with_what_retry_gives():
    tried = []

    def work(item: tuple[int, bool]) -> str:
        tried.append(item)  # in the worker: not seen here
        if not item[1]:
            os.abort()
        return f"careful {item[0]}"

    supervisor = Supervisor(work=work, failed=lambda item, f: f"failed {item[0]} {f.kind}",
                            retry=lambda item, _f: None if item[1] else (item[0], True),
                            workers=1, limits=Limits(file_seconds=5.0))
    assert supervisor.run([(1, False), (2, True)]) == ["careful 1", "careful 2"]


def test_memory_error_under_the_ceiling_is_a_memory_failure():
    supervisor = Supervisor(work=_allocate_without_bound, failed=lambda _i, f: f.kind,
                            workers=1, limits=Limits(worker_memory_bytes=128 * MIB))
    assert supervisor.run([b""]) == [MEMORY]


def test_a_failure_inside_a_batch_costs_its_item_only_and_the_rest_of_the_batch_is_examined():
    failures: dict[int, str] = {}

    def failed(item: int, failure: Failure) -> int:
        failures[item] = failure.kind
        return -item

    bad = {40: 3, 41: 5, 42: 7, 150: 3}  # abort, hang, panic next to each other in one batch
    supervisor = Supervisor(work=lambda x: _double(bad.get(x, x + 100)), failed=failed,
                            workers=2, batch=16, limits=Limits(file_seconds=1.0))
    results = supervisor.run(list(range(200)))
    assert results == [-x if x in bad else 2 * (x + 100) for x in range(200)]
    assert failures == {40: DIED, 41: TIMEOUT, 42: CRASHED, 150: DIED}


def test_meanwhile_runs_in_a_thread_of_this_process_while_the_workers_work():
    ran: list[tuple[str, int]] = []

    def load_next_stage() -> None:
        ran.append((threading.current_thread().name, os.getpid()))
        raise ImportError("met again where the caller loads it for real")

    supervisor = Supervisor(work=_double, failed=lambda item, _f: -item, workers=2,
                            limits=Limits(file_seconds=1.0))
    assert supervisor.run([1, 2, 3, 4], meanwhile=load_next_stage) == [2, 4, -3, 8]
    assert ran == [("supervisor-meanwhile", os.getpid())]
