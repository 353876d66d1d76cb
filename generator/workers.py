"""Both cores: run a job over many items in forked worker processes when there are enough to pay for it,
or one piece of work in a process of its own while this one goes on.

Workers are forked, so they see the job the parent set up (held in a module
global of the caller) without it being copied or pickled; only the items'
indices go out and each chunk's results come back.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")

# Below this many items, starting workers costs more than it saves.
PARALLEL_FROM = 400
# Items handed to a worker at a time: large enough to keep messages few, small enough to balance.
CHUNK = 200


def in_workers(work: Callable[[Sequence[int]], T], count: int, chunk: int | None = None,
               parallel_from: int | None = None, meanwhile: Callable[[], None] | None = None) -> list[T]:
    """work(indices) over range(count) in chunks of `chunk` items (CHUNK): in forked worker processes when
    there are at least `parallel_from` items (PARALLEL_FROM unless a job's items cost more or less to
    start on), else here. meanwhile(), if given, runs once in this process: while the workers work (they
    are forked before it starts), or after the work when that runs here."""
    chunk = CHUNK if chunk is None else chunk
    chunks = [range(start, min(start + chunk, count)) for start in range(0, count, chunk)]
    workers = min(os.cpu_count() or 1, len(chunks))
    enough = count >= (PARALLEL_FROM if parallel_from is None else parallel_from)
    if not enough or workers < 2 or not _can_fork():
        results = [work(part) for part in chunks]
        if meanwhile is not None:
            meanwhile()
        return results
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending = pool.imap_unordered(work, chunks)
        if meanwhile is not None:
            meanwhile()
        return list(pending)


@contextlib.contextmanager
def in_background(work: Callable[[], T], start: bool = True) -> Iterator[Callable[[], T]]:
    """Within the block, work() runs in a forked process (when `start`); the block gets a function that
    waits for its result. Leaving the block stops the process if it still runs.

    Where forking is unsafe, or work() failed there (its error might not survive the trip back), the
    function runs work() here instead, so errors are raised as this process raises them."""
    done: list[T] = []

    def here() -> T:
        if not done:
            done.append(work())
        return done[0]

    if not start or not _can_fork():
        yield here
        return
    pool = multiprocessing.get_context("fork").Pool(1)
    try:
        pending = pool.apply_async(work)

        def waited() -> T:
            if not done:
                try:
                    done.append(pending.get())
                except Exception:
                    return here()
            return done[0]

        yield waited
    finally:
        pool.terminate()
        pool.join()


def _can_fork() -> bool:
    """Whether this process may fork workers: only from its main thread, since a fork made while another
    thread holds a lock (the preview server builds on a thread beside its web server) can leave the child
    stuck; and only where the platform forks at all, and with more than one core to run them on."""
    return ((os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
            and threading.current_thread() is threading.main_thread())
