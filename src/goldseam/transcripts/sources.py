"""Open a transcript file, or the chat inside a WhatsApp zip export, as numbered text lines."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from goldseam.transcripts.errors import TranscriptError

#: Bytes read to decide whether a file is text: enough for several chat lines.
SNIFF_BYTES = 8192
#: What zipfile raises on damaged, encrypted or exotic archives (RuntimeError: a password
#: is needed; NotImplementedError: an unsupported compression method).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
              NotImplementedError, ValueError)


def is_zip(path: Path) -> bool:
    """Return True when the file starts like a zip archive, whatever its name."""
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _chat_member(path: Path, archive: zipfile.ZipFile) -> str:
    texts = [n for n in archive.namelist() if n.lower().endswith(".txt")]
    if not texts:
        raise TranscriptError(path, "this zip holds no chat .txt file; export the chat again")
    # iOS names it _chat.txt; Android "WhatsApp Chat with NAME.txt"; prefer those.
    for name in texts:
        base = name.rsplit("/", 1)[-1].lower()
        if base == "_chat.txt" or base.startswith("whatsapp chat"):
            return name
    return texts[0]


def _open_binary(path: Path):
    if not path.exists():
        raise TranscriptError(path, "no such file")
    if path.is_dir():
        raise TranscriptError(path, "this is a folder, not a transcript file")
    if is_zip(path):
        try:
            archive = zipfile.ZipFile(path)
            member = _chat_member(path, archive)
            return archive.open(member)
        except TranscriptError:
            raise
        except ZIP_ERRORS as exc:
            raise TranscriptError(
                path, f"this zip is damaged or locked ({exc}); export the chat again"
            )
    return open(path, "rb")


def check_text(path: Path) -> bytes:
    """Return the first bytes of the file (or zipped chat); raise if they are not text."""
    with _open_binary(path) as handle:
        try:
            head = handle.read(SNIFF_BYTES)
        except ZIP_ERRORS as exc:
            raise TranscriptError(path, f"this zip is damaged ({exc}); export the chat again")
    if b"\x00" in head:
        raise TranscriptError(path, "this is not a text file; give a chat export or transcript")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character may be cut at the end of the sniffed block.
        if exc.start < len(head) - 4:
            raise TranscriptError(
                path, "this file is not UTF-8 text; save it as UTF-8 and try again"
            )
    return head


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, line without its newline), reading the file lazily.

    Raises TranscriptError naming the line where the bytes stop being UTF-8 text or a
    zipped chat turns out damaged.
    """
    line_no = 0
    with _open_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline=None)
        try:
            for line_no, line in enumerate(text, 1):
                if "\x00" in line:
                    raise TranscriptError(path, "this line holds binary data", line_no)
                yield line_no, line.rstrip("\n")
        except TranscriptError:
            raise
        except UnicodeDecodeError:
            raise TranscriptError(
                path, "the text stops being UTF-8 here; save the file as UTF-8", line_no + 1
            )
        except ZIP_ERRORS as exc:
            raise TranscriptError(path, f"the zip is damaged ({exc})", line_no + 1)
