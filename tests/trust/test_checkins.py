"""Check-ins: validation with clear messages, scoring, reliable change, trends and notices."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldseam.trust.change import Norms, gap_widened, rci, reliable
from goldseam.trust.checkins import TOTAL, CheckIn, instrument, score
from goldseam.trust.errors import CheckInError
from goldseam.trust.people import Couple, Person
from goldseam.trust.trends import notices, series

T0 = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)


def ratings(value=5, **overrides):
    values = {item.id: value for item in instrument().items}
    values.update(overrides)
    return values


def test_instrument_covers_every_construct_and_cites_its_sources():
    tool = instrument()
    assert set(tool.constructs) == {"safety", "trust", "accessibility", "responsiveness",
                                    "engagement"}
    assert {i.facet for i in tool.items if i.construct == "trust"} == {
        "honesty", "dependability", "predictability"}
    note = json.loads(resources.files("goldseam.trust").joinpath("data/checkin.json")
                      .read_text("utf-8"))["_note"]
    for source in ("Rempel", "Johnson", "Sandberg", "Larzelere"):
        assert source in note


def test_scores_are_construct_means_and_total_weighs_constructs_equally(couple):
    checkin = CheckIn.create(couple, "maya", T0, ratings(4, trust_honesty=1), "to be heard")
    assert checkin.scores["trust"] == pytest.approx(3.0)
    assert checkin.scores["safety"] == 4.0
    assert checkin.scores[TOTAL] == pytest.approx((3.0 + 4 * 4.0) / 5)


@pytest.mark.parametrize("bad", [0, 8, -1, 99, "9", 4.5, True, "five", None, ""])
def test_rating_outside_the_scale_names_the_item(couple, bad):
    with pytest.raises(CheckInError) as caught:
        CheckIn.create(couple, "maya", T0, ratings(engage_close=bad), "rest")
    assert caught.value.field == "engage_close"
    assert "1 to 7" in str(caught.value)


def test_form_strings_of_digits_are_accepted(couple):
    checkin = CheckIn.create(couple, "maya", T0, {k: str(v) for k, v in ratings(6).items()},
                             "rest")
    assert checkin.scores[TOTAL] == 6.0


def test_unknown_item_and_missing_need_are_refused(couple):
    with pytest.raises(CheckInError, match="no question called"):
        CheckIn.create(couple, "maya", T0, ratings(extra=3), "rest")
    with pytest.raises(CheckInError, match="name one thing") as caught:
        CheckIn.create(couple, "maya", T0, ratings(), "   ")
    assert caught.value.field == "need"


def test_checkin_for_another_couple_is_refused(couple, maya):
    other = Couple("c9", (maya, Person.in_zone("zed", "Zed", "UTC")))
    checkin = CheckIn.create(other, "maya", T0, ratings(), "rest")
    with pytest.raises(CheckInError, match="different couple"):
        series(couple, [checkin])


@given(st.floats(1, 7), st.floats(1, 7))
def test_rci_sign_follows_the_change(before, after):
    index = rci(before, after)
    assert (index > 0) == (after > before) or before == after
    assert (index < 0) == (after < before) or before == after


def test_default_norms_make_about_one_and_a_half_points_reliable():
    assert not reliable(rci(4.0, 5.4))
    assert reliable(rci(4.0, 5.6))
    assert reliable(rci(5.6, 4.0))


def test_norms_from_history_need_enough_checkins_and_stay_bounded():
    assert Norms.from_history([4, 5, 4]).source == "defaults"
    steady = Norms.from_history([5] * 10)
    assert steady.source == "history"
    assert 0.5 <= steady.reliability <= 0.95
    assert steady.sd >= 0.5


def test_gap_widening_needs_more_than_noise():
    assert not gap_widened(0.5, 1.0)
    assert gap_widened(0.0, 3.0)


def checkins_for(couple, maya_scores, sam_scores):
    made = []
    for week, (m, s) in enumerate(zip(maya_scores, sam_scores, strict=True)):
        when = T0 + timedelta(days=7 * week)
        made.append(CheckIn.create(couple, "maya", when, ratings(m), "closeness"))
        made.append(CheckIn.create(couple, "sam", when, ratings(s), "patience"))
    return made


def test_a_reliable_drop_is_pointed_out_kindly(couple):
    lines = series(couple, checkins_for(couple, [5, 5, 2], [5, 5, 5]))
    found = notices(couple, lines)
    drops = [n for n in found if n.kind == "reliable_drop"]
    assert {n.construct for n in drops} >= {"safety", "trust", TOTAL}
    assert all(n.person_ids == ("maya",) for n in drops)
    sentence = next(n.sentence for n in drops if n.construct == "safety")
    assert sentence.startswith("Maya's sense of felt safety has dropped")
    assert "gentle conversation" in sentence


def test_small_wobbles_are_not_pointed_out(couple):
    lines = series(couple, checkins_for(couple, [4, 5, 4, 5], [5, 4, 5, 5]))
    assert notices(couple, lines) == []


def test_a_widening_gap_between_partners_is_pointed_out(couple):
    lines = series(couple, checkins_for(couple, [5, 4, 3, 2, 2], [5, 5, 6, 6, 6]))
    gaps = [n for n in notices(couple, lines) if n.kind == "gap_widening"]
    assert gaps and gaps[0].person_ids == ("maya", "sam")
    assert "Neither view is wrong" in gaps[0].sentence


def test_trend_slope_is_positive_when_scores_rise(couple):
    lines = series(couple, checkins_for(couple, [2, 3, 4, 5], [4, 4, 4, 4]))
    assert lines[("maya", "trust")].slope_per_month() > 0
    assert lines[("sam", "trust")].slope_per_month() == pytest.approx(0)


def test_score_matches_created_scores(couple):
    values = ratings(3, safety_voice=7)
    assert CheckIn.create(couple, "sam", T0, values, "x").scores == score(values)


def test_trend_is_described_in_one_plain_sentence(couple):
    from goldseam.trust.trends import describe

    lines = series(couple, checkins_for(couple, [2, 3, 5], [5, 5, 5]))
    assert describe("Maya", lines[("maya", "safety")]) == (
        "Maya's sense of felt safety rose from 2.0 to 5.0 between January 2026 and January 2026."
    )
    assert "stayed around 5.0" in describe("Sam", lines[("sam", "trust")])
    assert describe("Sam", series(couple, [])[("sam", "trust")]) == "Sam hasn't checked in yet."


def test_trust_library_imports_no_django():
    import subprocess
    import sys

    code = "import sys, goldseam.trust; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
