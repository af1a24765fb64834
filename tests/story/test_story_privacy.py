"""Property: whatever each partner chose to share, no unshared words appear in the draft."""
from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from goldseam.story.demo import EMMA, SOPHIE
from goldseam.story.draft import draft_story
from goldseam.story.records import (
    Acknowledgment,
    CommitmentRecord,
    CycleAccount,
    CyclePattern,
    HeardAnswer,
    InjuryStatement,
    Memory,
    Need,
    NeedResponse,
    RitualRecord,
    StoryRecords,
    Trend,
)
from goldseam.trust.reliability import Outcome

DAY = date(2026, 5, 1)


def _records() -> StoryRecords:
    """Return one record of every kind, each text field holding a unique marker word."""
    s, e = SOPHIE.id, EMMA.id
    outcomes = tuple(Outcome(DAY + timedelta(days=i), True) for i in range(3))
    return StoryRecords(
        partners=(SOPHIE, EMMA), hurt_id=s, today=DAY + timedelta(days=30), years_together=3,
        memories=(Memory(e, "zqmemoryone"),),
        injuries=(InjuryStatement(s, "zqhappenedone", "zqimpactone"),),
        cycle_accounts=(CycleAccount(s, "I zqdid", "zqfelt", "zqfeared", "zqlonged"),
                        CycleAccount(e, "I zqdidtwo", "zqfelttwo", "zqfearedtwo", "zqlongedtwo")),
        cycle_patterns=(CyclePattern("pursue-withdraw", "zqpatternone"),),
        needs=(Need(s, "zqneedone"), Need(e, "zqneedtwo")),
        responses=(NeedResponse(e, "zqresponseone"), NeedResponse(s, "zqresponsetwo")),
        acknowledgments=(Acknowledgment(e, 1, "zqackone"), Acknowledgment(e, 2, "zqacktwo")),
        heard_answers=(HeardAnswer(s, 1, False, "zqquestionone"), HeardAnswer(s, 2, True)),
        commitments=(CommitmentRecord(e, "zqcommitone", outcomes),
                     CommitmentRecord(s, "zqcommittwo", outcomes, retired=True)),
        trends=(Trend(s, "trust", ((DAY, 2.0), (DAY + timedelta(days=7), 6.9))),),
        rituals=(RitualRecord("zqritualone", 4), RitualRecord("zqritualtwo", 0)),
    )


def _markers(record) -> set[str]:
    words = set()
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str):
            words.update(w for w in value.split() if w.startswith("zq"))
    return words


def _collections(records: StoryRecords) -> list[str]:
    return [f.name for f in fields(records)
            if isinstance(getattr(records, f.name), tuple) and f.name != "partners"]


BASE = _records()
SLOTS = [(name, i) for name in _collections(BASE) for i in range(len(getattr(BASE, name)))]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.booleans(), min_size=len(SLOTS), max_size=len(SLOTS)))
def test_unshared_words_never_appear_in_the_draft(flags):
    changes: dict[str, list] = {name: list(getattr(BASE, name)) for name in _collections(BASE)}
    for (name, i), shared in zip(SLOTS, flags, strict=True):
        changes[name][i] = replace(changes[name][i], shared=shared)
    records = replace(BASE, **{k: tuple(v) for k, v in changes.items()})
    text = draft_story(records).to_markdown()
    for (name, i), shared in zip(SLOTS, flags, strict=True):
        record = changes[name][i]
        if not shared:
            for marker in _markers(record):
                assert not re.search(rf"\b{marker}\b", text), f"{name}[{i}] private: {marker}"
            if isinstance(record, Trend):
                assert "6.9" not in text


def test_a_shared_injury_does_appear():
    injury = replace(BASE.injuries[0], shared=True)
    text = draft_story(replace(BASE, injuries=(injury,))).to_markdown()
    assert "zqhappenedone" in text and "zqimpactone" in text
