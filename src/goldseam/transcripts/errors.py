"""The one error a transcript reader raises, naming the file and line a person should fix."""
from __future__ import annotations


class TranscriptError(ValueError):
    """Raised when a transcript cannot be read; nothing from it is used.

    ``path`` and ``line`` (1-based, or None when the problem is the whole file) say where;
    the message says what to do.
    """

    def __init__(self, path: object, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")
