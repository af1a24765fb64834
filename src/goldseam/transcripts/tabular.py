"""Read CSV (speaker, text, optional timestamp) and JSON Lines transcripts lazily."""
from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from goldseam.language.conversation import Turn
from goldseam.transcripts.errors import TranscriptError
from goldseam.transcripts.sources import iter_lines

CSV_COLUMNS = ("speaker", "text", "timestamp")


class BadLine(ValueError):
    """Raised for a JSON line that is not a conversation in the contract's shape."""


def _parse_time(path: Path, value, line_no: int) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        if isinstance(value, (int, float)):
            return datetime.fromtimestamp(value)
        stamp = datetime.fromisoformat(str(value).strip())
        # Aware and naive times are not compared: keep wall-clock time, drop the zone.
        return stamp.replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        raise TranscriptError(
            path, f"the timestamp {value!r} is not ISO 8601 (e.g. 2024-03-01T21:05)", line_no
        )


class CsvReader:
    """Iterate a CSV transcript's turns; a header row names the columns when present."""

    format = "csv"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.skipped: Counter = Counter()

    def __iter__(self) -> Iterator[Turn]:
        lines = (line + "\n" for _, line in iter_lines(self.path))
        reader = csv.reader(lines)
        columns: dict[str, int] | None = None
        try:
            for row in reader:
                line_no = reader.line_num
                if not row or not any(cell.strip() for cell in row):
                    continue
                if columns is None:
                    lowered = [cell.strip().lower() for cell in row]
                    if "speaker" in lowered and "text" in lowered:
                        columns = {c: lowered.index(c) for c in CSV_COLUMNS if c in lowered}
                        continue
                    columns = {c: i for i, c in enumerate(CSV_COLUMNS)}
                need = max(columns["speaker"], columns["text"]) + 1
                if len(row) < need:
                    raise TranscriptError(
                        self.path, "this row needs at least a speaker and a text column", line_no
                    )
                speaker = row[columns["speaker"]].strip()
                if not speaker:
                    raise TranscriptError(self.path, "this row has no speaker", line_no)
                stamp = None
                where = columns.get("timestamp")
                if where is not None and where < len(row):
                    stamp = _parse_time(self.path, row[where], line_no)
                yield Turn(speaker, row[columns["text"]], stamp)
        except csv.Error as exc:
            raise TranscriptError(self.path, f"this is not valid CSV ({exc})", reader.line_num)


def parse_conversation_line(line: str) -> dict:
    """Parse one contract conversation line; raise ValueError with a message a person can act on."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(item, dict):
        raise BadLine("each line must be a JSON object")
    turns = item.get("turns")
    if not isinstance(turns, list):
        raise BadLine('missing "turns": a list of {"speaker": ..., "text": ...}')
    for k, turn in enumerate(turns):
        if not (isinstance(turn, dict) and isinstance(turn.get("speaker"), str)
                and isinstance(turn.get("text"), str)):
            raise BadLine(f'turn {k} needs a "speaker" and a "text", both strings')
    return item


class JsonlReader:
    """Iterate a JSON Lines transcript as conversations.

    Each line is either a whole conversation in the contract's shape ({"id", "turns"}) or
    one turn ({"speaker", "text", "timestamp"?}); a file of turns is one conversation.
    """

    format = "jsonl"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.skipped: Counter = Counter()

    def _first_object(self) -> dict | None:
        for line_no, line in iter_lines(self.path):
            if line.strip():
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise TranscriptError(self.path, f"not valid JSON ({exc.msg})", line_no)
                if not isinstance(item, dict):
                    raise TranscriptError(self.path, "each line must be a JSON object", line_no)
                return item
        return None

    def holds_conversations(self) -> bool:
        """Return True when the lines are whole conversations rather than turns."""
        first = self._first_object()
        return bool(first) and "turns" in first

    def conversations(self) -> Iterator[tuple[str, list[Turn]]]:
        """Yield (id, turns) for each conversation line."""
        for line_no, line in iter_lines(self.path):
            if not line.strip():
                continue
            try:
                item = parse_conversation_line(line)
            except ValueError as exc:
                raise TranscriptError(self.path, str(exc), line_no)
            turns = [Turn(t["speaker"], t["text"], _parse_time(self.path, t.get("timestamp"),
                                                               line_no))
                     for t in item["turns"]]
            yield str(item.get("id", f"line {line_no}")), turns

    def __iter__(self) -> Iterator[Turn]:
        for line_no, line in iter_lines(self.path):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TranscriptError(self.path, f"not valid JSON ({exc.msg})", line_no)
            if not (isinstance(item, dict) and isinstance(item.get("speaker"), str)
                    and isinstance(item.get("text"), str)):
                raise TranscriptError(
                    self.path, 'each line needs a "speaker" and a "text", both strings', line_no
                )
            yield Turn(item["speaker"], item["text"],
                       _parse_time(self.path, item.get("timestamp"), line_no))
