"""Say when each partner's next check-in falls due: weekly by default, monthly as a booster.

After the couple marks their story "ours", check-ins continue monthly, because gains fade
after a programme ends and a light, regular check keeps them (issue 8).
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from goldseam.trust.errors import TrustError
from goldseam.trust.people import Person

WEEKLY, FORTNIGHTLY, MONTHLY = "weekly", "fortnightly", "monthly"
CADENCES = (WEEKLY, FORTNIGHTLY, MONTHLY)


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by ``months``, clamped to the month's last day (Jan 31 -> Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class CheckInSchedule:
    """A couple's check-in rhythm: from ``start``, every ``every``; monthly after the story."""

    start: date
    every: str = WEEKLY
    story_done_on: date | None = None

    def __post_init__(self) -> None:
        if self.every not in CADENCES:
            raise TrustError("errors.checkin_cadence", field="every")

    def cadence_on(self, day: date) -> str:
        """Return the rhythm in force on ``day``."""
        if self.story_done_on is not None and day >= self.story_done_on:
            return MONTHLY
        return self.every

    def next_due(self, last: date | None) -> date:
        """Return the date the check-in after one on ``last`` (or the first one) falls due."""
        if last is None:
            return self.start
        rhythm = self.cadence_on(last)
        if rhythm == MONTHLY:
            return add_months(last, 1)
        return last + timedelta(days=7 if rhythm == WEEKLY else 14)

    def due(self, person: Person, last_at: datetime | None, now: datetime) -> date | None:
        """Return the due date of ``person``'s check-in if it is due at ``now``, else ``None``."""
        last = person.local_date(last_at) if last_at is not None else None
        due = self.next_due(last)
        return due if due <= person.local_date(now) else None
