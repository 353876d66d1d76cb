"""Both cores: run a job over many items in forked worker processes when there are enough to pay for it.

Workers are forked, so they see the job the parent set up (held in a module
global of the caller) without it being copied or pickled; only the items'
indices go out and each chunk's results come back.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")

# Below this many items, starting workers costs more than it saves.
PARALLEL_FROM = 400
# Items handed to a worker at a time: large enough to keep messages few, small enough to balance.
CHUNK = 200


def in_workers(work: Callable[[Sequence[int]], T], count: int, chunk: int | None = None,
               parallel_from: int | None = None) -> list[T]:
    """work(indices) over range(count) in chunks of `chunk` items (CHUNK): in forked worker processes when
    there are at least `parallel_from` items (PARALLEL_FROM unless a job's items cost more or less to
    start on), else here."""
    chunk = CHUNK if chunk is None else chunk
    chunks = [range(start, min(start + chunk, count)) for start in range(0, count, chunk)]
    workers = min(os.cpu_count() or 1, len(chunks))
    # Forking is safe only from a program's main thread: a fork made while another thread holds a lock
    # (the preview server builds on a worker thread beside its web server) can leave the child stuck.
    enough = count >= (PARALLEL_FROM if parallel_from is None else parallel_from)
    if not enough or workers < 2 or "fork" not in multiprocessing.get_all_start_methods() \
            or threading.current_thread() is not threading.main_thread():
        return [work(part) for part in chunks]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return list(pool.imap_unordered(work, chunks))
