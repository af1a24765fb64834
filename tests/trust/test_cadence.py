"""Reading cadences in plain words, and the local dates they fall due."""
from __future__ import annotations

from datetime import date

import pytest

from goldseam.trust.cadence import DAILY, EVENT, ONCE, TIMES_PER_WEEK, WEEKLY, parse_cadence
from goldseam.trust.errors import CadenceError


@pytest.mark.parametrize(
    ("text", "kind", "weekdays", "times"),
    [
        ("once", ONCE, set(), 1),
        ("Daily", DAILY, set(), 1),
        ("every day", DAILY, set(), 1),
        ("every evening", DAILY, set(), 1),
        ("weekly", WEEKLY, set(), 1),
        ("once a week", WEEKLY, set(), 1),
        ("every Monday", WEEKLY, {0}, 1),
        ("Mondays and Thursdays", WEEKLY, {0, 3}, 1),
        ("mon, wed, fri", WEEKLY, {0, 2, 4}, 1),
        ("weekdays", WEEKLY, {0, 1, 2, 3, 4}, 1),
        ("weekends", WEEKLY, {5, 6}, 1),
        ("twice a week", TIMES_PER_WEEK, set(), 2),
        ("3 times a week", TIMES_PER_WEEK, set(), 3),
        ("seven times a week", DAILY, set(), 1),
    ],
)
def test_cadence_phrases_are_read(text, kind, weekdays, times):
    cadence = parse_cadence(text)
    assert (cadence.kind, set(cadence.weekdays), cadence.times) == (kind, weekdays, times)


def test_event_cadence_keeps_the_event_in_the_owners_words():
    cadence = parse_cadence("Whenever she contacts me.")
    assert cadence.kind == EVENT
    assert cadence.event == "she contacts me"
    assert not cadence.scheduled


@pytest.mark.parametrize("text", ["", "   ", "sometimes", "every blue moon", "9 times a week",
                                  "x" * 300])
def test_unreadable_cadence_gets_a_clear_message(text):
    with pytest.raises(CadenceError) as caught:
        parse_cadence(text)
    assert caught.value.field == "cadence"
    assert str(caught.value)[0].isupper()


def test_weekly_falls_on_the_start_weekday():
    due = [d for d, _ in parse_cadence("weekly").due(date(2026, 3, 4), date(2026, 3, 1),
                                                     date(2026, 3, 31))]
    assert due == [date(2026, 3, 4), date(2026, 3, 11), date(2026, 3, 18), date(2026, 3, 25)]


def test_twice_a_week_has_two_slots_due_each_sunday():
    due = list(parse_cadence("twice a week").due(date(2026, 3, 4), date(2026, 3, 1),
                                                 date(2026, 3, 15)))
    assert due == [(date(2026, 3, 8), 0), (date(2026, 3, 8), 1),
                   (date(2026, 3, 15), 0), (date(2026, 3, 15), 1)]


def test_once_is_due_only_on_its_start():
    due = list(parse_cadence("once").due(date(2026, 3, 4), date(2026, 1, 1), date(2026, 12, 31)))
    assert due == [(date(2026, 3, 4), 0)]
