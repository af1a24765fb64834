"""Say what went wrong with a story in words a partner can act on."""
from __future__ import annotations

from goldseam.story.catalogue import say


class StoryError(ValueError):
    """A story operation refused its input; ``str(error)`` is a sentence from the catalogue."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key = key
        super().__init__(say(key, **fields))
