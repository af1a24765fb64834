"""Run the load test against gunicorn with SQLite, then with PostgreSQL; print the figures.

For each database: a fresh data directory (and database), N couples seeded, gunicorn started
on loopback, the simulated couples run for a fixed time, gunicorn stopped, and every
acknowledged write checked in the database. Prints, per database: throughput, p50/p95/p99
latency per kind of request and overall, errors, and the check of acknowledged writes.

    .venv/bin/python bench/load/run.py --couples 100 --seconds 60
    .venv/bin/python bench/load/run.py --only sqlite

PostgreSQL is taken from LOAD_PG_URL (default postgres://postgres@127.0.0.1:5432/ and a
database it creates, goldseam_load); it is skipped with a message when unreachable.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
#: gthread workers: a few processes (2 cores) with threads to overlap database waits.
WORKERS, THREADS = 3, 8
WARMUP_S = 15
EXPECTED = {"page": 200, "autosave": 200, "coach": 200, "checkin": 302}


def percentile(values: list[float], q: float) -> float:
    """Return the ``q`` quantile (0-1) of ``values`` by the nearest-rank rule, in ms."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))
    return 1000 * ordered[rank]


def pg_database(url: str, name: str) -> str | None:
    """Recreate database ``name`` on the server at ``url``; return its URL, or None."""
    try:
        import psycopg

        with psycopg.connect(url + "postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        print(f"PostgreSQL skipped: {type(exc).__name__}: {exc}")
        return None
    return url + name


def wait_ready(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not become ready")


def run_one(label: str, database_url: str | None, couples: int, seconds: float,
            port: int) -> dict:
    """Seed, serve, load and verify for one database; return the summary."""
    data = Path(tempfile.mkdtemp(prefix=f"goldseam-load-{label}-"))
    env = {**os.environ, "GOLDSEAM_DATA_DIR": str(data), "GOLDSEAM_LOG_LEVEL": "ERROR",
           "GOLDSEAM_ENCRYPTION_KEY": base64.b64encode(os.urandom(32)).decode(),
           "DJANGO_SETTINGS_MODULE": "goldseam.web.settings",
           "GOLDSEAM_DB_CONN_MAX_AGE": "60"}
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    sessions, results = data / "sessions.json", data / "results.json"
    # Quiet, so that standard output holds only the JSON summary.
    subprocess.run([sys.executable, HERE / "seed.py", str(couples), sessions], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    log = (data / "gunicorn.log").open("w")  # closed with the server below
    server = subprocess.Popen(
        [BIN / "gunicorn", "goldseam.web.wsgi:application", "-b", f"127.0.0.1:{port}",
         "-w", str(WORKERS), "-k", "gthread", "--threads", str(THREADS),
         "--timeout", "60", "--keep-alive", "30"],
        env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base)
        # Warm up: each worker loads the language engine on its first coach request, and a
        # practice's server is warm long before the evening rush. Not measured.
        subprocess.run([sys.executable, HERE / "couples.py", base, sessions, str(WARMUP_S),
                        data / "warmup.json"], env=env, check=True)
        subprocess.run([sys.executable, HERE / "couples.py", base, sessions, str(seconds),
                        results], env=env, check=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        log.close()
    check = subprocess.run([sys.executable, HERE / "verify.py", results], check=False, env=env,
                           capture_output=True, text=True)
    run = json.loads(results.read_text())
    summary = summarise(label, run, couples)
    summary["acknowledged"] = json.loads(check.stdout)
    shutil.rmtree(data, ignore_errors=True)
    return summary


def summarise(label: str, run: dict, couples: int) -> dict:
    """Return throughput, latency percentiles and errors of one run."""
    rows = run["log"]
    out = {"database": label, "couples": couples, "seconds": round(run["elapsed"], 1),
           "requests": len(rows), "throughput_rps": round(len(rows) / run["elapsed"], 1),
           "errors": sum(1 for kind, status, _ in rows if status != EXPECTED[kind]),
           "latency_ms": {}}
    for kind in [*EXPECTED, "all"]:
        values = [s for k, _, s in rows if kind in ("all", k)]
        if values:
            out["latency_ms"][kind] = {
                "n": len(values), "p50": round(percentile(values, 0.50), 1),
                "p95": round(percentile(values, 0.95), 1),
                "p99": round(percentile(values, 0.99), 1),
                "mean": round(1000 * statistics.fmean(values), 1)}
    statuses: dict = {}
    for kind, status, _ in rows:
        if status != EXPECTED[kind]:
            statuses[f"{kind}:{status}"] = statuses.get(f"{kind}:{status}", 0) + 1
    out["error_statuses"] = statuses
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--couples", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--port", type=int, default=8800)
    args = parser.parse_args()
    results = []
    if args.only in (None, "sqlite"):
        results.append(run_one("sqlite", None, args.couples, args.seconds, args.port))
    if args.only in (None, "postgres"):
        url = pg_database(os.environ.get("LOAD_PG_URL", "postgres://postgres@127.0.0.1:5432/"),
                          "goldseam_load")
        if url:
            results.append(run_one("postgres", url, args.couples, args.seconds, args.port + 1))
    print(json.dumps(results, indent=2))
    failed = any(r["errors"] or r["acknowledged"]["missing_drafts"]
                 or r["acknowledged"]["missing_checkins"] for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
