"""Describe what a couple shared, as plain records the story is drafted from.

Every record that holds a partner's words carries ``shared``: only what a partner explicitly
shared into the couple's space may reach the story. ``shared`` defaults to ``False`` because
Goldseam is private by default (product principle 1); ``shared_only`` drops the rest.
The web layer (or a test) builds these from its own models; nothing here imports Django.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from goldseam.trust.reliability import Outcome


@dataclass(frozen=True)
class Partner:
    """Name one partner and the pronouns the story uses for them (subject, object, possessive)."""

    id: str
    name: str
    pronouns: tuple[str, str, str] = ("they", "them", "their")


@dataclass(frozen=True)
class Memory:
    """Something a partner wrote about the time before the rupture."""

    author_id: str
    text: str
    shared: bool = False


@dataclass(frozen=True)
class InjuryStatement:
    """The hurt partner's two-part statement: what happened, and what it did to them."""

    author_id: str
    happened: str
    impact: str
    shared: bool = False


@dataclass(frozen=True)
class CycleAccount:
    """One partner's account of a painful exchange, in the guided steps of the cycle stage."""

    author_id: str
    did: str
    felt: str
    feared: str
    longed: str
    shared: bool = False


@dataclass(frozen=True)
class CyclePattern:
    """The couple's composed cycle map: its EFT pattern name and the sentence in their words."""

    pattern: str  # one of goldseam.language.types.PATTERNS
    text: str
    shared: bool = False


@dataclass(frozen=True)
class Need:
    """A need a partner named ("I need to know I'm your person")."""

    author_id: str
    text: str
    shared: bool = False


@dataclass(frozen=True)
class NeedResponse:
    """How the other partner answered a need."""

    author_id: str
    text: str
    shared: bool = False


@dataclass(frozen=True)
class Acknowledgment:
    """One round of the acknowledging partner's response to the injury statement."""

    author_id: str
    round: int
    text: str
    shared: bool = False


@dataclass(frozen=True)
class HeardAnswer:
    """The hurt partner's answer to one acknowledgment round: heard or not yet, maybe a question."""

    author_id: str
    round: int
    felt_heard: bool
    question: str = ""
    day: date | None = None
    shared: bool = False


@dataclass(frozen=True)
class CommitmentRecord:
    """A commitment with its confirmed outcomes (the hurt partner's word counts)."""

    owner_id: str
    text: str
    outcomes: tuple[Outcome, ...] = ()
    retired: bool = False
    shared: bool = False


@dataclass(frozen=True)
class Trend:
    """One partner's check-in scores for one construct (1 to 7), oldest first."""

    person_id: str
    construct: str  # e.g. "trust", "safety" or "total" (goldseam.trust.trends.constructs())
    points: tuple[tuple[date, float], ...]
    shared: bool = False


@dataclass(frozen=True)
class RitualRecord:
    """A ritual the couple chose and how many times they have done it."""

    name: str
    done: int
    shared: bool = False


@dataclass(frozen=True)
class StoryRecords:
    """Everything the drafter may draw on for one couple, shared and not (filter first)."""

    partners: tuple[Partner, Partner]
    hurt_id: str
    today: date
    years_together: int | None = None
    memories: tuple[Memory, ...] = ()
    injuries: tuple[InjuryStatement, ...] = ()
    cycle_accounts: tuple[CycleAccount, ...] = ()
    cycle_patterns: tuple[CyclePattern, ...] = ()
    needs: tuple[Need, ...] = ()
    responses: tuple[NeedResponse, ...] = ()
    acknowledgments: tuple[Acknowledgment, ...] = ()
    heard_answers: tuple[HeardAnswer, ...] = ()
    commitments: tuple[CommitmentRecord, ...] = ()
    trends: tuple[Trend, ...] = ()
    rituals: tuple[RitualRecord, ...] = ()

    def partner(self, partner_id: str) -> Partner:
        """Return the partner with ``partner_id``; raise ``KeyError`` for anyone else."""
        for partner in self.partners:
            if partner.id == partner_id:
                return partner
        raise KeyError(partner_id)

    def other(self, partner_id: str) -> Partner:
        """Return the partner who is not ``partner_id``."""
        self.partner(partner_id)
        return next(p for p in self.partners if p.id != partner_id)

    @property
    def hurt(self) -> Partner:
        """Return the partner who named the injury."""
        return self.partner(self.hurt_id)


def shared_only(records: StoryRecords) -> StoryRecords:
    """Return ``records`` keeping only the records their author shared."""
    kept = {}
    for f in fields(records):
        value = getattr(records, f.name)
        if isinstance(value, tuple) and value and hasattr(value[0], "shared"):
            kept[f.name] = tuple(r for r in value if r.shared)
    return replace(records, **kept)
