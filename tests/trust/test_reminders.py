"""What is due at an instant, with idempotency keys that never change between runs."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from goldseam.trust.checkins import CheckIn, instrument
from goldseam.trust.commitments import Commitment
from goldseam.trust.errors import TrustError
from goldseam.trust.reminders import due_reminders
from goldseam.trust.rituals import Ritual
from goldseam.trust.schedule import MONTHLY, CheckInSchedule, add_months

NY = ZoneInfo("America/New_York")
START = date(2026, 3, 2)


def test_first_checkin_is_due_on_the_start_then_weekly(couple, maya):
    schedule = CheckInSchedule(START)
    assert schedule.due(maya, None, datetime(2026, 3, 2, 9, tzinfo=NY)) == START
    last = datetime(2026, 3, 2, 20, tzinfo=NY)
    assert schedule.due(maya, last, datetime(2026, 3, 8, 23, tzinfo=NY)) is None
    assert schedule.due(maya, last, datetime(2026, 3, 9, 9, tzinfo=NY)) == date(2026, 3, 9)


def test_booster_checkins_are_monthly_after_the_story(maya):
    schedule = CheckInSchedule(START, story_done_on=date(2026, 6, 1))
    assert schedule.cadence_on(date(2026, 6, 15)) == MONTHLY
    assert schedule.next_due(date(2026, 6, 15)) == date(2026, 7, 15)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_unknown_checkin_cadence_is_refused():
    with pytest.raises(TrustError, match="weekly, every two weeks or monthly"):
        CheckInSchedule(START, every="hourly")


def world(couple):
    commitment = Commitment.create("k1", couple, "sam", "Share my location on late nights",
                                   "daily", START)
    ritual = Ritual.create("r1", couple, "goodnight", START)
    return commitment, ritual


def test_reminders_cover_checkins_occurrences_confirmations_and_rituals(couple):
    commitment, ritual = world(couple)
    commitment.mark("sam", True, datetime(2026, 3, 3, 21, tzinfo=NY))
    now = datetime(2026, 3, 4, 10, tzinfo=NY)
    found = due_reminders(now, couple, CheckInSchedule(START), [], [commitment], [ritual])
    keys = {r.key for r in found}
    assert "checkin:c1:maya:2026-03-02" in keys
    assert "checkin:c1:sam:2026-03-02" in keys
    assert "occurrence:k1:2026-03-04:0" in keys
    assert "confirm:k1:2026-03-03:0" in keys
    assert {"ritual:r1:2026-03-04:maya", "ritual:r1:2026-03-04:sam"} <= keys
    confirm = next(r for r in found if r.kind == "confirm")
    assert confirm.person_id == "maya"
    assert "Sam marked" in confirm.text


def test_keys_are_stable_across_runs_on_the_same_day(couple):
    commitment, ritual = world(couple)
    runs = [
        {r.key for r in due_reminders(datetime(2026, 3, 4, h, tzinfo=NY), couple,
                                      CheckInSchedule(START), [], [commitment], [ritual])}
        for h in (9, 13, 21)
    ]
    assert runs[0] == runs[1] == runs[2]


def test_done_and_answered_things_are_not_reminded(couple):
    commitment, ritual = world(couple)
    now = datetime(2026, 3, 4, 10, tzinfo=NY)
    commitment.mark("sam", True, now)
    commitment.confirm("maya", now, date(2026, 3, 4))
    ritual.mark_done("maya", now)
    items = {i.id: 5 for i in instrument().items}
    checkins = [CheckIn.create(couple, p, now, items, "rest") for p in ("maya", "sam")]
    assert due_reminders(now, couple, CheckInSchedule(START), checkins, [commitment],
                         [ritual]) == []


def test_nothing_is_sent_in_the_small_hours(couple):
    commitment, ritual = world(couple)
    now = datetime(2026, 3, 4, 3, tzinfo=NY)
    assert due_reminders(now, couple, CheckInSchedule(START), [], [commitment], [ritual]) == []


def test_paused_couple_gets_only_private_checkin_reminders(couple):
    commitment, ritual = world(couple)
    now = datetime(2026, 3, 4, 10, tzinfo=NY)
    found = due_reminders(now, couple, CheckInSchedule(START), [], [commitment], [ritual],
                          paused=True)
    assert {r.kind for r in found} == {"checkin"}


def test_ritual_reminder_offers_a_prompt_id_to_record(couple):
    _, ritual = world(couple)
    now = datetime(2026, 3, 4, 10, tzinfo=NY) + timedelta(days=1)
    found = [r for r in due_reminders(now, couple, rituals=[ritual]) if r.kind == "ritual"]
    assert found and all(r.prompt_id for r in found)
    assert now.astimezone(UTC).tzinfo is UTC
