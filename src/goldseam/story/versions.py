"""Keep every saved version of a story with its author, and save without losing anyone's edit.

A partner saves on top of the version they started from (``base``). When the other partner
saved in between, the two edits are merged (``merge.merge``); a clean merge is saved as a new
version, a conflicting one is returned for the partners to settle and nothing is saved. The web
app stores the same fields in its own model; this module is the rule it follows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from goldseam.story.errors import StoryError
from goldseam.story.merge import MergeResult, merge
from goldseam.story.text import check_length

#: Format of ``History.to_dict`` output; bump it when the shape changes.
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Version:
    """One saved text of the story: its number (from 1), author, text, time and a short note."""

    number: int
    author: str
    text: str
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the new ``version``, or a ``merge`` with conflicts and nothing saved."""

    version: Version | None
    merge: MergeResult | None = None
    merged: bool = False  # the saved text combines both partners' concurrent edits


@dataclass
class History:
    """All versions of one couple's story, oldest first."""

    versions: list[Version] = field(default_factory=list)

    @property
    def latest(self) -> Version | None:
        """Return the newest version, or ``None`` before the first save."""
        return self.versions[-1] if self.versions else None

    def get(self, number: int) -> Version:
        """Return version ``number``; raise ``StoryError`` when there is none."""
        if 1 <= number <= len(self.versions):
            return self.versions[number - 1]
        raise StoryError("errors.no_version", number=number)

    def _append(self, author: str, text: str, at: datetime | None, note: str) -> Version:
        check_length(text)
        version = Version(len(self.versions) + 1, author, text, at or datetime.now(UTC), note)
        self.versions.append(version)
        return version

    def save(self, text: str, author: str, base: int | None, at: datetime | None = None,
             note: str = "") -> SaveResult:
        """Save ``text`` that ``author`` edited from version ``base`` (``None``: from nothing).

        Raises ``StoryError`` for an empty or over-long text. When a newer version exists, the
        edit is merged with it; conflicts are returned unsaved so nothing is overwritten.
        """
        check_length(text)
        latest = self.latest
        if latest is None or base == latest.number:
            return SaveResult(self._append(author, text, at, note))
        base_text = self.get(base).text if base else ""
        result = merge(base_text, text, latest.text)
        if not result.clean:
            return SaveResult(None, result)
        return SaveResult(self._append(author, result.text, at, note), result, merged=True)

    def restore(self, number: int, author: str, at: datetime | None = None) -> Version:
        """Save the text of version ``number`` again as the newest version, by ``author``."""
        old = self.get(number)
        return self._append(author, old.text, at, f"restored version {number}")

    def to_dict(self) -> dict:
        """Return the history as plain data, with its format version."""
        return {"format": FORMAT_VERSION, "versions": [
            {"number": v.number, "author": v.author, "text": v.text, "at": v.at.isoformat(),
             "note": v.note} for v in self.versions]}

    @classmethod
    def from_dict(cls, data: dict) -> History:
        """Return the history in ``data``; raise ``ValueError`` for an unknown format."""
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(
                f"story history format {data.get('format')!r} is not {FORMAT_VERSION}; "
                "export it again with this version of Goldseam"
            )
        return cls([Version(v["number"], v["author"], v["text"], datetime.fromisoformat(v["at"]),
                            v.get("note", "")) for v in data["versions"]])
