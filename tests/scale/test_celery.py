"""Run real Celery workers on a Redis broker; kill them mid-job; the job has one effect.

The worker and the test share an SQLite file in a throwaway data dir; Redis database 15 is the
broker (flushed before and after). The probe task ``record_effect`` sleeps inside its
transaction, which is the window in which the worker is killed.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import psutil
import pytest

from .conftest import BIN, REDIS_URL, app_env, needs_redis, stop

pytestmark = [pytest.mark.slow, needs_redis]
BROKER = REDIS_URL + "15"


def flush_broker() -> None:
    import redis

    redis.Redis.from_url(BROKER).flushdb()


@pytest.fixture
def env(tmp_path):
    flush_broker()
    env = app_env(tmp_path, CELERY_BROKER_URL=BROKER, GOLDSEAM_CELERY_VISIBILITY_S=3)
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v", "0"], env=env, check=True)
    yield env
    flush_broker()


def start_worker(env: dict, log) -> subprocess.Popen:
    worker = subprocess.Popen(
        [BIN / "celery", "-A", "goldseam.web.celery", "worker", "-c", "1", "-P", "prefork",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    return worker


def wait_log(path, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in path.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not in worker log:\n{path.read_text()[-3000:]}")


def effects(data_dir, key: str) -> int:
    with sqlite3.connect(data_dir / "goldseam.sqlite3") as conn:
        return conn.execute("SELECT COUNT(*) FROM api_job WHERE key LIKE ?",
                            (f"effect:{key}:%",)).fetchone()[0]


def done(data_dir, key: str) -> bool:
    with sqlite3.connect(data_dir / "goldseam.sqlite3") as conn:
        row = conn.execute("SELECT done_at FROM api_job WHERE key = ?", (key,)).fetchone()
    return bool(row and row[0])


def submit(env: dict, *args) -> None:
    script = ("import django; django.setup()\n"
              "from goldseam.web import tasks\n"
              f"tasks.record_effect.delay(*{args!r})")
    subprocess.run([sys.executable, "-c", script], env=env, check=True)


def wait_done(data_dir, key: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not done(data_dir, key):
        assert time.monotonic() < deadline, f"job {key} never finished"
        time.sleep(0.3)


def test_job_killed_with_its_pool_process_is_redone_once(env, tmp_path):
    data = tmp_path
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = start_worker(env, log)
        try:
            wait_log(log_path, "ready")
            submit(env, "k-child", 4.0)
            wait_log(log_path, "received")
            time.sleep(1.0)  # inside the job's transaction now
            child = psutil.Process(worker.pid).children()[0]
            os.kill(child.pid, signal.SIGKILL)
            wait_done(data, "k-child")
        finally:
            stop(worker)
    assert effects(data, "k-child") == 1


def test_job_whose_whole_worker_dies_is_redelivered_and_done_once(env, tmp_path):
    data = tmp_path
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = start_worker(env, log)
        try:
            wait_log(log_path, "ready")
            submit(env, "k-worker", 4.0)
            wait_log(log_path, "received")
            time.sleep(1.0)
            for process in [*psutil.Process(worker.pid).children(), worker]:
                os.kill(process.pid, signal.SIGKILL)  # power cut: no goodbye to the broker
            worker.wait(5)
            assert not done(data, "k-worker")
            # Let the visibility timeout (3 s) run out before the new worker starts: it then
            # restores the unacknowledged job at start-up instead of on a later timer tick,
            # which a loaded machine may not reach within the wait.
            time.sleep(4.0)
            worker = start_worker(env, log)
            wait_done(data, "k-worker", seconds=90)
        finally:
            stop(worker)
    assert effects(data, "k-worker") == 1


def test_same_job_queued_twice_has_one_effect(env, tmp_path):
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = start_worker(env, log)
        try:
            wait_log(log_path, "ready")
            submit(env, "k-twice", 0.0)
            submit(env, "k-twice", 0.0)
            wait_done(tmp_path, "k-twice")
            time.sleep(2)  # let the second delivery run too
        finally:
            stop(worker)
    assert effects(tmp_path, "k-twice") == 1
    assert "job already done" in log_path.read_text(errors="replace")
