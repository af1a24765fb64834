"""Detect a transcript's format and open it as one or more conversations."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from goldseam.transcripts.errors import TranscriptError
from goldseam.transcripts.plain import PlainReader, looks_like_plain
from goldseam.transcripts.sources import check_text, is_zip
from goldseam.transcripts.tabular import CsvReader, JsonlReader
from goldseam.transcripts.whatsapp import WhatsAppReader, looks_like_whatsapp

FORMATS = ("whatsapp", "plain", "csv", "jsonl")
_READERS = {"whatsapp": WhatsAppReader, "plain": PlainReader, "csv": CsvReader,
            "jsonl": JsonlReader}


@dataclass
class Conversation:
    """A conversation to analyse: its id, its turns (possibly a lazy iterator), its reader."""

    id: str
    turns: Iterable
    reader: object = field(repr=False, default=None)


def detect_format(path: str | Path) -> str:
    """Return the format of the file at ``path``, from its name and its first lines.

    Raises TranscriptError for a file that is not text or matches no known format.
    """
    path = Path(path)
    head = check_text(path).decode("utf-8", errors="ignore").lstrip("\ufeff")
    if is_zip(path):
        return "whatsapp"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if not head.strip():
        return "plain"  # an empty file: read as an empty conversation, not an error
    if looks_like_whatsapp(head):
        return "whatsapp"
    if head.lstrip().startswith("{"):
        return "jsonl"
    first = head.strip().splitlines()[0].lower().replace(" ", "")
    if first.startswith(("speaker,text", "text,speaker")):
        return "csv"
    if looks_like_plain(head):
        return "plain"
    raise TranscriptError(
        path,
        "this file matches no transcript format Goldseam reads (WhatsApp export, "
        "'Name: message' lines, CSV or JSON Lines); name one with --format",
        1,
    )


def open_transcript(path: str | Path, fmt: str | None = None) -> Iterator[Conversation]:
    """Yield the conversations in the file; turns are read lazily as they are iterated."""
    path = Path(path)
    if fmt is None:
        fmt = detect_format(path)
    else:
        check_text(path)
    if fmt not in _READERS:
        raise TranscriptError(path, f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    reader = _READERS[fmt](path)
    if isinstance(reader, JsonlReader) and reader.holds_conversations():
        for ident, turns in reader.conversations():
            yield Conversation(ident, turns, reader)
        return
    yield Conversation(path.stem, reader, reader)


def speakers_in(path: str | Path, fmt: str | None = None) -> list[str]:
    """Return every speaker in the file, in order of first appearance (one lazy pass)."""
    seen: dict[str, None] = {}
    for conversation in open_transcript(path, fmt):
        for turn in conversation.turns:
            seen.setdefault(turn.speaker, None)
    return list(seen)
