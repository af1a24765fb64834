"""Give the demo couple twelve weeks of rebuilding: commitments, check-ins, rituals, zones.

Called by ``goldseam seed`` through ``seed(cast)`` (see ``core/demo.py``). Dates are relative to
today, so the demo always looks current. The story: Emma confided in her ex, Jules; she now
tells Sophie the same day when Jules gets in touch, texts when she leaves work, and plans
their Saturday walk. Sophie's trust climbs slowly, with a dip the week a message came late.
Everything is made with a fixed random seed, so two seeds give the same demo.
"""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from goldseam.trust.checkins import instrument
from goldseam.web.couples.models import TherapistLink
from goldseam.web.rebuild import models as m

ZONE = "Europe/London"
WEEKS = 12
#: Sophie's weekly scores (trust climbing, the week-10 dip) and Emma's, before item noise.
SOPHIE_ARC = (2.4, 2.6, 2.9, 3.1, 3.3, 3.6, 3.8, 4.1, 4.3, 3.2, 4.4, 4.7)
EMMA_ARC = (4.0, 4.0, 4.2, 4.3, 4.3, 4.5, 4.6, 4.6, 4.8, 4.7, 4.9, 5.0)
NEEDS = {
    "sophie": "To hear about it from you before I have to ask.",
    "emma": "A calm evening where we talk about something other than Jules.",
}
#: Record kinds the demo couple agreed to show their therapist.
THERAPIST_SCOPE = ["note", "commitment", "checkin"]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(ZONE)).astimezone(UTC)


def _commitment(owner, couple, text, cadence, start) -> m.Commitment:
    row = m.Commitment.objects.create(owner=owner, couple=couple, shared_at=_at(start, 9),
                                      created_at=_at(start, 9))
    m.CommitmentVersion.objects.create(commitment=row, number=1, text=text, cadence=cadence,
                                       effective=start)
    return row


def _days(row, start: date, today: date, weekdays: set[int], rng, kept_rate: float,
          disagree_on: set[date] = frozenset()) -> None:
    day = start
    while day < today:
        if day.weekday() in weekdays:
            kept = rng.random() < kept_rate
            partner = (not kept) if day in disagree_on else kept
            # The last two days wait for Sophie's word, as a real week would.
            answered = (today - day).days > 2
            m.Occurrence.objects.create(
                commitment=row, key=f"{row.pk}:{day.isoformat()}:0", version=1, due=day,
                owner_kept=kept, owner_at=_at(day, 19),
                partner_kept=partner if answered else None,
                partner_at=_at(day, 21) if answered else None,
            )
        day += timedelta(days=1)


def _events(row, start: date, today: date, rng) -> None:
    for week in range(0, (today - start).days // 7, 2):
        day = start + timedelta(days=7 * week + rng.randrange(7))
        at = _at(day, 18)
        m.Occurrence.objects.create(
            commitment=row, key=f"{row.pk}:event:{at.isoformat()}:0", version=1, due=day,
            event_at=at, owner_kept=week != 4, owner_at=at, partner_kept=week != 4,
            partner_at=at + timedelta(hours=2),
        )


def _checkins(user, couple, arc, start: date, rng, need: str) -> None:
    items = instrument().items
    for week, level in enumerate(arc):
        day = start + timedelta(days=7 * week + 6)
        ratings = {}
        for item in items:
            lift = 0.6 if item.construct == "safety" and week >= 6 else 0.0
            ratings[item.id] = max(1, min(7, round(level + lift + rng.uniform(-0.6, 0.6))))
        at = _at(day, 20)
        m.CheckIn.objects.create(owner=user, couple=couple, at=at, ratings=ratings,
                                 need=need, shared_at=at, created_at=at)


@transaction.atomic
def seed_rebuild(couple, sophie, emma, today: date | None = None) -> None:
    """Create the demo couple's rebuilding weeks, ending ``today`` (default: London's today)."""
    rng = random.Random(11)
    today = today or timezone.now().astimezone(ZoneInfo(ZONE)).date()
    start = today - timedelta(weeks=WEEKS)
    long_ago = timezone.now() - timedelta(days=400)
    for user in (sophie, emma):
        m.ZoneChange.objects.create(user=user, zone=ZONE, since=long_ago)
    m.CheckInCadence.objects.update_or_create(couple=couple, defaults={"start": start})
    leave = _commitment(emma, couple, "I'll text you when I leave work, so you know where I am.",
                        "weekdays", start)
    _days(leave, start, today, set(range(5)), rng, 0.88,
          disagree_on={start + timedelta(days=penalty) for penalty in (17, 46)})
    walk = _commitment(emma, couple, "I'll plan our Saturday walk and put my phone away on it.",
                       "every Saturday", start)
    _days(walk, start, today, {5}, rng, 0.9)
    jules = _commitment(emma, couple, "I'll tell you the same day, and show you the message.",
                        "whenever Jules contacts me", start)
    _events(jules, start, today, rng)
    spiral = _commitment(sophie, couple, "I'll tell you when I'm spiralling, instead of "
                         "checking your phone.", "twice a week", start + timedelta(weeks=4))
    day = start + timedelta(weeks=4)
    while day + timedelta(days=6) < today:
        sunday = day + timedelta(days=6 - day.weekday())
        for slot in range(2):
            kept = rng.random() < 0.8
            m.Occurrence.objects.create(
                commitment=spiral, key=f"{spiral.pk}:{sunday.isoformat()}:{slot}", version=1,
                due=sunday, slot=slot, owner_kept=kept, owner_at=_at(sunday, 20),
                partner_kept=kept, partner_at=_at(sunday, 21),
            )
        day = sunday + timedelta(days=1)
    _checkins(sophie, couple, SOPHIE_ARC, start, rng, NEEDS["sophie"])
    _checkins(emma, couple, EMMA_ARC, start, rng, NEEDS["emma"])
    talk = m.Ritual.objects.create(couple=couple, kind="daily_talk", cadence="every evening",
                                   start=start + timedelta(weeks=2), chosen_by=sophie)
    day = talk.start
    while day < today:
        if rng.random() < 0.75:
            m.RitualDone.objects.create(ritual=talk, day=day, by=rng.choice((sophie, emma)),
                                        at=_at(day, 21))
        day += timedelta(days=1)
    m.Ritual.objects.create(couple=couple, kind="goodnight", cadence="daily",
                            start=today - timedelta(days=3), chosen_by=emma)
    # The couple chose to show their therapist how commitments and check-ins go (both agreed).
    TherapistLink.objects.filter(couple=couple, revoked_at__isnull=True).update(
        scope=THERAPIST_SCOPE
    )


def seed(cast: dict) -> None:
    """Add the rebuild stage to the demo ``cast`` made by ``goldseam seed``."""
    seed_rebuild(cast["couple"], cast["sophie"], cast["emma"])
