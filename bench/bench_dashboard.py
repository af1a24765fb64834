"""Time the couple's dashboard with a year of records: the target is <= 100 ms server time.

Generates, in a throw-away SQLite database: two partners, a year of weekly check-ins each,
20 daily commitments with every day of the year marked by the owner and answered by the
partner, and a daily ritual done most days. Then renders ``/rebuild/`` in-process (Django's
test client: the full middleware stack, the view, the template and the charts; no network)
and prints the median, 95th percentile and best wall time, and the median CPU time.

    .venv/bin/python bench/bench_dashboard.py [--runs 30]
"""
from __future__ import annotations

import argparse
import base64
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

#: The load the issue names: a year of weekly check-ins, 20 daily commitments.
DAYS, COMMITMENTS = 365, 20


def _environment(data_dir: str) -> None:
    os.environ["GOLDSEAM_DATA_DIR"] = data_dir
    os.environ["GOLDSEAM_ENCRYPTION_KEY"] = base64.b64encode(b"bench-key-32-bytes-long-exactly!"
                                                             ).decode()
    os.environ["GOLDSEAM_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SETTINGS_MODULE"] = "goldseam.web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _generate(now: datetime):
    from goldseam.trust.checkins import instrument
    from goldseam.web.accounts.models import User
    from goldseam.web.couples.models import Couple, Membership, SafetyCheck
    from goldseam.web.rebuild import models as m

    rng = random.Random(3)
    sophie = User.objects.create_user("sophie", password="x" * 12, display_name="Sophie")
    emma = User.objects.create_user("emma", password="x" * 12, display_name="Emma")
    couple = Couple.objects.create(created_at=now - timedelta(days=DAYS + 1))
    for user in (sophie, emma):
        Membership.objects.create(couple=couple, user=user)
        SafetyCheck.objects.create(couple=couple, user=user, answers="{}")
        m.ZoneChange.objects.create(user=user, zone="Europe/London",
                                    since=now - timedelta(days=DAYS + 10))
    start = (now - timedelta(days=DAYS)).date()
    for week in range(DAYS // 7):
        for user in (sophie, emma):
            at = now - timedelta(days=DAYS - 7 * week)
            ratings = {i.id: rng.randint(3, 7) for i in instrument().items}
            m.CheckIn.objects.create(owner=user, couple=couple, at=at, ratings=ratings,
                                     need="Time together", shared_at=at)
    for index in range(COMMITMENTS):
        owner = (sophie, emma)[index % 2]
        row = m.Commitment.objects.create(owner=owner, couple=couple, shared_at=now)
        m.CommitmentVersion.objects.create(commitment=row, number=1, text=f"Promise {index}",
                                           cadence="daily", effective=start)
        entries = []
        for offset in range(DAYS):
            day = start + timedelta(days=offset)
            kept = rng.random() < 0.85
            entries.append(m.Occurrence(
                commitment=row, key=f"{row.pk}:{day.isoformat()}:0", version=1, due=day,
                owner_kept=kept, owner_at=now, partner_kept=kept, partner_at=now,
            ))
        m.Occurrence.objects.bulk_create(entries)
    ritual = m.Ritual.objects.create(couple=couple, kind="daily_talk", cadence="daily",
                                     start=start, chosen_by=sophie)
    m.RitualDone.objects.bulk_create([
        m.RitualDone(ritual=ritual, day=start + timedelta(days=d), by=sophie, at=now)
        for d in range(DAYS) if rng.random() < 0.7
    ])
    return sophie


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as data_dir:
        _environment(data_dir)
        from django.conf import settings
        from django.test import Client

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        from goldseam.web.rebuild import models as m

        sophie = _generate(datetime.now(UTC))
        client = Client()
        client.force_login(sophie, backend="django.contrib.auth.backends.ModelBackend")
        first = client.get("/rebuild/")  # warms templates and caches, as a running server is
        if first.status_code != 200:
            print(f"dashboard answered {first.status_code}", file=sys.stderr)
            return 1
        walls, cpus = [], []
        for _ in range(args.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get("/rebuild/")
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            assert response.status_code == 200
        walls.sort()
        print(f"records: {m.CheckIn.objects.count()} check-ins, "
              f"{m.Commitment.objects.count()} commitments, "
              f"{m.Occurrence.objects.count()} occurrences, "
              f"{m.RitualDone.objects.count()} ritual days")
        print(f"dashboard /rebuild/ over {args.runs} runs: median {statistics.median(walls):.1f} ms,"
              f" p95 {walls[int(0.95 * (len(walls) - 1))]:.1f} ms, best {walls[0]:.1f} ms wall;"
              f" median CPU {statistics.median(cpus):.1f} ms; {len(first.content) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
