"""Merge two partners' concurrent edits of the story, paragraph by paragraph, never silently.

``merge(base, mine, theirs)`` is a three-way merge: edits that touch different paragraphs of
``base`` are combined; edits that touch the same paragraphs differently become a ``Conflict``
the partners resolve themselves. Identical edits on both sides count once.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from goldseam.story.diff import paragraphs


@dataclass(frozen=True)
class Conflict:
    """Paragraphs both partners changed differently: the base and each side's version."""

    base: tuple[str, ...]
    mine: tuple[str, ...]
    theirs: tuple[str, ...]


@dataclass(frozen=True)
class MergeResult:
    """The merged paragraphs in order, each a string or a ``Conflict``."""

    parts: tuple[str | Conflict, ...]

    @property
    def conflicts(self) -> list[Conflict]:
        """Return the conflicts, in reading order."""
        return [p for p in self.parts if isinstance(p, Conflict)]

    @property
    def clean(self) -> bool:
        """Say whether everything merged without a conflict."""
        return not self.conflicts

    @property
    def text(self) -> str:
        """Return the merged text; raise ``ValueError`` while a conflict is unresolved."""
        if not self.clean:
            raise ValueError("the merge has conflicts; resolve them first")
        return "\n\n".join(p for p in self.parts if isinstance(p, str)) + "\n"

    def resolve(self, choices: list[str]) -> str:
        """Return the text with conflict ``i`` settled by ``choices[i]``.

        A choice is "mine", "theirs", "both" (mine, then theirs) or any other text, taken as the
        partners' own wording for that passage. Raises ``ValueError`` when a choice is missing.
        """
        if len(choices) != len(self.conflicts):
            raise ValueError("every conflict needs a choice")
        out: list[str] = []
        pending = iter(choices)
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            choice = next(pending)
            if choice == "mine":
                out.extend(part.mine)
            elif choice == "theirs":
                out.extend(part.theirs)
            elif choice == "both":
                out.extend(part.mine + part.theirs)
            else:
                out.extend(paragraphs(choice))
        return "\n\n".join(out) + "\n"


@dataclass(frozen=True)
class _Hunk:
    start: int  # base paragraph range [start, end) that this side replaced
    end: int
    lines: tuple[str, ...]
    side: str


def _hunks(base: list[str], other: list[str], side: str) -> list[_Hunk]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [_Hunk(i1, i2, tuple(other[j1:j2]), side)
            for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def _overlap(a: _Hunk, b: _Hunk) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start  # two insertions at the same place
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _groups(hunks: list[_Hunk]) -> list[list[_Hunk]]:
    # Insertions sort before replacements at the same place, so they come out first.
    ordered = sorted(hunks, key=lambda h: (h.start, h.end != h.start, h.end))
    groups: list[list[_Hunk]] = []
    for hunk in ordered:
        if groups and any(_overlap(hunk, other) for other in groups[-1]):
            groups[-1].append(hunk)
        else:
            groups.append([hunk])
    return groups


def _side_text(base: list[str], group: list[_Hunk], side: str, start: int, end: int) -> tuple:
    out: list[str] = []
    cursor = start
    for hunk in (h for h in group if h.side == side):
        out.extend(base[cursor:hunk.start])
        out.extend(hunk.lines)
        cursor = hunk.end
    out.extend(base[cursor:end])
    return tuple(out)


def merge(base: str, mine: str, theirs: str) -> MergeResult:
    """Return the three-way merge of ``mine`` and ``theirs``, both edited from ``base``."""
    b = paragraphs(base)
    groups = _groups(_hunks(b, paragraphs(mine), "mine") + _hunks(b, paragraphs(theirs), "theirs"))
    parts: list[str | Conflict] = []
    cursor = 0
    for group in groups:
        start = min(h.start for h in group)
        end = max(h.end for h in group)
        parts.extend(b[cursor:start])
        ours = _side_text(b, group, "mine", start, end)
        other = _side_text(b, group, "theirs", start, end)
        sides = {h.side for h in group}
        if len(sides) == 1 or ours == other:
            parts.extend(ours if "mine" in sides else other)
        else:
            parts.append(Conflict(tuple(b[start:end]), ours, other))
        cursor = max(cursor, end)
    parts.extend(b[cursor:])
    return MergeResult(tuple(parts))
