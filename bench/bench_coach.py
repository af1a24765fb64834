"""Load the live coach endpoint over HTTP and report its latency: the target is p95 <= 150 ms.

Sets up a throw-away SQLite data dir with couples of partners, starts gunicorn on 127.0.0.1
(the production server; ``--workers`` processes, two by default for a two-core machine), and
runs simulated writers in threads. Each writer is one signed-in partner with their own
session and CSRF token posting drafts to ``/journey/coach/`` the way the page's script does:
one request per pause in typing (``--think`` seconds, jittered), each draft a little longer
than the last, taken from the project's shared example messages. Latency is measured end to
end on the client (connect, send, server work, read the JSON). Prints JSON: requests, errors,
rate-limited answers, throughput, p50/p95/p99/max in milliseconds, the server's CPU time per
request, and the machine's load average (latency on a shared machine includes waiting for a
core; the CPU time does not).

    .venv/bin/python bench/bench_coach.py [--writers 8] [--seconds 30] [--think 0.7]

``--think 0`` sends back to back (a capacity test: latency then includes queueing).
"""
from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
#: A writer's draft restarts past this length: about one part of an injury statement (a
#: long paragraph); the coach reads one text box at a time.
DRAFT_MAX = 800
EXAMPLES = Path("/work/shared/examples/utterances.jsonl")
#: Used when the shared examples are not on this machine: drafts a partner might write.
FALLBACK_TEXTS = [
    "You lied to me and you always put her first.",
    "I felt so alone when you went to her instead of me. I need to know I'm your person.",
    "Who were you texting? Show me your phone.",
    "I'm sorry if you felt hurt, but you were snooping.",
    "I can see how scared you've been. I broke your trust, and that's on me.",
    "From now on I'll tell you whenever she contacts me.",
]


def _texts() -> list[str]:
    if EXAMPLES.exists():
        rows = [json.loads(line) for line in EXAMPLES.read_text().splitlines() if line.strip()]
        texts = [r["text"] for r in rows if r.get("text")]
        if texts:
            return texts
    return FALLBACK_TEXTS


def _environment(data_dir: str, port: int) -> dict:
    env = dict(os.environ)
    env.update({
        "GOLDSEAM_DATA_DIR": data_dir,
        "GOLDSEAM_ENCRYPTION_KEY": base64.b64encode(b"bench-key-32-bytes-long-exactly!").decode(),
        "GOLDSEAM_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "goldseam.web.settings",
        "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    })
    os.environ.update(env)
    return env


def _prepare(writers: int) -> list[str]:
    """Migrate, create ``writers`` partners in couples with joint work open; return usernames."""
    import django

    django.setup()
    from django.core.management import call_command

    from goldseam.web.accounts.models import User
    from goldseam.web.couples.models import Couple, Membership, SafetyCheck

    call_command("migrate", verbosity=0)
    names = []
    for i in range(0, writers + writers % 2, 2):
        couple = Couple.objects.create()
        for j in (i, i + 1):
            user = User.objects.create_user(f"writer{j}", password="bench-password-1",
                                            display_name=f"Writer {j}")
            Membership.objects.create(couple=couple, user=user, is_hurt_partner=j == i)
            SafetyCheck.objects.create(couple=couple, user=user, answers="{}")
            names.append(user.username)
    return names[:writers]


def _session_cookie(username: str) -> str:
    """Return a session key for ``username`` made the way Django's login does."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from goldseam.web.accounts.models import User

    user = User.objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int, workers: int, threads: int, env: dict) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [str(gunicorn), "goldseam.web.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"],
        cwd=ROOT, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start within 60 s")


class Writer(threading.Thread):
    """One partner typing: posts growing drafts to the coach, one per pause."""

    def __init__(self, port, session, texts, stop_at, think, seed):
        super().__init__(daemon=True)
        self.port, self.session, self.texts = port, session, texts
        self.stop_at, self.think = stop_at, think
        self.rng = random.Random(seed)
        self.latencies: list[float] = []
        self.errors = 0
        self.limited = 0

    def _request(self, conn, method, path, body=None, headers=None):
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response, response.read()

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        cookie = f"sessionid={self.session}"
        response, page = self._request(conn, "GET", "/journey/", headers={"Cookie": cookie})
        csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not (csrf_cookie and token):
            self.errors += 1
            return
        headers = {"Cookie": f"{cookie}; csrftoken={csrf_cookie.group(1)}",
                   "X-CSRFToken": token.group(1).decode(),
                   "Content-Type": "application/x-www-form-urlencoded",
                   "Referer": f"http://127.0.0.1:{self.port}/journey/"}
        draft = ""
        while time.time() < self.stop_at:
            if len(draft) > DRAFT_MAX:
                draft = ""
            draft = (draft + " " + self.rng.choice(self.texts)).strip()
            body = urlencode({"text": draft, "role": self.rng.choice(["hurt", "repairing"])})
            start = time.perf_counter()
            try:
                response, _ = self._request(conn, "POST", "/journey/coach/", body, headers)
            except (OSError, http.client.HTTPException):
                self.errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                continue
            elapsed = time.perf_counter() - start
            if response.status == 200:
                self.latencies.append(elapsed)
            elif response.status == 429:
                self.limited += 1
            else:
                self.errors += 1
            if self.think:
                time.sleep(self.think * self.rng.uniform(0.6, 1.4))
        conn.close()


def _server_cpu_seconds(master_pid: int) -> float:
    """Return the CPU time (user + system) so far of gunicorn's master and its workers.

    On a machine shared with other work, wall-clock latency includes waiting for a core; CPU
    time per request is what the endpoint itself costs. Linux only (reads /proc); 0 elsewhere.
    """
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if master_pid in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8,
                        help="partners writing at once (8: four couples on one small server)")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=0.7,
                        help="seconds between one writer's requests (0: back to back)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds not counted")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="goldseam-bench-coach-") as data_dir:
        port = _free_port()
        env = _environment(data_dir, port)
        sys.path.insert(0, str(ROOT / "src"))
        users = _prepare(args.writers)
        sessions = [_session_cookie(u) for u in users]
        server = _start_server(port, args.workers, args.threads, env)
        try:
            texts = _texts()
            # Warm up every worker (the engine loads its model on first use).
            warm = [Writer(port, s, texts, time.time() + args.warmup, 0.05, i)
                    for i, s in enumerate(sessions[: args.workers * 4])]
            for w in warm:
                w.start()
            for w in warm:
                w.join()
            cpu_before = _server_cpu_seconds(server.pid)
            stop_at = time.time() + args.seconds
            writers = [Writer(port, s, texts, stop_at, args.think, 100 + i)
                       for i, s in enumerate(sessions)]
            started = time.time()
            for w in writers:
                w.start()
            for w in writers:
                w.join()
            wall = time.time() - started
            cpu_used = _server_cpu_seconds(server.pid) - cpu_before
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    latencies = [x * 1000 for w in writers for x in w.latencies]
    if not latencies:
        print(json.dumps({"error": "no successful request"}))
        return 1
    report = {
        "writers": args.writers, "think_s": args.think, "gunicorn_workers": args.workers,
        "gunicorn_threads": args.threads,
        "seconds": round(wall, 1), "requests": len(latencies),
        "errors": sum(w.errors for w in writers),
        "rate_limited": sum(w.limited for w in writers),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(_percentile(latencies, 0.95), 1),
        "p99_ms": round(_percentile(latencies, 0.99), 1),
        "max_ms": round(max(latencies), 1),
        "server_cpu_ms_per_request": round(1000 * cpu_used / len(latencies), 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "engine": os.environ.get("GOLDSEAM_ENGINE", "default"),
        "target_p95_ms": 150,
    }
    print(json.dumps(report))
    return 0 if report["p95_ms"] <= report["target_p95_ms"] else 2


if __name__ == "__main__":
    raise SystemExit(main())
