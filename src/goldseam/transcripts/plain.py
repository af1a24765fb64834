"""Read a plain transcript, "Name: message" a line, as a therapist would type a session."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from goldseam.language.conversation import Turn
from goldseam.transcripts.errors import TranscriptError
from goldseam.transcripts.sources import iter_lines

#: A speaker's name: up to four words, no sentence punctuation, so that a sentence holding a
#: colon ("Here's the thing: ...") is not read as a speaker.
LINE = re.compile(r"^(?P<name>[^\s:.!?,;\"][^:.!?;\"]{0,39}?)\s*:\s*(?P<text>.*)$")
MAX_NAME_WORDS = 4


def looks_like_plain(head: str) -> bool:
    """Return True when the first non-empty line of ``head`` reads as "Name: message"."""
    for line in head.splitlines():
        if line.strip():
            m = LINE.match(line.strip())
            return bool(m) and len(m["name"].split()) <= MAX_NAME_WORDS
    return False


class PlainReader:
    """Iterate a "Name: message" transcript's turns.

    Blank lines separate nothing and are skipped; an indented line continues the turn above
    it. Any other line that is not "Name: message" raises TranscriptError with its number.
    """

    format = "plain"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.skipped: Counter = Counter()

    def __iter__(self) -> Iterator[Turn]:
        pending: Turn | None = None
        for line_no, line in iter_lines(self.path):
            if not line.strip():
                continue
            if line[:1].isspace() and pending is not None:
                pending.text += "\n" + line.strip()
                continue
            m = LINE.match(line.strip())
            if not m or len(m["name"].split()) > MAX_NAME_WORDS:
                raise TranscriptError(
                    self.path,
                    "this line is not 'Name: message'; indent it to continue the turn above",
                    line_no,
                )
            if pending is not None:
                yield pending
            pending = Turn(m["name"].strip(), m["text"].strip())
        if pending is not None:
            yield pending
