"""Readers for chat exports and transcripts: WhatsApp, plain "Name: message", CSV, JSON Lines.

Public API (imports no Django):

- ``open_transcript(path, fmt=None)`` yields conversations whose turns are read lazily;
- ``detect_format(path)`` names the format; ``speakers_in(path)`` lists the speakers;
- ``TranscriptError`` names the file and line of anything that cannot be read.
"""
from goldseam.transcripts.errors import TranscriptError  # noqa: F401
from goldseam.transcripts.formats import (  # noqa: F401
    FORMATS,
    Conversation,
    detect_format,
    open_transcript,
    speakers_in,
)
