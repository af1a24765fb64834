"""The commitment ledger: who may say what, versions, retirement, disagreements, time zones."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from goldseam.trust.commitments import Commitment
from goldseam.trust.errors import (
    AlreadyConfirmedError,
    CadenceError,
    CommitmentError,
    NotOwnerError,
    NotPartnerError,
    TrustError,
)
from goldseam.trust.people import Couple, Person

NY = ZoneInfo("America/New_York")


def at(y, m, d, h=20, zone=NY):
    return datetime(y, m, d, h, 0, tzinfo=zone)


@pytest.fixture
def daily(couple):
    return Commitment.create("k1", couple, "sam", "Tell Maya when she contacts me", "daily",
                             date(2026, 3, 1))


def test_owner_marks_and_partner_confirms_and_partners_word_counts(daily):
    daily.mark("sam", True, at(2026, 3, 2))
    daily.confirm("maya", at(2026, 3, 2, 22), date(2026, 3, 2), kept=False)
    assert [o.kept for o in daily.outcomes()] == [False]
    [disagreement] = daily.disagreements()
    assert "Sam marked it kept" in disagreement.sentence
    assert "Maya experienced it as missed" in disagreement.sentence


def test_confirm_without_a_view_agrees_with_the_owner(daily):
    daily.mark("sam", False, at(2026, 3, 2))
    occurrence = daily.confirm("maya", at(2026, 3, 3), date(2026, 3, 2))
    assert occurrence.partner_kept is False
    assert daily.disagreements() == []


def test_owner_marks_only_awaits_partner_and_does_not_count(daily):
    daily.mark("sam", True, at(2026, 3, 2))
    assert daily.outcomes() == []
    assert len(daily.awaiting_partner()) == 1


def test_partner_cannot_mark_as_owner(daily):
    with pytest.raises(NotOwnerError, match="Only the person who made this commitment"):
        daily.mark("maya", True, at(2026, 3, 2))
    assert daily.occurrences == {}


def test_owner_cannot_confirm_their_own(daily):
    daily.mark("sam", True, at(2026, 3, 2))
    with pytest.raises(NotPartnerError, match="your partner is the one who confirms"):
        daily.confirm("sam", at(2026, 3, 2), date(2026, 3, 2))


def test_outsider_cannot_confirm(daily):
    with pytest.raises(TrustError, match="not part of this couple"):
        daily.confirm("olly", at(2026, 3, 2), date(2026, 3, 2), kept=True)


def test_confirming_twice_is_refused_and_not_double_counted(daily):
    daily.mark("sam", True, at(2026, 3, 2))
    daily.confirm("maya", at(2026, 3, 2, 21), date(2026, 3, 2))
    with pytest.raises(AlreadyConfirmedError, match="already been answered"):
        daily.confirm("maya", at(2026, 3, 2, 22), date(2026, 3, 2), kept=False)
    assert [o.kept for o in daily.outcomes()] == [True]


def test_marking_twice_is_refused(daily):
    daily.mark("sam", True, at(2026, 3, 2))
    with pytest.raises(CommitmentError, match="already marked"):
        daily.mark("sam", False, at(2026, 3, 2, 23))


def test_future_day_cannot_be_marked(daily):
    with pytest.raises(CommitmentError, match="isn't due yet"):
        daily.mark("sam", True, at(2026, 3, 2), day=date(2026, 3, 5))


def test_day_off_the_schedule_cannot_be_marked(couple):
    mondays = Commitment.create("k2", couple, "sam", "Plan a date", "every Monday",
                                date(2026, 3, 2))
    with pytest.raises(CommitmentError, match="isn't one of the days"):
        mondays.mark("sam", True, at(2026, 3, 4), day=date(2026, 3, 3))


def test_bad_cadence_and_empty_text_are_refused(couple):
    with pytest.raises(CadenceError):
        Commitment.create("k", couple, "sam", "Call", "now and then", date(2026, 3, 1))
    with pytest.raises(TrustError, match="concretely") as caught:
        Commitment.create("k", couple, "sam", "   ", "daily", date(2026, 3, 1))
    assert caught.value.field == "text"


def test_renegotiation_keeps_history_and_old_entries(daily):
    daily.mark("sam", True, at(2026, 3, 2))
    daily.renegotiate("Tell Maya within the hour", "every Monday", date(2026, 3, 9), "too often")
    assert [v.number for v in daily.versions] == [1, 2]
    due = daily.due(date(2026, 3, 1), date(2026, 3, 16))
    assert [(o.due, o.version) for o in due][-3:] == [
        (date(2026, 3, 8), 1), (date(2026, 3, 9), 2), (date(2026, 3, 16), 2)
    ]
    assert due[1].owner_kept is True  # March 2, marked under version 1, is still there


def test_retired_commitment_takes_no_new_entries_but_keeps_old(daily):
    daily.mark("sam", True, at(2026, 3, 2))
    daily.retire(date(2026, 3, 5))
    with pytest.raises(CommitmentError, match="retired"):
        daily.mark("sam", True, at(2026, 3, 6))
    assert daily.due(date(2026, 3, 1), date(2026, 3, 31))[-1].due == date(2026, 3, 4)
    assert len(daily.occurrences) == 1


def test_event_commitment_is_logged_by_either_partner(couple):
    event = Commitment.create("k3", couple, "sam", "Tell Maya", "whenever she contacts me",
                              date(2026, 3, 1))
    logged = event.log_event("sam", at(2026, 3, 3, 10), kept=True)
    event.confirm_key("maya", at(2026, 3, 3, 12), logged.key)
    event.log_event("maya", at(2026, 3, 4, 9), kept=False, note="I saw the message first")
    assert [o.kept for o in event.outcomes()] == [True, False]
    assert event.due(date(2026, 3, 1), date(2026, 3, 31)) == []
    with pytest.raises(CommitmentError, match="set days|log the moment"):
        event.mark("sam", True, at(2026, 3, 3))


def test_daily_across_spring_dst_counts_each_local_day_once(couple):
    # New York springs forward on 8 March 2026: that day has 23 hours.
    with time_machine.travel(datetime(2026, 3, 10, 23, 30, tzinfo=NY), tick=False):
        now = datetime.now(UTC)
        c = Commitment.create("dst", couple, "sam", "Goodnight call", "daily", date(2026, 3, 7))
        days = [o.due for o in c.due(c.start, c.today(now))]
        assert days == [date(2026, 3, d) for d in (7, 8, 9, 10)]
        # 23:30 on the short day is still 8 March locally.
        c.mark("sam", True, datetime(2026, 3, 8, 23, 30, tzinfo=NY))
        assert [o.due for o in c.occurrences.values()] == [date(2026, 3, 8)]


def test_daily_across_autumn_dst_counts_the_long_day_once(couple):
    c = Commitment.create("dst", couple, "sam", "Goodnight call", "daily", date(2026, 10, 31))
    # 1 November 2026 has 25 hours in New York; both 01:30s are the same local day.
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)   # 01:30 EDT
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST
    c.mark("sam", True, first)
    with pytest.raises(CommitmentError, match="already marked"):
        c.mark("sam", True, second)
    assert [o.due for o in c.due(c.start, c.today(second))] == [date(2026, 10, 31),
                                                                 date(2026, 11, 1)]


def test_travelling_west_marks_the_same_local_day_only_once(maya):
    # Sam lives in Tokyo, flies to Los Angeles and lands "before" he left, on the same date.
    sam = Person.in_zone("sam", "Sam", "Asia/Tokyo")
    left = datetime(2026, 5, 3, 17, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    sam = sam.moved(left + timedelta(hours=1), "America/Los_Angeles")
    couple = Couple("c2", (maya, sam))
    c = Commitment.create("trip", couple, "sam", "Send a photo of my day", "daily",
                          date(2026, 5, 1))
    c.mark("sam", True, left)  # 3 May in Tokyo
    landed = left + timedelta(hours=11)  # 3 May, 01:00 in Los Angeles
    assert c.today(landed) == date(2026, 5, 3)
    with pytest.raises(CommitmentError, match="already marked"):
        c.mark("sam", True, landed)
    days = [o.due for o in c.due(c.start, c.today(landed + timedelta(days=2)))]
    assert days == sorted(set(days))
    assert days == [date(2026, 5, d) for d in range(1, 6)]


def test_travelling_east_skips_no_local_day(maya):
    sam = Person.in_zone("sam", "Sam", "America/Los_Angeles")
    left = datetime(2026, 5, 3, 23, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    sam = sam.moved(left + timedelta(hours=12), "Asia/Tokyo")
    c = Commitment.create("trip", Couple("c3", (maya, sam)), "sam", "Call home", "daily",
                          date(2026, 5, 3))
    arrived = left + timedelta(hours=12)  # 5 May in Tokyo: 4 May was never lived locally
    days = [o.due for o in c.due(c.start, c.today(arrived))]
    assert days == [date(2026, 5, 3), date(2026, 5, 4), date(2026, 5, 5)]
    c.mark("sam", True, arrived, day=date(2026, 5, 4))  # and it can still be marked


@settings(deadline=None)
@given(st.integers(0, 364), st.integers(1, 60), st.sampled_from(
    ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"]))
def test_daily_due_dates_are_consecutive_and_unique_in_any_zone(offset, length, zone):
    person = Person.in_zone("sam", "Sam", zone)
    couple = Couple("p", (person, Person.in_zone("maya", "Maya", zone)))
    start = date(2026, 1, 1) + timedelta(days=offset)
    c = Commitment.create("h", couple, "sam", "Text goodnight", "daily", start)
    days = [o.due for o in c.due(start, start + timedelta(days=length - 1))]
    assert days == [start + timedelta(days=i) for i in range(length)]


def test_twice_a_week_marks_fill_the_weeks_slots_then_stop(couple):
    c = Commitment.create("k4", couple, "sam", "Cook dinner together", "twice a week",
                          date(2026, 3, 2))
    first = c.mark("sam", True, at(2026, 3, 3))
    second = c.mark("sam", True, at(2026, 3, 5))
    assert (first.due, first.slot, second.due, second.slot) == (
        date(2026, 3, 8), 0, date(2026, 3, 8), 1)
    with pytest.raises(CommitmentError, match="already marked"):
        c.mark("sam", True, at(2026, 3, 6))
