"""Versioned dicts round-trip every record and refuse formats they cannot read."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from goldseam.trust.checkins import CheckIn, instrument
from goldseam.trust.commitments import Commitment
from goldseam.trust.errors import TrustError
from goldseam.trust.records import (
    checkin_from_dict,
    checkin_to_dict,
    commitment_from_dict,
    commitment_to_dict,
    ritual_from_dict,
    ritual_to_dict,
)
from goldseam.trust.rituals import Ritual

WHEN = datetime(2026, 3, 3, 22, tzinfo=UTC)


def test_commitment_round_trips_with_versions_and_words(couple):
    c = Commitment.create("k1", couple, "sam", "Tell Maya", "daily", date(2026, 3, 1))
    c.mark("sam", True, WHEN, date(2026, 3, 2))
    c.confirm("maya", WHEN, date(2026, 3, 2), kept=False)
    c.renegotiate("Tell Maya within the hour", "weekdays", date(2026, 3, 9), "clearer")
    data = json.loads(json.dumps(commitment_to_dict(c)))
    back = commitment_from_dict(data, couple)
    assert back.versions == c.versions
    assert back.occurrences == c.occurrences
    assert back.disagreements()[0].sentence == c.disagreements()[0].sentence


def test_checkin_and_ritual_round_trip(couple):
    checkin = CheckIn.create(couple, "maya", WHEN, {i.id: 4 for i in instrument().items}, "rest",
                             "a note", True)
    assert checkin_from_dict(json.loads(json.dumps(checkin_to_dict(checkin)))) == checkin
    ritual = Ritual.create("r1", couple, "weekly_walk", date(2026, 3, 1))
    ritual.mark_done("sam", WHEN)
    assert ritual_from_dict(ritual_to_dict(ritual), couple).done == ritual.done


def test_newer_format_is_refused_with_what_to_do(couple):
    c = Commitment.create("k1", couple, "sam", "Tell Maya", "daily", date(2026, 3, 1))
    data = commitment_to_dict(c) | {"format": 99}
    with pytest.raises(TrustError, match="Update Goldseam"):
        commitment_from_dict(data, couple)
