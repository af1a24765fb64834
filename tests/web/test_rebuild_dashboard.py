"""The couple's dashboard and the clock: local days across DST and travel, notices, charts, prompts."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from goldseam.trust.checkins import instrument
from goldseam.web.rebuild import models as m
from goldseam.web.rebuild.state import load

from .permissions.rebuild import couple_ritual

pytestmark = pytest.mark.django_db
LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")


def local(day: date, hour: int, minute: int = 0, zone=LONDON) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def commitment(owner, couple, start: date, cadence="daily"):
    row = m.Commitment.objects.create(owner=owner, couple=couple, shared_at=local(start, 8))
    m.CommitmentVersion.objects.create(commitment=row, number=1, text="I'll say goodnight",
                                       cadence=cadence, effective=start)
    return row


def live_in(user, zone: str, since: datetime):
    m.ZoneChange.objects.create(user=user, zone=zone, since=since)


def mark_now(client_as, actor, row):
    """Mark 'today' (no day given: the owner's local today) kept, signed in afresh.

    A fresh sign-in each time because sessions end after 12 idle hours of the frozen clock.
    """
    response = client_as(actor).post(reverse("rebuild:mark", kwargs={"pk": row.pk}),
                                      {"kept": "1"})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert response.url == reverse("rebuild:commitment", kwargs={"pk": row.pk})
    return response


def test_a_daily_commitment_counts_each_day_once_across_the_spring_dst_change(cast, client_as):
    # Clocks in London go forward at 01:00 on Sunday 29 March 2026.
    start = date(2026, 3, 27)
    live_in(cast.sophie, "Europe/London", datetime(2020, 1, 1, tzinfo=UTC))
    row = commitment(cast.sophie, cast.couple, start)
    for offset in range(5):
        # 23:30 local: an hour after midnight UTC on the BST days, the same day before.
        with time_machine.travel(local(start + timedelta(days=offset), 23, 30), tick=False):
            assert mark_now(client_as, "sophie", row).status_code == 302
    dues = list(m.Occurrence.objects.filter(commitment=row).values_list("due", flat=True))
    assert dues == [start + timedelta(days=i) for i in range(5)]
    with time_machine.travel(local(date(2026, 4, 1), 12), tick=False):
        lib = load(cast.sophie, cast.couple).commitment(row.pk)
        assert lib.unanswered(date(2026, 4, 1)) == 0


def test_a_second_mark_on_the_long_autumn_day_is_refused(cast, client_as):
    # 25 October 2026 lasts 25 hours in London; it is still one day.
    day = date(2026, 10, 25)
    live_in(cast.sophie, "Europe/London", datetime(2020, 1, 1, tzinfo=UTC))
    row = commitment(cast.sophie, cast.couple, day)
    with time_machine.travel(local(day, 0, 30), tick=False):
        assert mark_now(client_as, "sophie", row).status_code == 302
    with time_machine.travel(local(day, 23, 50), tick=False):
        assert mark_now(client_as, "sophie", row).status_code == 400
    assert m.Occurrence.objects.filter(commitment=row).count() == 1


def test_a_partner_who_travels_west_still_marks_each_of_their_days_once(cast, client_as):
    start = date(2026, 6, 1)
    live_in(cast.emma, "Europe/London", datetime(2020, 1, 1, tzinfo=UTC))
    row = commitment(cast.emma, cast.couple, start)
    for offset in range(2):
        with time_machine.travel(local(start + timedelta(days=offset), 21), tick=False):
            assert mark_now(client_as, "emma", row).status_code == 302
    # She lands in New York on 3 June and tells Goldseam; 21:00 there is 01:00 UTC next day.
    with time_machine.travel(datetime(2026, 6, 3, 12, tzinfo=UTC), tick=False):
        assert client_as("emma").post(reverse("rebuild:settings"),
                         {"zone": "America/New_York", "every": "weekly"}).status_code == 302
    for offset in range(2, 4):
        with time_machine.travel(local(start + timedelta(days=offset), 21, zone=NEW_YORK),
                                 tick=False):
            assert mark_now(client_as, "emma", row).status_code == 302
    dues = list(m.Occurrence.objects.filter(commitment=row).values_list("due", flat=True))
    assert dues == [start + timedelta(days=i) for i in range(4)]


def checkin(user, couple, at: datetime, value: int):
    ratings = {item.id: value for item in instrument().items}
    return m.CheckIn.objects.create(owner=user, couple=couple, at=at, ratings=ratings,
                                    need="Time together", shared_at=at)


def test_a_reliable_drop_is_pointed_out_kindly_to_both_partners(cast, client_as):
    first = datetime(2026, 5, 3, 19, tzinfo=UTC)
    for week, value in enumerate((6, 5, 6, 6, 5, 6, 2)):
        checkin(cast.sophie, cast.couple, first + timedelta(weeks=week), value)
        checkin(cast.emma, cast.couple, first + timedelta(weeks=week), 5)
    with time_machine.travel(first + timedelta(weeks=6, days=1), tick=False):
        for actor in ("sophie", "emma"):
            body = client_as(actor).get(reverse("rebuild:home")).content.decode()
            assert ("Sophie&#x27;s sense of felt safety has dropped more than everyday ups "
                    "and downs") in body
            assert "worth a gentle conversation" in body
            # The other four constructs and the total fell too: named once, not repeated.
            assert "The same is true of: trust, accessibility" in body
            assert body.count("has dropped more than") == 1


def test_dashboard_draws_a_chart_per_construct_and_the_reliability_strip(cast, client_as):
    first = datetime(2026, 5, 3, 19, tzinfo=UTC)
    for week in range(3):
        checkin(cast.sophie, cast.couple, first + timedelta(weeks=week), 4 + week)
    commitment(cast.emma, cast.couple, date(2026, 5, 1))
    with time_machine.travel(first + timedelta(weeks=3), tick=False):
        body = client_as("emma").get(reverse("rebuild:home")).content.decode()
    charts = body.count('<svg xmlns="http://www.w3.org/2000/svg"')
    assert charts == len(instrument().constructs) + 2  # each construct, the total, the strip
    assert "felt safety over time" in body.lower() or "Felt safety over time" in body
    assert "<script" not in body.split("</head>")[1]


def test_a_ritual_never_offers_the_same_prompt_twice_in_a_month(cast, client_as):
    ritual = couple_ritual(cast)
    first = datetime.now(UTC).replace(hour=12)
    for day in range(31):
        with time_machine.travel(first + timedelta(days=day), tick=False):
            # Both partners open their pages the same day: they see one prompt between them.
            assert client_as("sophie").get(reverse("rebuild:rituals")).status_code == 200
            assert client_as("emma").get(reverse("rebuild:home")).status_code == 200
    used = list(m.RitualPrompt.objects.filter(ritual=ritual).values_list("prompt_id", flat=True))
    assert len(used) == 31
    assert len(set(used[:30])) == 30


def test_ritual_marked_done_by_both_counts_once(cast, client_as):
    ritual = couple_ritual(cast)
    url = reverse("rebuild:ritual-done", kwargs={"pk": ritual.pk})
    assert client_as("sophie").post(url).status_code == 302
    assert client_as("emma").post(url).status_code == 302
    assert m.RitualDone.objects.filter(ritual=ritual).count() == 1


def test_due_items_show_in_the_app_early_in_the_morning(cast, client_as):
    live_in(cast.sophie, "Europe/London", datetime(2020, 1, 1, tzinfo=UTC))
    row = commitment(cast.sophie, cast.couple, date(2026, 7, 1))
    with time_machine.travel(local(date(2026, 7, 2), 6, 30), tick=False):
        body = client_as("sophie").get(reverse("rebuild:home")).content.decode()
    assert "Today: &quot;I&#x27;ll say goodnight&quot;" in body
    assert reverse("rebuild:commitment", kwargs={"pk": row.pk}) in body
