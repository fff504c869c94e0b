"""A small supervisor of forked worker processes: one file at a time each, under a memory ceiling
and a deadline enforced from outside, so that a reader that hangs, panics or allocates without
bound costs one file, never the round.

A worker is given a small batch of files and answers each in turn, so the supervisor always knows
which file a worker is on: the first of its batch not yet answered, whose deadline runs from the
previous answer. A worker that dies, runs out of memory or passes that deadline is killed and
replaced; its file gets a ``Failure`` (and, once, a retry item if the caller gives one, e.g. with
a slower reader) and the rest of its batch goes back to the queue. Linux fork keeps starting a
worker cheap and lets tests inject stand-in readers before the fork.
"""

from __future__ import annotations

import faulthandler
import gc
import multiprocessing
import os
import pickle
import resource
import threading
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
    """A worker's life: take a batch, answer each item in turn; exit after a failure (its state
    is suspect: the rest of the batch goes to a fresh worker)."""
    faulthandler.disable()  # a crash here is a rejected file, not a traceback on the terminal
    gc.freeze()  # what the parent had is never garbage here: the collector skips it
    gc.enable()  # (the parent pauses its own while it gathers results)
    cap_memory(limits.worker_memory_bytes)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if batch is None:
            os._exit(0)
        for index, item in batch:
            answer, ok = _answer(index, work, item, limits)
            conn.send_bytes(answer)
            if not ok:
                os._exit(0)


class _Slot:
    """One worker process, its end of the pipe, the items it holds and the current one's deadline."""

    def __init__(self, work: Callable[[object], object], limits: Limits) -> None:
        parent_end, child_end = multiprocessing.Pipe()
        context = multiprocessing.get_context("fork")
        self.process = context.Process(target=_worker, args=(child_end, work, limits), daemon=True)
        self.process.start()
        child_end.close()
        self.conn = parent_end
        self.held: deque[int] = deque()  # indexes given, not yet answered; the first is under way
        self.deadline = 0.0

    @property
    def index(self) -> int | None:
        """The item the worker is on (the first of its batch not yet answered), if any."""
        return self.held[0] if self.held else None

    def give(self, batch: list[tuple[int, object]], seconds: float) -> None:
        self.held.extend(index for index, _item in batch)
        self.deadline = time.monotonic() + seconds
        self.conn.send(batch)

    def answered(self, seconds: float) -> int:
        """The item just answered; the next one's deadline runs from now."""
        self.deadline = time.monotonic() + seconds
        return self.held.popleft()

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
    batch: int = 16  # items given to a worker at once, at most; fewer as the queue empties

    def run(self, items: Sequence[Item],
            meanwhile: Callable[[], object] | None = None) -> list[Result]:
        """Every item's result (or its failure's), in the order of ``items``.

        ``meanwhile`` runs in a thread of this process once the first workers have started (e.g.
        loading what comes after); a replacement worker is forked only once it is done.
        """
        self._items = list(items)
        self._results: dict[int, Result] = {}
        self._retried: set[int] = set()
        self._pending = deque(range(len(self._items)))
        slots = [_Slot(self.work, self.limits) for _ in range(min(self.workers, len(items)))]
        self._meanwhile = _in_thread(meanwhile)
        collecting = gc.isenabled()
        gc.disable()  # results pile up here; the cyclic collector would walk them again and again
        try:
            while len(self._results) < len(self._items):
                for slot in slots:
                    if not slot.held and self._pending:
                        slot.give(self._next_batch(len(slots)), self.limits.file_seconds)
                slots = self._step(slots)
        finally:
            for slot in slots:
                slot.stop(kill=bool(slot.held))
            if collecting:
                gc.enable()
            self._meanwhile.join()
        return [self._results[i] for i in range(len(self._items))]

    def _next_batch(self, workers: int) -> list[tuple[int, object]]:
        """The next items for an idle worker: smaller batches near the end keep every core busy."""
        size = max(1, min(self.batch, len(self._pending) // (4 * workers)))
        indexes = [self._pending.popleft() for _ in range(min(size, len(self._pending)))]
        return [(index, self._items[index]) for index in indexes]

    def _step(self, slots: list[_Slot]) -> list[_Slot]:
        """Wait for an answer, a death or a deadline; replace every worker that failed or died."""
        busy = [s for s in slots if s.held]
        timeout = max(0.0, min(s.deadline for s in busy) - time.monotonic()) if busy else None
        ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in slots], timeout))
        kept = []
        for slot in slots:
            if self._keep(slot, ready):
                kept.append(slot)
            else:
                self._pending.extendleft(reversed(slot.held))  # the rest of its batch, in order
                slot.held.clear()
                slot.stop(kill=True)
                self._meanwhile.join()  # no fork while another thread may hold a lock
                kept.append(_Slot(self.work, self.limits))
        return kept

    def _keep(self, slot: _Slot, ready: set) -> bool:
        """Take the slot's answer if there is one; False where its worker must be replaced."""
        if slot.held and slot.conn in ready:
            try:
                _, ok, value = pickle.loads(slot.conn.recv_bytes())
            except (EOFError, OSError):
                self._fail(slot.held.popleft(), Failure(DIED, _exit_detail(slot)))
                return False
            index = slot.answered(self.limits.file_seconds)  # a worker answers in turn
            if ok:
                self._done(index, value)
                return True
            self._fail(index, value)
            return False
        if slot.held and time.monotonic() >= slot.deadline:
            self._fail(slot.held.popleft(), Failure(TIMEOUT, f"{self.limits.file_seconds:g}"))
            return False
        if not slot.process.is_alive():
            if slot.held:
                self._fail(slot.held.popleft(), Failure(DIED, _exit_detail(slot)))
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


def _in_thread(action: Callable[[], object] | None) -> threading.Thread:
    """A started thread running ``action``; its failure is left for the caller's own later call
    to meet (what it loads is loaded again there, with the error where it belongs)."""

    def run() -> None:
        try:
            if action is not None:
                action()
        except Exception:  # met again, and reported, where the caller does it for real
            pass

    thread = threading.Thread(target=run, name="supervisor-meanwhile", daemon=True)
    thread.start()
    return thread


def _exit_detail(slot: _Slot) -> str:
    slot.process.join(1)
    return str(slot.process.exitcode)
