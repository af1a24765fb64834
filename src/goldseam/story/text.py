"""Hold a story as chapters of blocks, and write it to (and read it from) its Markdown form.

The Markdown form is what partners edit and what every version stores, so it is kept small:
``# title``, ``## chapter``, paragraphs, ``> quotations`` (a last line ``> — Name`` names the
speaker) and whole-paragraph ``*italics*`` for an invitation to write a chapter. Text is kept
literally: nothing a partner wrote is interpreted as markup beyond these line openings.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from goldseam.story.errors import StoryError

#: Longest story accepted, in characters: about sixty printed pages, far beyond a couple's
#: narrative, and small enough that diffs, merges and PDF layout stay quick.
MAX_STORY_CHARS = 100_000
#: Dash that opens the attribution line of a quotation.
ATTRIBUTION = "\u2014 "


@dataclass(frozen=True)
class Block:
    """One paragraph: ``kind`` is "text", "quote" (with ``attribution``) or "invitation"."""

    kind: str
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class Chapter:
    """A chapter: its key (e.g. "rupture"), its heading and its blocks."""

    key: str
    title: str
    blocks: tuple[Block, ...] = ()

    @property
    def invitation_only(self) -> bool:
        """Say whether the chapter holds nothing but an invitation to write it."""
        return all(b.kind == "invitation" for b in self.blocks)


@dataclass(frozen=True)
class Story:
    """A titled story made of chapters."""

    title: str
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)

    def to_markdown(self) -> str:
        """Return the story in its Markdown form, ending with one newline."""
        parts = [f"# {_one_line(self.title)}"]
        for chapter in self.chapters:
            parts.append(f"## {_one_line(chapter.title)}")
            parts.extend(_block_markdown(b) for b in chapter.blocks)
        return "\n\n".join(parts) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _block_markdown(block: Block) -> str:
    if block.kind == "quote":
        paragraphs = [_one_line(p) for p in block.text.split("\n\n") if p.strip()]
        lines = "\n>\n".join(f"> {p}" for p in paragraphs)
        if block.attribution:
            lines += f"\n>\n> {ATTRIBUTION}{_one_line(block.attribution)}"
        return lines
    if block.kind == "invitation":
        return f"*{_one_line(block.text)}*"
    return _one_line(block.text)


def check_length(text: str) -> None:
    """Raise ``StoryError`` when ``text`` is empty or longer than ``MAX_STORY_CHARS``."""
    if not text or not text.strip():
        raise StoryError("errors.empty")
    if len(text) > MAX_STORY_CHARS:
        raise StoryError("errors.too_long", limit=f"{MAX_STORY_CHARS:,}", length=f"{len(text):,}")


def parse_markdown(text: str, default_title: str = "") -> Story:
    """Return the story that ``text`` (its Markdown form) describes.

    Paragraphs before the first ``## `` heading form an untitled opening chapter. Raises
    ``StoryError`` for an empty or over-long text.
    """
    check_length(text)
    title = default_title
    chapters: list[Chapter] = []
    current: tuple[str, list[Block]] | None = None
    for chunk in _chunks(text):
        first = chunk[0]
        if first.startswith("# ") and not chapters and current is None and not title:
            title = first[2:].strip()
            continue
        if first.startswith("## "):
            if current is not None:
                chapters.append(Chapter(_key(current[0], len(chapters)), current[0],
                                        tuple(current[1])))
            current = (first[3:].strip(), [])
            continue
        if current is None:
            current = ("", [])
        current[1].append(_block(chunk))
    if current is not None:
        chapters.append(Chapter(_key(current[0], len(chapters)), current[0], tuple(current[1])))
    return Story(title, tuple(chapters))


def _key(title: str, index: int) -> str:
    return f"chapter-{index + 1}" if title else "opening"


def _chunks(text: str) -> list[list[str]]:
    """Split ``text`` into groups of lines; a quotation stays one group across ``>`` lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        quoting = bool(current) and current[0].startswith(">")
        if not line.strip():
            if current:
                groups.append(current)
                current = []
            continue
        # A heading, or a switch between quotation and prose, starts a new group.
        if current and (line.startswith("#") or quoting != line.startswith(">")):
            groups.append(current)
            current = []
        current.append(line)
        if line.startswith("#"):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _block(lines: list[str]) -> Block:
    if lines[0].startswith(">"):
        inner = [line[1:].strip() for line in lines]
        attribution = ""
        if inner and inner[-1].startswith(ATTRIBUTION.strip()):
            attribution = inner.pop().lstrip(ATTRIBUTION.strip()).strip()
        paragraphs, current = [], []
        for line in inner:
            if line:
                current.append(line)
            elif current:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return Block("quote", "\n\n".join(paragraphs), attribution)
    joined = " ".join(line.strip() for line in lines)
    if len(joined) > 2 and joined[0] == joined[-1] == "*" and "*" not in joined[1:-1]:
        return Block("invitation", joined[1:-1])
    return Block("text", joined)
