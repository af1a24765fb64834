"""Show what changed between two versions of a story, paragraph by paragraph and word by word.

Paragraphs (blocks separated by a blank line) are the unit partners think in, so they are
compared first; a paragraph that was edited, rather than added or removed, is then compared
word by word so a one-word change does not read as a rewritten paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from goldseam.story.catalogue import say

_WORDS = re.compile(r"\S+|\s+")


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs of ``text``: blocks separated by blank lines, trimmed, none empty."""
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")) if p.strip()]


@dataclass(frozen=True)
class Piece:
    """A run of words in a changed paragraph: ``op`` is "same", "added" or "removed"."""

    op: str
    text: str


@dataclass(frozen=True)
class Change:
    """One paragraph in a diff: "same", "added", "removed", or "changed" (with word pieces)."""

    kind: str
    old: str = ""
    new: str = ""
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class Diff:
    """The paragraph changes from one text to another, in reading order."""

    changes: tuple[Change, ...]

    @property
    def unchanged(self) -> bool:
        """Say whether the two texts hold the same paragraphs."""
        return all(c.kind == "same" for c in self.changes)

    def to_text(self) -> str:
        """Return the diff as plain text: ``+``/``-`` paragraphs, and ``~`` for word edits.

        In a ``~`` line, ``[-words-]`` were removed and ``{+words+}`` added.
        """
        if self.unchanged:
            return say("diff.same")
        lines = []
        for change in self.changes:
            if change.kind == "same":
                continue
            if change.kind == "added":
                lines.append(f"+ {change.new}")
            elif change.kind == "removed":
                lines.append(f"- {change.old}")
            else:
                marked = "".join(
                    p.text if p.op == "same" else
                    (f"[-{p.text}-]" if p.op == "removed" else f"{{+{p.text}+}}")
                    for p in change.pieces
                )
                lines.append(f"~ {marked}")
        return "\n\n".join(lines)


def word_pieces(old: str, new: str) -> tuple[Piece, ...]:
    """Return the word-level edits that turn paragraph ``old`` into ``new``."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return tuple(pieces)


def diff_versions(old: str, new: str) -> Diff:
    """Return the changes that turn story text ``old`` into ``new``."""
    a, b = paragraphs(old), paragraphs(new)
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            changes.extend(Change("same", p, p) for p in a[i1:i2])
            continue
        olds, news = a[i1:i2], b[j1:j2]
        # Pair edited paragraphs in order; the remainder was added or removed outright.
        for old_p, new_p in zip(olds, news, strict=False):
            changes.append(Change("changed", old_p, new_p, word_pieces(old_p, new_p)))
        changes.extend(Change("removed", old=p) for p in olds[len(news):])
        changes.extend(Change("added", new=p) for p in news[len(olds):])
    return Diff(tuple(changes))
