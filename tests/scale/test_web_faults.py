"""Kill gunicorn mid-autosave, lose the database, fill the disk: nothing acknowledged is lost.

Real processes over loopback: gunicorn serves an SQLite (or PostgreSQL) database in a
throwaway data dir while a partner autosaves a draft every few milliseconds.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import psutil
import pytest

from .client import Partner
from .conftest import (
    app_env,
    free_port,
    fresh_pg_database,
    needs_postgres,
    seed,
    start_gunicorn,
    stop,
)

pytestmark = pytest.mark.slow
MARKER = re.compile(rb"draft (\d+)")


def stored_draft_number(env: dict, user_id: int) -> int:
    """Return the draft number in the user's stored statement, read by the app itself."""
    script = ("import django; django.setup()\n"
              "from goldseam.web.journey.models import Statement\n"
              f"row = Statement.objects.filter(owner_id={user_id}).first()\n"
              "print(row.what_happened if row else '')")
    out = subprocess.run([sys.executable, "-c", script], env=env, check=True,
                         capture_output=True).stdout
    found = MARKER.search(out)
    return int(found.group(1)) if found else -1


class Saver(threading.Thread):
    """Autosave drafts numbered 1, 2, ... until stopped; remember the last acknowledged one."""

    def __init__(self, partner: Partner, injury: int):
        super().__init__(daemon=True)
        self.partner, self.injury = partner, injury
        self.sent = self.acked = self.failed = 0
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            self.sent += 1
            if self.partner.autosave(self.injury, f"draft {self.sent}"):
                self.acked = self.sent
            else:
                self.failed += 1
                time.sleep(0.05)


def test_killing_gunicorn_workers_and_master_mid_autosave_loses_no_acknowledged_draft(
        tmp_path):
    env = app_env(tmp_path)
    couple = seed(env, 1, tmp_path / "s.json")[0]
    port = free_port()
    log = tmp_path / "gunicorn.log"
    server = start_gunicorn(env, port, "-w", "2", "--graceful-timeout", "2", log=log)
    saver = Saver(Partner(port, couple["hurt"]["session"]), couple["injury"])
    saver.start()
    try:
        time.sleep(2)
        acked_before_kill = saver.acked
        children = psutil.Process(server.pid).children()
        os.kill(children[0].pid, signal.SIGKILL)  # a worker dies mid-request
        time.sleep(2)
        os.kill(server.pid, signal.SIGKILL)  # then the master, without a word
        server.wait(5)
        for child in children[1:]:
            try:
                psutil.Process(child.pid).wait(10)  # orphaned workers notice and exit
            except psutil.NoSuchProcess:
                pass
        time.sleep(1)
        server = start_gunicorn(env, port, "-w", "2", log=log)
        time.sleep(2)
    finally:
        saver.halt.set()
        saver.join(15)
        stop(server)
    assert acked_before_kill > 0 and saver.acked > acked_before_kill
    assert saver.failed > 0, "the kills should have cost some requests"
    number = stored_draft_number(env, couple["hurt"]["id"])
    assert number >= saver.acked, f"acknowledged draft {saver.acked}, stored {number}"


class Proxy(threading.Thread):
    """Forward TCP from a local port to PostgreSQL; ``cut()`` drops every link and refuses."""

    def __init__(self, target=("127.0.0.1", 5432)):
        super().__init__(daemon=True)
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = threading.Event()
        self.open.set()
        self.links: list[socket.socket] = []

    def run(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open.is_set():
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.links += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        self.open.clear()
        for s in self.links:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.links.clear()

    def restore(self):
        self.open.set()


@needs_postgres
def test_database_going_away_gives_a_clear_503_and_recovers(tmp_path):
    direct = fresh_pg_database("goldseam_faults")
    env = app_env(tmp_path, DATABASE_URL=direct)
    couple = seed(env, 1, tmp_path / "s.json")[0]
    proxy = Proxy()
    proxy.start()
    env["DATABASE_URL"] = direct.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
    port = free_port()
    server = start_gunicorn(env, port, "-w", "1", "--threads", "2", "-k", "gthread",
                            log=tmp_path / "gunicorn.log")
    partner = Partner(port, couple["hurt"]["session"])
    page = f"/journey/{couple['injury']}/statement/"
    try:
        assert partner.send("GET", page)[0] == 200
        proxy.cut()
        status, body = partner.send("GET", page)
        assert status == 503 and b"Please try again in a minute" in body
        status, body = partner.send("GET", "/readyz")
        assert status == 503
        assert not partner.autosave(couple["injury"], "draft 1")  # refused, not acknowledged
        proxy.restore()
        deadline = time.monotonic() + 10
        while partner.send("GET", page)[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert partner.send("GET", page)[0] == 200
        assert partner.autosave(couple["injury"], "draft 2")
    finally:
        stop(server)
        proxy.listener.close()
