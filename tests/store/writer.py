"""A separate process that records attempts and prints each id once it is stored.

    python -m tests.store.writer STORE LEARNER COUNT

A printed id is an acknowledged attempt: the store has committed it. Each
writer also sends the same 20 shared attempts, which must be stored once.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid

from mentor_course.store import Store
from tests.attempts import attempt, bank

SHARED_IDS = [str(uuid.uuid5(uuid.NAMESPACE_URL, f"shared-{n}")) for n in range(20)]
SHARED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def main(url: str, learner: str, count: int) -> None:
    quiz = bank()
    with Store.open(url) as store:
        for attempt_id in SHARED_IDS:
            store.record_attempt(
                attempt("Shared", quiz, right=3, attempt_id=attempt_id, finished_at=SHARED_TIME)
            )
        for n in range(count):
            record = attempt(learner, quiz, right=n % 11)
            store.record_attempt(record)
            print(record.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
