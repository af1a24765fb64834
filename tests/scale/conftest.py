"""Shared helpers of the scale suite: real services, real processes, a throwaway data dir.

These tests start gunicorn, Celery workers and TCP proxies as subprocesses with their own
environment, and talk to them over loopback. PostgreSQL (127.0.0.1:5432, trust auth) and Redis
(127.0.0.1:6379) are used when reachable; tests that need one skip with the reason otherwise.
"""
from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("GOLDSEAM_TEST_PG", "postgres://postgres@127.0.0.1:5432/")
REDIS_URL = os.environ.get("GOLDSEAM_TEST_REDIS", "redis://127.0.0.1:6379/")


def reachable(host: str, port: int) -> bool:
    """Say whether something accepts TCP connections at host:port within a second."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


needs_postgres = pytest.mark.skipif(not reachable("127.0.0.1", 5432),
                                    reason="PostgreSQL is not reachable at 127.0.0.1:5432")
needs_redis = pytest.mark.skipif(not reachable("127.0.0.1", 6379),
                                 reason="Redis is not reachable at 127.0.0.1:6379")


def fresh_pg_database(name: str, url: str = PG_URL) -> str:
    """Create (or recreate) database ``name``; return its URL."""
    import psycopg

    with psycopg.connect(url + "postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url + name


def app_env(data_dir: Path, **extra) -> dict:
    """Return the environment of an app process with its own data dir and a fixed test key."""
    env = {**os.environ, "GOLDSEAM_DATA_DIR": str(data_dir), "GOLDSEAM_LOG_LEVEL": "INFO",
           "DJANGO_SETTINGS_MODULE": "goldseam.web.settings",
           "GOLDSEAM_ENCRYPTION_KEY": base64.b64encode(b"goldseam-scale-key-32-bytes-ok!!").decode(),
           "PYTHONPATH": str(ROOT / "src")}
    # DJANGO_ALLOW_ASYNC_UNSAFE: the browser tests' allowance, never a real process's.
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def seed(env: dict, couples: int, out: Path) -> list[dict]:
    """Migrate and seed ``couples`` couples with the load run's seeder; return their sessions."""
    import json

    subprocess.run([sys.executable, ROOT / "bench/load/seed.py", str(couples), out], env=env,
                   check=True, capture_output=True)
    return json.loads(out.read_text())


def start_gunicorn(env: dict, port: int, *args: str, log: Path) -> subprocess.Popen:
    """Start gunicorn serving the app on loopback; return once /healthz answers."""
    handle = log.open("ab")
    server = subprocess.Popen([BIN / "gunicorn", "goldseam.web.wsgi:application",
                               "-b", f"127.0.0.1:{port}", *args], env=env, stdout=handle,
                              stderr=handle)
    handle.close()
    wait_http(f"http://127.0.0.1:{port}/healthz")
    return server


def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a process we started, politely first."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
