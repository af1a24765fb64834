"""Read WhatsApp chat exports (Android and iOS layouts) as a lazy stream of turns.

A phone writes one line per message start, "DATE, TIME - Name: text" on Android and
"[DATE, TIME] Name: text" on iOS, in the date order and clock of its locale; a message
with line breaks continues on the following lines. The date order is found by scanning
the whole file first (constant memory), because the first lines are often ambiguous
(03/04/2024 is March or April).
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from importlib import resources
from pathlib import Path

from goldseam.language.conversation import Turn
from goldseam.transcripts.errors import TranscriptError
from goldseam.transcripts.sources import iter_lines

_MARKS = "\u200e\u200f\ufeff"
HEADER = re.compile(
    r"^[\u200e\u200f]?(?P<open>\[)?"
    r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\.?,?\s+"
    r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
    r"(?:[\s\u202f\u00a0]*(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?"
    r"(?(open)\][\s\u202f]?|[\s\u202f]+[-\u2013][\s\u202f]+)"
    r"(?P<rest>.*)$"
)
#: A line that starts like a message header (a date, then a time) but that HEADER rejects
#: is a broken line, not a continuation of the previous message.
LOOKS_LIKE_HEADER = re.compile(r"^[\u200e\u200f]?\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}[:.]\d{2}")
SENDER = re.compile(r"^(?P<name>[^:]{1,80}?):(?:[\s\u202f]|$)(?P<text>.*)$", re.DOTALL)
_DATE_PARTS = re.compile(r"[./-]")


def _wording() -> dict:
    text = resources.files("goldseam.transcripts").joinpath("data/whatsapp.toml").read_text(
        encoding="utf-8"
    )
    return tomllib.loads(text)


_WORDS = _wording()
_MEDIA = tuple(_WORDS["media"])
_DELETED = frozenset(_WORDS["deleted"])
_SYSTEM = tuple(_WORDS["system"])
_EDITED = _WORDS["edited_suffix"]


def looks_like_whatsapp(head: str) -> bool:
    """Return True when the first non-empty line of ``head`` is a WhatsApp header."""
    for line in head.splitlines():
        if line.strip():
            return bool(HEADER.match(line.lstrip("\ufeff")))
    return False


def _date_order(path: Path) -> str:
    """Scan every header and return "dmy", "mdy" or "ymd" for the file's dates."""
    first_big = second_big = year_first = ampm = False
    for _, line in iter_lines(path):
        m = HEADER.match(line)
        if not m:
            continue
        a, b, _c = _DATE_PARTS.split(m["date"])
        if len(a) == 4:
            year_first = True
            break
        first_big |= int(a) > 12
        second_big |= int(b) > 12
        ampm |= m["ampm"] is not None
        if first_big or second_big:
            break
    if year_first:
        return "ymd"
    if first_big:
        return "dmy"
    if second_big:
        return "mdy"
    # Every date fits both orders: follow the locale the clock suggests (12-hour clocks
    # are mostly US exports, month first).
    return "mdy" if ampm else "dmy"


def _timestamp(m: re.Match, order: str) -> datetime:
    parts = [int(p) for p in _DATE_PARTS.split(m["date"])]
    if order == "ymd":
        year, month, day = parts
    elif order == "dmy":
        day, month, year = parts
    else:
        month, day, year = parts
    if year < 100:
        year += 2000
    clock = [int(p) for p in re.split(r"[:.]", m["time"])]
    hour, minute = clock[0], clock[1]
    second = clock[2] if len(clock) > 2 else 0
    if m["ampm"]:
        pm = m["ampm"].lower().startswith("p")
        if not 1 <= hour <= 12:
            raise ValueError("hour out of range for a 12-hour clock")
        hour = hour % 12 + (12 if pm else 0)
    return datetime(year, month, day, hour, minute, second)


def _kind(text: str, ios_mark: bool) -> str:
    """Return "media", "deleted", "system" or "message" for a message's text."""
    low = text.strip(_MARKS + " ").lower()
    if low.startswith(_MEDIA) and len(low) < 80:
        return "media"
    if low in _DELETED:
        return "deleted"
    if ios_mark and any(p in low for p in _SYSTEM):
        return "system"
    return "message"


class WhatsAppReader:
    """Iterate a WhatsApp export's messages as turns, counting what was skipped.

    ``skipped`` counts media placeholders, deleted messages and system lines. Iterating
    raises TranscriptError at the first line that matches no layout.
    """

    format = "whatsapp"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.skipped: Counter = Counter()
        self.layout: str | None = None
        self.date_order: str | None = None

    def _start(self, m: re.Match, line_no: int) -> tuple[str, str, datetime] | None:
        layout = "ios" if m["open"] else "android"
        if self.layout is None:
            self.layout = layout
        elif layout != self.layout:
            raise TranscriptError(
                self.path,
                f"this line is in the {layout} layout but the file starts in the "
                f"{self.layout} layout; is this two exports joined together?",
                line_no,
            )
        try:
            stamp = _timestamp(m, self.date_order or "dmy")
        except ValueError:
            raise TranscriptError(
                self.path, f"the date or time '{m['date']}, {m['time']}' is not valid here",
                line_no,
            )
        sender = SENDER.match(m["rest"])
        if not sender or any(p in sender["name"].lower() for p in _SYSTEM[:6]):
            self.skipped["system"] += 1
            return None
        # Group exports mark unsaved contacts "~ Name" (with a narrow space): keep the name.
        name = sender["name"].strip(_MARKS + " ").lstrip("~").strip(" \u202f\u00a0")
        return name, sender["text"], stamp

    def _finish(self, pending: tuple[str, list[str], datetime]) -> Turn | None:
        name, lines, stamp = pending
        text = "\n".join(lines)
        kind = _kind(text, text.startswith(tuple(_MARKS)))
        if kind != "message":
            self.skipped[kind] += 1
            return None
        text = text.replace(_EDITED, "").strip(_MARKS + " \n")
        return Turn(name, text, stamp)

    def __iter__(self) -> Iterator[Turn]:
        self.date_order = _date_order(self.path)
        pending: tuple[str, list[str], datetime] | None = None
        seen_header = False
        for line_no, line in iter_lines(self.path):
            m = HEADER.match(line)
            if m:
                seen_header = True
                if pending:
                    turn = self._finish(pending)
                    if turn:
                        yield turn
                started = self._start(m, line_no)
                pending = (started[0], [started[1]], started[2]) if started else None
                continue
            if LOOKS_LIKE_HEADER.match(line):
                raise TranscriptError(
                    self.path, "this line starts like a message but matches no WhatsApp layout",
                    line_no,
                )
            if not seen_header:
                if not line.strip():
                    continue
                raise TranscriptError(
                    self.path, "this line matches no WhatsApp layout (expected a date and time)",
                    line_no,
                )
            if pending:
                pending[1].append(line)
            # A continuation of a system line is part of the system line: skipped with it.
        if pending:
            turn = self._finish(pending)
            if turn:
                yield turn
