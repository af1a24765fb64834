"""Validate and score check-ins: each partner's private weekly ratings, need and note.

The instrument (items, constructs, scale and the sources of the constructs) lives in
``data/checkin.json``; this module only reads it, so a clinician can revise the wording there.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from statistics import fmean
from typing import Any

from goldseam.trust.errors import CheckInError
from goldseam.trust.people import Couple

#: Longest need a partner names; one sentence is the intent.
MAX_NEED_CHARS = 500
#: Longest optional note.
MAX_NOTE_CHARS = 4_000
TOTAL = "total"


@dataclass(frozen=True)
class Item:
    """One statement rated on the instrument's scale, belonging to one construct."""

    id: str
    construct: str
    text: str
    facet: str = ""


@dataclass(frozen=True)
class Instrument:
    """The check-in questionnaire: its version, scale, constructs and items."""

    version: int
    low: int
    high: int
    constructs: tuple[str, ...]
    items: tuple[Item, ...]

    def item(self, item_id: str) -> Item:
        """Return the item with ``item_id`` or raise ``KeyError``."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


@cache
def instrument() -> Instrument:
    """Return the check-in instrument shipped in ``data/checkin.json``."""
    raw: dict[str, Any] = json.loads(
        resources.files("goldseam.trust").joinpath("data/checkin.json").read_text("utf-8")
    )
    items = tuple(
        Item(i["id"], i["construct"], i["text"], i.get("facet", "")) for i in raw["items"]
    )
    return Instrument(
        raw["version"], raw["scale"]["low"], raw["scale"]["high"], tuple(raw["constructs"]), items
    )


@dataclass(frozen=True)
class CheckIn:
    """One partner's check-in: who, when, the ratings by item id, the need and a note."""

    couple_id: str
    person_id: str
    at: datetime
    ratings: Mapping[str, int]
    need: str
    note: str = ""
    note_shared: bool = False
    instrument_version: int = 1
    scores: Mapping[str, float] = field(default_factory=dict, compare=False)

    @classmethod
    def create(
        cls,
        couple: Couple,
        person_id: str,
        at: datetime,
        ratings: Mapping[str, object],
        need: str,
        note: str = "",
        note_shared: bool = False,
    ) -> CheckIn:
        """Return a validated, scored check-in, or raise ``CheckInError`` naming the field.

        Ratings may arrive as ints or as digit strings from a form; booleans, floats and
        anything outside the scale are refused.
        """
        couple.person(person_id)
        tool = instrument()
        clean = {item.id: _rating(item, ratings.get(item.id), tool) for item in tool.items}
        unknown = sorted(set(ratings) - set(clean))
        if unknown:
            raise CheckInError("errors.rating_unknown", field=unknown[0], item=unknown[0])
        need = " ".join((need or "").split())
        if not need:
            raise CheckInError("errors.need_missing", field="need")
        if len(need) > MAX_NEED_CHARS:
            raise CheckInError("errors.need_too_long", field="need", limit=MAX_NEED_CHARS)
        note = (note or "").strip()
        if len(note) > MAX_NOTE_CHARS:
            raise CheckInError("errors.note_too_long", field="note", limit=MAX_NOTE_CHARS)
        if at.tzinfo is None:
            raise ValueError("check-in instants must be timezone-aware")
        return cls(
            couple.id, person_id, at, clean, need, note, note_shared, tool.version,
            score(clean, tool),
        )

    def belongs_to(self, couple: Couple) -> None:
        """Raise ``CheckInError`` unless this check-in is by a partner of ``couple``."""
        if self.couple_id != couple.id or self.person_id not in {p.id for p in couple.partners}:
            raise CheckInError("errors.wrong_couple", field="couple")


def _rating(item: Item, value: object, tool: Instrument) -> int:
    if value is None or value == "":
        raise CheckInError(
            "errors.rating_missing", field=item.id, item=item.text, low=tool.low, high=tool.high
        )
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise CheckInError(
            "errors.rating_type", field=item.id, item=item.text, low=tool.low, high=tool.high
        )
    if not tool.low <= value <= tool.high:
        raise CheckInError(
            "errors.rating_range", field=item.id, item=item.text, low=tool.low, high=tool.high
        )
    return value


def score(ratings: Mapping[str, int], tool: Instrument | None = None) -> dict[str, float]:
    """Return the mean rating per construct and ``total``, the mean of the construct scores.

    The total weighs each construct equally, so trust (three items) does not outweigh
    safety (two) just by having more items.
    """
    tool = tool or instrument()
    result = {
        construct: fmean(ratings[i.id] for i in tool.items if i.construct == construct)
        for construct in tool.constructs
    }
    result[TOTAL] = fmean(result.values())
    return result
