"""Group commit: many concurrent submissions, one transaction and one disk sync.

A busy server gets attempts from many mentors at once. Writing each in its
own transaction makes every one wait for its own disk sync, in turn (SQLite
has one writer at a time). The writer thread instead takes everything that
is waiting, stores it with `Store.record_attempts`, and only then answers
each submitter: nothing is acknowledged before it is committed.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future

from mentor_course.store.attempts import Outcome
from mentor_course.store.errors import StoreError
from mentor_course.store.records import AttemptRecord
from mentor_course.store.store import Store

_STOP = None
Pending = tuple[AttemptRecord, "Future[Outcome]"]


class AttemptWriter:
    """Stores submitted attempts in batches of up to `max_batch`, on its own thread."""

    def __init__(self, store: Store, max_batch: int = 256) -> None:
        self.store, self.max_batch = store, max_batch
        self._queue: queue.SimpleQueue[Pending | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="attempt-writer", daemon=True)
        self._thread.start()

    def submit(self, record: AttemptRecord) -> Future[Outcome]:
        """A future that resolves once `record` is committed (or fails with why not)."""
        future: Future[Outcome] = Future()
        self._queue.put((record, future))
        return future

    def close(self) -> None:
        """Store what is waiting, then stop the thread."""
        self._queue.put(_STOP)
        self._thread.join()

    def _run(self) -> None:
        while (first := self._queue.get()) is not _STOP:
            batch = [first]
            stopping = False
            while len(batch) < self.max_batch:
                try:
                    pending = self._queue.get_nowait()
                except queue.Empty:
                    break
                if pending is _STOP:
                    stopping = True
                    break
                batch.append(pending)
            self._write(batch)
            if stopping:
                return

    def _write(self, batch: list[Pending]) -> None:
        try:
            outcomes = self.store.record_attempts([record for record, _ in batch])
        except Exception as exc:  # the store is down: every submitter hears why
            for _, future in batch:
                future.set_exception(exc)
            return
        for (_, future), outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, StoreError):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)
