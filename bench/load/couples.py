"""Simulate couples doing the journey against a running server; record every request.

One thread per couple; the two partners take turns. The hurt partner reads the statement page,
autosaves a draft (each draft carries a unique marker), asks the coach about it, reads the
rebuilding dashboard and sometimes checks in; the other partner reads pages, uses the coach
for an acknowledgment and checks in. Between actions a partner "thinks" for a random pause
(mean THINK_S), as people do while typing. Every acknowledged write is remembered so the
runner can check it is in the database afterwards.

    python bench/load/couples.py http://127.0.0.1:8800 sessions.json 60 results.json
"""
from __future__ import annotations

import http.client
import json
import random
import secrets
import sys
import threading
import time
from urllib.parse import urlencode, urlsplit

#: Mean pause between one partner's actions, in seconds. People read and type between
#: autosaves; a pause of about two seconds for each of 200 people is a busy evening for a
#: practice, not a lull.
THINK_S = 2.0
TIMEOUT_S = 30
COACH_TEXTS = [
    "You never tell me the truth and you don't care how I feel.",
    "I felt scared and alone when I found the messages. I need to know I matter to you.",
    "I understand why you were hurt. I hid it from you and that was wrong.",
    "Whatever, I'm done talking about this.",
]


class Partner:
    """One signed-in partner with a keep-alive connection and a CSRF token."""

    def __init__(self, base: str, session: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.csrf = secrets.token_hex(16)  # 32 characters: Django accepts it as the secret
        self.cookie = f"sessionid={session}; csrftoken={self.csrf}"
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_S)

    def request(self, method: str, path: str, form: dict | None = None):
        """Send one request; return (status, body bytes, seconds); reconnect on a dropped link."""
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.csrf, "Host": "127.0.0.1"}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                return response.status, data, time.perf_counter() - started
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_S)
                if attempt == 2:
                    return 0, b"", time.perf_counter() - started
        raise AssertionError("unreachable")


def run_couple(base, couple, items, deadline, log, acks, lock):
    """Drive one couple until ``deadline``; append (kind, status, seconds) rows to ``log``."""
    hurt = Partner(base, couple["hurt"]["session"])
    other = Partner(base, couple["other"]["session"])
    injury = couple["injury"]
    rng = random.Random(injury)
    drafts = checkins = 0
    mine: list = []

    def record(kind, status, seconds):
        mine.append((kind, status, seconds))

    def checkin(partner, who):
        ratings = {item: str(rng.randint(3, 7)) for item in items}
        status, _, s = partner.request("POST", "/rebuild/checkin/",
                                       {**ratings, "need": "time together", "note": ""})
        record("checkin", status, s)
        return status == 302

    time.sleep(rng.random() * THINK_S)  # spread the start
    while time.monotonic() < deadline:
        step = rng.random()
        # the hurt partner
        status, _, s = hurt.request("GET", f"/journey/{injury}/statement/")
        record("page", status, s)
        drafts += 1
        marker = f"draft {drafts} of couple {injury}"
        status, body, s = hurt.request("POST", f"/journey/{injury}/statement/autosave/", {
            "what_happened": f"You hid the messages. ({marker})",
            "impact": "I felt alone and scared. I need to know I matter."})
        record("autosave", status, s)
        if status == 200 and b'"saved": true' in body:
            with lock:
                acks["drafts"][str(couple["hurt"]["id"])] = marker
        time.sleep(rng.expovariate(1 / THINK_S))
        status, _, s = hurt.request("POST", "/journey/coach/",
                                    {"role": "hurt", "text": rng.choice(COACH_TEXTS)})
        record("coach", status, s)
        # the other partner
        status, _, s = other.request("GET", "/rebuild/")
        record("page", status, s)
        status, _, s = other.request("POST", "/journey/coach/",
                                     {"role": "repairing", "text": rng.choice(COACH_TEXTS)})
        record("coach", status, s)
        if step < 0.15:
            for partner, who in ((hurt, "hurt"), (other, "other")):
                if checkin(partner, who):
                    checkins += 1
                    with lock:
                        key = str(couple[who]["id"])
                        acks["checkins"][key] = acks["checkins"].get(key, 0) + 1
        time.sleep(rng.expovariate(1 / THINK_S))
    with lock:
        log.extend(mine)


def main(base: str, sessions_path: str, seconds: float, out_path: str) -> None:
    from goldseam.trust.checkins import instrument

    items = [item.id for item in instrument().items]
    with open(sessions_path, encoding="utf-8") as handle:
        couples = json.load(handle)
    log: list = []
    acks: dict = {"drafts": {}, "checkins": {}}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=run_couple, args=(base, c, items, deadline, log, acks,
                                                          lock), daemon=True) for c in couples]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 2 * TIMEOUT_S)
    elapsed = time.monotonic() - started
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump({"elapsed": elapsed, "log": log, "acks": acks}, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4])
