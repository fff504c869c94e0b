"""A small supervisor of forked worker processes: one file at a time each, under a memory ceiling
and a deadline enforced from outside, so that a reader that hangs, panics or allocates without
bound costs one file, never the round.

A worker that dies, runs out of memory or passes its deadline is killed and replaced; its file
gets a ``Failure`` (and, once, a retry item if the caller gives one, e.g. with a slower reader).
Linux fork keeps starting a worker cheap and lets tests inject stand-in readers before the fork.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import resource
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

from sgw_analysis.limits import LIMITS, Limits

Item = TypeVar("Item")
Result = TypeVar("Result")

TIMEOUT = "timeout"  # the file passed its deadline
MEMORY = "memory"  # the work raised MemoryError under the worker's ceiling
DIED = "died"  # the worker process ended without answering (a crash, an abort, a kill)
CRASHED = "crashed"  # the work raised something that is not an Exception (e.g. a Rust panic)
TOO_LARGE = "result_too_large"  # the answer is larger than limits.result_bytes


@dataclass(frozen=True)
class Failure:
    """Why a file's work produced no result: one of the kinds above, with a detail for people."""

    kind: str
    detail: str = ""


def cap_memory(allowance: int) -> None:
    """Let this process grow its address space by ``allowance`` bytes beyond its current size."""
    with open("/proc/self/status", encoding="ascii") as status:
        size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = size_kb * 1024 + allowance
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def _answer(index: int, work: Callable[[object], object], item: object,
            limits: Limits) -> tuple[bytes, bool]:
    """The pickled (index, ok, result-or-Failure) of one item, and whether it is a result."""
    try:
        payload = pickle.dumps((index, True, work(item)), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return pickle.dumps((index, False, Failure(MEMORY))), False
    except BaseException as exc:
        return pickle.dumps((index, False, Failure(CRASHED, type(exc).__name__))), False
    if len(payload) > limits.result_bytes:
        return pickle.dumps((index, False, Failure(TOO_LARGE, str(len(payload))))), False
    return payload, True


def _worker(conn: Connection, work: Callable[[object], object], limits: Limits) -> None:
    """A worker's life: take an item, answer, repeat; exit after a failure (its state is suspect)."""
    faulthandler.disable()  # a crash here is a rejected file, not a traceback on the terminal
    cap_memory(limits.worker_memory_bytes)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if message is None:
            os._exit(0)
        index, item = message
        answer, ok = _answer(index, work, item, limits)
        conn.send_bytes(answer)
        if not ok:
            os._exit(0)


class _Slot:
    """One worker process, its end of the pipe, and the item it is working on with its deadline."""

    def __init__(self, work: Callable[[object], object], limits: Limits) -> None:
        parent_end, child_end = multiprocessing.Pipe()
        context = multiprocessing.get_context("fork")
        self.process = context.Process(target=_worker, args=(child_end, work, limits), daemon=True)
        self.process.start()
        child_end.close()
        self.conn = parent_end
        self.index: int | None = None
        self.deadline = 0.0

    def give(self, index: int, item: object, seconds: float) -> None:
        self.index, self.deadline = index, time.monotonic() + seconds
        self.conn.send((index, item))

    def stop(self, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


@dataclass
class Supervisor(Generic[Item, Result]):
    """Runs ``work`` on every item in worker processes; ``failed`` turns a Failure into a result."""

    work: Callable[[Item], Result]
    failed: Callable[[Item, Failure], Result]
    retry: Callable[[Item, Failure], Item | None] = lambda _item, _failure: None
    limits: Limits = LIMITS
    workers: int = 1
    progress: Callable[[Result], None] | None = None

    def run(self, items: Sequence[Item]) -> list[Result]:
        """Every item's result (or its failure's), in the order of ``items``."""
        self._items = list(items)
        self._results: dict[int, Result] = {}
        self._retried: set[int] = set()
        self._pending = deque(range(len(self._items)))
        slots = [_Slot(self.work, self.limits) for _ in range(min(self.workers, len(items)))]
        try:
            while len(self._results) < len(self._items):
                for slot in slots:
                    if slot.index is None and self._pending:
                        index = self._pending.popleft()
                        slot.give(index, self._items[index], self.limits.file_seconds)
                slots = self._step(slots)
        finally:
            for slot in slots:
                slot.stop(kill=slot.index is not None)
        return [self._results[i] for i in range(len(self._items))]

    def _step(self, slots: list[_Slot]) -> list[_Slot]:
        """Wait for an answer, a death or a deadline; replace every worker that failed or died."""
        busy = [s for s in slots if s.index is not None]
        timeout = max(0.0, min(s.deadline for s in busy) - time.monotonic()) if busy else None
        ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in slots], timeout))
        kept = []
        for slot in slots:
            if self._keep(slot, ready):
                kept.append(slot)
            else:
                slot.stop(kill=True)
                kept.append(_Slot(self.work, self.limits))
        return kept

    def _keep(self, slot: _Slot, ready: set) -> bool:
        """Take the slot's answer if there is one; False where its worker must be replaced."""
        index = slot.index
        if index is not None and slot.conn in ready:
            try:
                _, ok, value = pickle.loads(slot.conn.recv_bytes())
            except (EOFError, OSError):
                slot.index = None
                self._fail(index, Failure(DIED, _exit_detail(slot)))
                return False
            slot.index = None
            if ok:
                self._done(index, value)
                return True
            self._fail(index, value)
            return False
        if index is not None and time.monotonic() >= slot.deadline:
            slot.index = None
            self._fail(index, Failure(TIMEOUT, f"{self.limits.file_seconds:g}"))
            return False
        if not slot.process.is_alive():
            if index is not None:
                slot.index = None
                self._fail(index, Failure(DIED, _exit_detail(slot)))
            return False
        return True

    def _fail(self, index: int, failure: Failure) -> None:
        item = self._items[index]
        again = None if index in self._retried else self.retry(item, failure)
        if again is not None:
            self._retried.add(index)
            self._items[index] = again
            self._pending.appendleft(index)
            return
        self._done(index, self.failed(item, failure))

    def _done(self, index: int, result: Result) -> None:
        self._results[index] = result
        if self.progress:
            self.progress(result)


def _exit_detail(slot: _Slot) -> str:
    slot.process.join(1)
    return str(slot.process.exitcode)
