"""Rituals and the prompt chooser: a big enough catalogue, no repeats within a month."""
from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldseam.trust.errors import RitualError
from goldseam.trust.rituals import (
    REPEAT_WINDOW_DAYS,
    PromptUse,
    Ritual,
    choose_prompt,
    prompts,
    ritual_kinds,
)

START = date(2026, 2, 1)


def test_catalogue_has_at_least_150_distinct_prompts_across_the_five_areas():
    catalogue = prompts()
    assert len(catalogue) >= 150
    assert len({p.text for p in catalogue}) == len(catalogue)
    assert len({p.id for p in catalogue}) == len(catalogue)
    counts = Counter(p.category for p in catalogue)
    assert set(counts) == {"appreciation", "curiosity", "hopes", "repair", "hard_topics"}
    assert min(counts.values()) >= 25


def test_every_ritual_draws_on_known_categories():
    categories = {p.category for p in prompts()}
    for kind in ritual_kinds().values():
        assert set(kind.categories) <= categories


def simulate(couple_id, schedule, days):
    history: list[PromptUse] = []
    for offset in range(days):
        day = START + timedelta(days=offset)
        for ritual in schedule(day):
            prompt = choose_prompt(couple_id, ritual, day, history)
            history.append(PromptUse(day, ritual, prompt.id))
    return history


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=8), st.integers(30, 120))
def test_no_prompt_repeats_within_a_month_for_a_couple(couple_id, days):
    def schedule(day):
        rituals = ["daily_talk", "goodnight"]
        if day.weekday() == 6:
            rituals += ["weekly_walk", "hard_conversation"]
        return rituals

    history = simulate(couple_id, schedule, days)
    last: dict[str, date] = {}
    for use in history:
        if use.prompt_id in last:
            assert (use.day - last[use.prompt_id]).days >= REPEAT_WINDOW_DAYS
        last[use.prompt_id] = use.day


def test_chooser_is_deterministic_and_stable_within_a_day():
    history = simulate("c1", lambda day: ["daily_talk"], 10)
    day = START + timedelta(days=10)
    first = choose_prompt("c1", "daily_talk", day, history)
    assert choose_prompt("c1", "daily_talk", day, history) == first
    again = [*history, PromptUse(day, "daily_talk", first.id)]
    assert choose_prompt("c1", "daily_talk", day, again) == first


def test_hard_conversation_prompts_come_from_hard_topics_or_repair():
    history = simulate("c1", lambda day: ["hard_conversation"], 40)
    by_id = {p.id: p for p in prompts()}
    assert {by_id[u.prompt_id].category for u in history} <= {"hard_topics", "repair"}


def test_unknown_ritual_is_refused():
    with pytest.raises(RitualError, match="don't know the ritual"):
        choose_prompt("c1", "skydiving", START, [])


def test_ritual_outcomes_count_missed_days_but_not_today_until_done(couple):
    ritual = Ritual.create("r1", couple, "daily_talk", START)
    ritual.mark_done("maya", datetime(2026, 2, 1, 23, tzinfo=UTC), START)
    ritual.mark_done("sam", datetime(2026, 2, 2, 1, tzinfo=UTC), START)  # both tap: once
    outcomes = ritual.outcomes(date(2026, 2, 3))
    assert [(o.day.day, o.kept) for o in outcomes] == [(1, True), (2, False)]


def test_weekly_ritual_is_done_any_day_of_its_week(couple):
    ritual = Ritual.create("r2", couple, "weekly_walk", START)  # Sundays from 1 Feb
    ritual.mark_done("sam", datetime(2026, 2, 6, 20, tzinfo=UTC), date(2026, 2, 6))
    outcomes = ritual.outcomes(date(2026, 2, 16))
    assert [(o.day.day, o.kept) for o in outcomes] == [(1, False), (8, True), (15, False)]
