"""Describe the two partners of a couple and the time zones they live in.

A person's time zone can change (travel, a move): ``zones`` keeps each zone with the instant
it took effect, so an instant in the past is read in the zone the person was in then.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from goldseam.trust.errors import TrustError


@dataclass(frozen=True)
class Person:
    """Name one partner and their IANA time zones, each with the UTC instant it began."""

    id: str
    name: str
    zones: tuple[tuple[datetime, str], ...] = ((datetime.min.replace(tzinfo=UTC), "UTC"),)

    @classmethod
    def in_zone(cls, id: str, name: str, zone: str) -> Person:
        """Return a person who has always lived in ``zone``."""
        ZoneInfo(zone)  # fail now, not at the first reminder, on a zone name that does not exist
        return cls(id, name, ((datetime.min.replace(tzinfo=UTC), zone),))

    def moved(self, since: datetime, zone: str) -> Person:
        """Return this person living in ``zone`` from the aware instant ``since`` onwards."""
        ZoneInfo(zone)
        zones = tuple(sorted(self.zones + ((since.astimezone(UTC), zone),)))
        return Person(self.id, self.name, zones)

    def zone_at(self, instant: datetime) -> ZoneInfo:
        """Return the time zone this person was in at the aware ``instant``."""
        if instant.tzinfo is None:
            raise ValueError("instants must be timezone-aware")
        current = self.zones[0][1]
        for since, zone in self.zones:
            if since <= instant:
                current = zone
        return ZoneInfo(current)

    def local_date(self, instant: datetime) -> date:
        """Return the calendar date this person was living at the aware ``instant``."""
        return instant.astimezone(self.zone_at(instant)).date()


@dataclass(frozen=True)
class Couple:
    """Pair two partners under one id."""

    id: str
    partners: tuple[Person, Person]

    def person(self, person_id: str) -> Person:
        """Return the partner with ``person_id`` or raise ``TrustError`` if not in the couple."""
        for partner in self.partners:
            if partner.id == person_id:
                return partner
        raise TrustError("errors.not_in_couple", field="person")

    def other(self, person_id: str) -> Person:
        """Return the partner who is not ``person_id``."""
        self.person(person_id)
        return next(p for p in self.partners if p.id != person_id)
