"""Time each kind of load-run request alone, in-process, one at a time: the CPU cost floor.

Seeds one couple into a throwaway SQLite data dir and prints the mean milliseconds of each
request over 30 repetitions (after one warm-up). Multiply by the request rate to see how many
cores a load needs.

    .venv/bin/python bench/load/single.py
"""
from __future__ import annotations

import base64
import json
import os
import runpy
import sys
import tempfile
import time
from pathlib import Path

REPEAT = 30
HERE = Path(__file__).resolve().parent


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="goldseam-single-"))
    os.environ.update(GOLDSEAM_DATA_DIR=str(data), GOLDSEAM_LOG_LEVEL="ERROR",
                      DJANGO_SETTINGS_MODULE="goldseam.web.settings",
                      GOLDSEAM_ENCRYPTION_KEY=base64.b64encode(os.urandom(32)).decode())
    os.environ.pop("DATABASE_URL", None)
    sys.argv = ["seed.py", "1", str(data / "s.json")]
    runpy.run_path(str(HERE / "seed.py"), run_name="__main__")
    from django.test import Client

    couple = json.loads((data / "s.json").read_text())[0]
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = couple["hurt"]["session"]
    injury = couple["injury"]
    requests = {
        "statement page": lambda: client.get(f"/journey/{injury}/statement/"),
        "autosave": lambda: client.post(f"/journey/{injury}/statement/autosave/", {
            "what_happened": "You hid it.", "impact": "I felt alone."}),
        "coach": lambda: client.post("/journey/coach/", {
            "role": "hurt", "text": "You never tell me the truth and you don't care."}),
        "rebuilding dashboard": lambda: client.get("/rebuild/"),
    }
    for name, send in requests.items():
        assert send().status_code == 200, name
        started = time.perf_counter()
        for _ in range(REPEAT):
            send()
        print(f"{name}: {1000 * (time.perf_counter() - started) / REPEAT:.1f} ms")


if __name__ == "__main__":
    main()
