"""Work in forked processes: chunks over worker processes, one piece of work alongside this process."""

from __future__ import annotations

import functools
import os
import threading
import time

import pytest

from generator.errors import DigestError, Problem
from generator.workers import in_background, in_workers


def _pid_after(seconds: float = 0.0) -> int:
    time.sleep(seconds)
    return os.getpid()


def _sleeps_then_notes(path: str) -> None:
    time.sleep(3)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("finished")


def _pid_and_indices(indices) -> tuple[int, list[int]]:
    return os.getpid(), list(indices)


def _fails_with_a_problem() -> None:
    raise DigestError([Problem("gazetteer.yaml", "is broken.", field="cities")])


def test_background_work_runs_in_another_process_and_its_result_comes_back():
    with in_background(_pid_after) as result:
        assert result() != os.getpid()
        assert result() == result()  # asked twice, run once


def test_background_work_not_started_runs_here_when_asked_and_only_then():
    calls = []
    with in_background(lambda: calls.append(os.getpid()) or len(calls), start=False) as result:
        assert calls == []
        assert (result(), result()) == (1, 1)
    assert calls == [os.getpid()]


def test_background_work_that_fails_is_run_here_so_its_error_is_this_process_own():
    with in_background(_fails_with_a_problem) as result:
        with pytest.raises(DigestError) as raised:
            result()
    assert raised.value.problems[0].field == "cities"


def test_leaving_the_block_stops_background_work_not_waited_for(tmp_path):
    note = tmp_path / "note"
    started = time.perf_counter()
    with in_background(functools.partial(_sleeps_then_notes, str(note))):
        time.sleep(0.5)  # long enough to have started
    assert time.perf_counter() - started < 2.5
    time.sleep(3)
    assert not note.exists()


def test_no_process_is_forked_from_a_thread_other_than_the_main_one():
    pids = []

    def build_on_a_thread():
        with in_background(_pid_after) as result:
            pids.append(result())
        pids.extend(pid for pid, _ in in_workers(_pid_and_indices, 1000, chunk=100))

    thread = threading.Thread(target=build_on_a_thread)
    thread.start()
    thread.join()
    assert set(pids) == {os.getpid()}


def test_chunks_run_in_worker_processes_when_there_are_enough_and_each_index_once():
    results = in_workers(_pid_and_indices, 1000, chunk=100, parallel_from=500)
    assert sorted(i for _, part in results for i in part) == list(range(1000))
    if (os.cpu_count() or 1) > 1:
        assert os.getpid() not in {pid for pid, _ in results}
    few = in_workers(_pid_and_indices, 10, chunk=3, parallel_from=500)
    assert {pid for pid, _ in few} == {os.getpid()}
    assert [i for _, part in few for i in part] == list(range(10))


def test_work_meanwhile_runs_once_here_beside_the_workers_or_after_the_work():
    for parallel_from in (500, 10**6):
        calls = []
        results = in_workers(_pid_and_indices, 1000, chunk=100, parallel_from=parallel_from,
                             meanwhile=lambda: calls.append(os.getpid()))
        assert calls == [os.getpid()]
        assert sorted(i for _, part in results for i in part) == list(range(1000))
