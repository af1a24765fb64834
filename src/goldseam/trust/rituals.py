"""Keep the couple's rituals of connection and choose a prompt for each from the catalogue.

Rituals are shared, so either partner marks one done; a day (or week) that passes without it
counts as not done, and those outcomes join the ledger's in the couple's picture of
consistency. Prompts come from ``data/prompts.json``; the chooser is deterministic (the same
couple, ritual, day and history always give the same prompt) and never repeats a prompt within
``REPEAT_WINDOW_DAYS`` for the couple.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from goldseam.trust.cadence import Cadence, parse_cadence
from goldseam.trust.errors import RitualError, TrustError
from goldseam.trust.people import Couple
from goldseam.trust.reliability import Outcome

#: A prompt used on day d is not offered again before d + 30 ("never twice in a month").
REPEAT_WINDOW_DAYS = 30


@dataclass(frozen=True)
class Prompt:
    """One conversation prompt with its stable id and category."""

    id: str
    category: str
    text: str


@dataclass(frozen=True)
class RitualKind:
    """A kind of ritual the couple may choose: its name, usual cadence and prompt categories."""

    id: str
    name: str
    cadence: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class PromptUse:
    """Record that ``prompt_id`` was offered to the couple for ``ritual`` on ``day``."""

    day: date
    ritual: str
    prompt_id: str


@cache
def _catalogue() -> dict[str, Any]:
    text = resources.files("goldseam.trust").joinpath("data/prompts.json").read_text("utf-8")
    return json.loads(text)


@cache
def prompts() -> tuple[Prompt, ...]:
    """Return every prompt in the catalogue, in file order."""
    return tuple(Prompt(p["id"], p["category"], p["text"]) for p in _catalogue()["prompts"])


@cache
def ritual_kinds() -> dict[str, RitualKind]:
    """Return the ritual kinds the catalogue offers, by id."""
    return {
        key: RitualKind(key, r["name"], r["cadence"], tuple(r["categories"]))
        for key, r in _catalogue()["rituals"].items()
    }


def ritual_kind(kind: str) -> RitualKind:
    """Return the ritual kind ``kind`` or raise ``RitualError``."""
    try:
        return ritual_kinds()[kind]
    except KeyError:
        raise RitualError("errors.unknown_ritual", field="ritual", ritual=kind) from None


def _rank(couple_id: str, ritual: str, day: date, prompt_id: str) -> bytes:
    # A hash, not random.choice: the same inputs give the same prompt on every server.
    return hashlib.sha256(f"{couple_id}|{ritual}|{day}|{prompt_id}".encode()).digest()


def choose_prompt(
    couple_id: str, ritual: str, day: date, history: Iterable[PromptUse]
) -> Prompt:
    """Return the prompt for ``ritual`` on ``day``, unused by the couple in the last month.

    A prompt already offered for this ritual on this day is returned again. Prompts from the
    ritual's own categories come first; when all were used in the window, any unused one;
    only when the whole catalogue was used within the window, the least recently used.
    """
    kind = ritual_kind(ritual)
    by_id = {p.id: p for p in prompts()}
    last_used: dict[str, date] = {}
    for use in history:
        if use.day == day and use.ritual == ritual and use.prompt_id in by_id:
            return by_id[use.prompt_id]
        if use.day <= day and use.day > last_used.get(use.prompt_id, date.min):
            last_used[use.prompt_id] = use.day

    def fresh(p: Prompt) -> bool:
        used = last_used.get(p.id)
        return used is None or (day - used).days >= REPEAT_WINDOW_DAYS

    for pool in (
        [p for p in prompts() if p.category in kind.categories and fresh(p)],
        [p for p in prompts() if fresh(p)],
    ):
        if pool:
            return min(pool, key=lambda p: _rank(couple_id, ritual, day, p.id))
    return min(prompts(), key=lambda p: (last_used[p.id], _rank(couple_id, ritual, day, p.id)))


@dataclass
class Ritual:
    """A ritual the couple chose: its kind, cadence, start, and the days it was done."""

    id: str
    couple: Couple
    kind: str
    cadence: Cadence
    start: date
    done: dict[date, tuple[str, datetime]] = field(default_factory=dict)

    @classmethod
    def create(
        cls, id: str, couple: Couple, kind: str, start: date, cadence: str | None = None
    ) -> Ritual:
        """Return a new ritual of ``kind``; ``cadence`` defaults to the kind's usual one."""
        chosen = ritual_kind(kind)
        return cls(id, couple, kind, parse_cadence(cadence or chosen.cadence), start)

    @property
    def name(self) -> str:
        """Return the ritual's name as people read it."""
        return ritual_kind(self.kind).name

    def mark_done(self, by: str, at: datetime, day: date | None = None) -> date:
        """Record that the ritual happened on ``day`` (default: ``by``'s local today).

        Marking a day already done is accepted and changes nothing: both partners may tap it.
        """
        person = self.couple.person(by)
        day = day or person.local_date(at)
        if day > person.local_date(at):
            raise TrustError("errors.not_due_yet", date=day.isoformat())
        if day < self.start:
            raise TrustError("errors.before_start", date=self.start.isoformat())
        self.done.setdefault(day, (by, at))
        return day

    def outcomes(self, today: date) -> list[Outcome]:
        """Return one outcome per due day up to ``today``; today counts only once done."""
        result = []
        for day, _slot in self.cadence.due(self.start, self.start, today):
            if self.cadence.weekdays or self.cadence.kind == "daily" or self.cadence.kind == "once":
                done = day in self.done
            else:
                # "Weekly" (and "twice a week" taken as weekly) is done on any day of its week.
                done = any(0 <= (day - d).days < 7 for d in self.done)
            if done or day < today:
                result.append(Outcome(day, done))
        return result
