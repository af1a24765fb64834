"""Split a long chat into episodes at long pauses, and find the cycle in each.

A year of chat is many conversations. Read as one, it shows the couple's overall leaning;
read episode by episode, it shows when the dance ran, how often, and whether it softened.
Only chats with timestamps (WhatsApp, CSV with times) have episodes.
"""
from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from goldseam.language.conversation import TurnReading, analyze_readings

#: A pause this long starts a new episode: overnight, or most of a working day.
EPISODE_GAP_SECONDS = 6 * 3600
#: Shorter stretches ("ok" / "see you") are not read for a cycle.
MIN_EPISODE_TURNS = 4
#: Episodes listed as the most heated.
HEATED_SHOWN = 3


@dataclass
class Episode:
    """One stretch of chat between long pauses, with its own pattern and roles."""

    start: int  # index of its first turn in the whole chat
    end: int  # index after its last turn
    began: datetime | None
    pattern: str
    roles: dict[str, str]
    softening_turns: list[int]  # indexes in the whole chat
    cycle_weight: float

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "began": self.began.isoformat() if self.began else None,
            "pattern": self.pattern,
            "roles": dict(self.roles),
            "softening_turns": list(self.softening_turns),
        }


def split(readings: list[TurnReading], gap: float = EPISODE_GAP_SECONDS) -> list[range]:
    """Return the index ranges of the episodes; one range when there are no timestamps."""
    bounds = [0]
    for prev, turn in itertools.pairwise(readings):
        timed = prev.timestamp is not None and turn.timestamp is not None
        if timed and turn.timestamp - prev.timestamp >= gap:
            bounds.append(turn.index)
    bounds.append(len(readings))
    return [range(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def analyze_episodes(readings: list[TurnReading]) -> list[Episode]:
    """Analyse each episode of at least MIN_EPISODE_TURNS turns between two speakers."""
    ranges = split(readings)
    if len(ranges) < 2:
        return []
    episodes = []
    for span in ranges:
        if len(span) < MIN_EPISODE_TURNS:
            continue
        # Fresh copies indexed from 0: the analysis marks turns as it reads them.
        local = [dataclasses.replace(readings[i], index=k, quiet_weight=0.0,
                                     silence_after=0.0, repaired=False)
                 for k, i in enumerate(span)]
        result = analyze_readings(local)
        if result.note:
            continue
        stamp = readings[span.start].timestamp
        episodes.append(Episode(
            start=span.start,
            end=span.stop,
            began=datetime.fromtimestamp(stamp) if stamp is not None else None,
            pattern=result.pattern,
            roles=result.roles,
            softening_turns=[span.start + k for k in result.softening_turns],
            cycle_weight=sum(s.cycle_weight for s in result.speakers.values()),
        ))
    return episodes


def overview(episodes: list[Episode]) -> dict:
    """Return how many episodes ran each pattern and the most heated ones, hottest first."""
    heated = sorted((e for e in episodes if e.pattern != "none"),
                    key=lambda e: e.cycle_weight, reverse=True)
    return {
        "episodes": len(episodes),
        "patterns": dict(Counter(e.pattern for e in episodes).most_common()),
        "softened": sum(1 for e in episodes if e.softening_turns),
        "heated": [e.to_dict() for e in heated[:HEATED_SHOWN]],
    }
