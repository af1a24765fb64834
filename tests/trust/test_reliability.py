"""The reliability estimate: posterior properties, fading memory and honest words."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldseam.trust.errors import TrustError
from goldseam.trust.reliability import Outcome, estimate, weight

TODAY = date(2026, 6, 30)

histories = st.lists(
    st.tuples(st.integers(0, 400), st.booleans()), min_size=0, max_size=60
).map(lambda xs: [Outcome(TODAY - timedelta(days=d), k) for d, k in xs])


@settings(deadline=None)
@given(histories, st.floats(1, 365))
def test_posterior_mean_lies_in_unit_interval_and_inside_its_range(outcomes, half_life):
    est = estimate(outcomes, TODAY, half_life_days=half_life)
    assert 0.0 < est.mean < 1.0
    assert est.low <= est.mean <= est.high


@settings(deadline=None)
@given(histories, st.integers(0, 400))
def test_one_more_kept_never_lowers_the_estimate(outcomes, age):
    before = estimate(outcomes, TODAY)
    after = estimate([*outcomes, Outcome(TODAY - timedelta(days=age), True)], TODAY)
    assert after.mean >= before.mean - 1e-12
    missed = estimate([*outcomes, Outcome(TODAY - timedelta(days=age), False)], TODAY)
    assert missed.mean <= before.mean + 1e-12


@settings(deadline=None)
@given(st.floats(0, 1000), st.floats(0, 1000), st.floats(1, 365))
def test_weight_halves_each_half_life_and_never_grows_with_age(a, b, half_life):
    younger, older = sorted((a, b))
    assert weight(younger, half_life) >= weight(older, half_life)
    assert weight(half_life, half_life) == pytest.approx(0.5)


def test_recent_misses_weigh_more_than_old_ones():
    old_misses = [Outcome(TODAY - timedelta(days=90 + d), False) for d in range(5)]
    new_misses = [Outcome(TODAY - timedelta(days=d), False) for d in range(5)]
    kept = [Outcome(TODAY - timedelta(days=10 + d), True) for d in range(10)]
    assert estimate(kept + old_misses, TODAY).mean > estimate(kept + new_misses, TODAY).mean


def test_words_give_a_range_with_the_recent_counts():
    outcomes = [Outcome(TODAY - timedelta(days=d), d != 3) for d in range(12)]
    words = estimate(outcomes, TODAY).words()
    assert words.startswith("Kept 11 of the last 12 times; likely between ")
    assert "%" in words


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_few_entries_are_too_early_to_tell_never_a_bare_percentage(count):
    outcomes = [Outcome(TODAY, i != 0) for i in range(count)]
    words = estimate(outcomes, TODAY).words()
    assert words == f"Too early to tell: {count - 1} of {count} kept so far."
    assert "%" not in words


def test_no_entries_say_the_picture_has_not_started():
    assert "No confirmed entries yet" in estimate([], TODAY).words()


def test_non_positive_half_life_is_refused():
    with pytest.raises(TrustError, match="half-life"):
        estimate([], TODAY, half_life_days=0)
