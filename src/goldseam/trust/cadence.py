"""Read how often a commitment or ritual recurs, and list the local dates it falls due.

Due dates are calendar dates in the owner's own time zone, never instants: a daily commitment
is due once per local day however long that day is (23 or 25 hours across a DST change) and
wherever the owner is, so no day is counted twice or skipped.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from goldseam.trust.errors import CadenceError

ONCE, DAILY, WEEKLY, TIMES_PER_WEEK, EVENT = "once", "daily", "weekly", "times_per_week", "event"
#: Longest cadence text read; a cadence is a phrase, not a paragraph.
MAX_CADENCE_CHARS = 200

_DAY_NAMES = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_NUMBERS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
            "six": 6, "seven": 7, "thrice": 3}
_DAILY = re.compile(
    r"^(?:daily|nightly|every ?day|each day|once a day|once daily|"
    r"(?:every|each) (?:morning|evening|night|afternoon)|every single day)$"
)
_WEEKLY = re.compile(r"^(?:weekly|every week|each week|once a week|once weekly)$")
_ONCE = re.compile(r"^(?:once|one time|just once|one-off|one off|a single time)$")
_WEEKDAYS = re.compile(r"^(?:(?:on |every )?weekdays|every weekday|monday to friday|"
                       r"mon-fri|monday-friday|monday through friday)$")
_WEEKENDS = re.compile(r"^(?:(?:on |every )?weekends|every weekend|on the weekend)$")
_TIMES = re.compile(r"^(\w+)(?: times)? (?:a|per|each|every) week$")
_EVENT = re.compile(r"^(?:whenever|every time|each time|any time|anytime|when|if) (.+)$")
_DAY_LIST = re.compile(r"^(?:every |on |each )?(.+)$")


@dataclass(frozen=True)
class Cadence:
    """Describe a recurrence: its kind, its weekdays (0 = Monday), its weekly count, or event."""

    kind: str
    text: str
    weekdays: frozenset[int] = field(default_factory=frozenset)
    times: int = 1
    event: str = ""

    @property
    def scheduled(self) -> bool:
        """Say whether occurrences fall on dates (as opposed to whenever an event happens)."""
        return self.kind != EVENT

    def due(self, start: date, first: date, last: date) -> Iterator[tuple[date, int]]:
        """Yield ``(due date, slot)`` pairs for a cadence that began on ``start``.

        Only pairs with ``first <= due date <= last`` are yielded. ``slot`` tells apart the
        several occurrences of "twice a week", which all fall due on the week's Sunday.
        """
        first = max(first, start)
        if last < first or self.kind == EVENT:
            return
        if self.kind == ONCE:
            if first <= start <= last:
                yield start, 0
            return
        if self.kind == TIMES_PER_WEEK:
            sunday = first + timedelta(days=6 - first.weekday())
            while sunday <= last:
                for slot in range(self.times):
                    yield sunday, slot
                sunday += timedelta(days=7)
            return
        days = self.weekdays or (
            frozenset(range(7)) if self.kind == DAILY else frozenset({start.weekday()})
        )
        day = first
        while day <= last:
            if day.weekday() in days:
                yield day, 0
            day += timedelta(days=1)

    def count(self, start: date, first: date, last: date) -> int:
        """Return how many ``(due date, slot)`` pairs ``due`` would yield, quickly for daily."""
        if self.kind == DAILY and not self.weekdays:
            return max((last - max(first, start)).days + 1, 0)
        return sum(1 for _ in self.due(start, first, last))

    def falls_on(self, start: date, day: date, slot: int = 0) -> bool:
        """Say whether ``(day, slot)`` is one of this cadence's due pairs."""
        return any(pair == (day, slot) for pair in self.due(start, day, day))


def _weekday_set(phrase: str) -> frozenset[int] | None:
    words = [w for w in re.split(r"[\s,/&+]+|\band\b", phrase) if w]
    days = set()
    for word in words:
        word = word.rstrip("s") if word.rstrip("s") in _DAY_NAMES else word
        if word not in _DAY_NAMES:
            return None
        days.add(_DAY_NAMES[word])
    return frozenset(days) or None


def parse_cadence(text: str) -> Cadence:
    """Return the ``Cadence`` that ``text`` describes, or raise ``CadenceError`` saying why.

    Understood: "once"; "daily", "every day", "every evening"; "weekdays", "weekends";
    "weekly", "once a week"; "every Monday", "Mondays and Thursdays"; "twice a week",
    "3 times a week"; and event-driven "whenever she contacts me", "every time ...".
    """
    raw = " ".join((text or "").split())
    if not raw:
        raise CadenceError("errors.cadence_empty", field="cadence")
    if len(raw) > MAX_CADENCE_CHARS:
        raise CadenceError("errors.cadence_unknown", field="cadence", text=raw[:40] + "…")
    trimmed = raw.rstrip(".!")
    phrase = trimmed.lower()
    event = _EVENT.match(phrase)
    if event:
        return Cadence(EVENT, raw, event=trimmed[len(trimmed) - len(event.group(1)):])
    if _ONCE.match(phrase):
        return Cadence(ONCE, raw)
    if _DAILY.match(phrase):
        return Cadence(DAILY, raw)
    if _WEEKLY.match(phrase):
        return Cadence(WEEKLY, raw)
    if _WEEKDAYS.match(phrase):
        return Cadence(WEEKLY, raw, weekdays=frozenset(range(5)))
    if _WEEKENDS.match(phrase):
        return Cadence(WEEKLY, raw, weekdays=frozenset({5, 6}))
    times = _TIMES.match(phrase)
    if times:
        word = times.group(1)
        count = int(word) if word.isdigit() else _NUMBERS.get(word)
        if count is None:
            raise CadenceError("errors.cadence_unknown", field="cadence", text=raw)
        if not 1 <= count <= 7:
            raise CadenceError("errors.cadence_times", field="cadence", text=raw)
        if count == 7:
            return Cadence(DAILY, raw)
        return Cadence(WEEKLY, raw) if count == 1 else Cadence(TIMES_PER_WEEK, raw, times=count)
    days = _DAY_LIST.match(phrase)
    weekdays = _weekday_set(days.group(1)) if days else None
    if weekdays:
        return Cadence(DAILY if len(weekdays) == 7 else WEEKLY, raw, weekdays=weekdays)
    raise CadenceError("errors.cadence_unknown", field="cadence", text=raw)
