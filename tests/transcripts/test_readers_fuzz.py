"""Whatever bytes a file holds, reading it either works or fails with a TranscriptError."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldseam.transcripts import FORMATS, TranscriptError, open_transcript

# Lines that look like the formats, mixed with noise, reach deeper into the readers than
# random bytes alone.
LINES = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},? \d{1,2}[:.]\d{2}( [AP]M)?\]? ?-? ?"
                  r"[A-Za-z]{1,8}: .{0,30}", fullmatch=True),
    st.from_regex(r"[A-Za-z]{1,10}: .{0,40}", fullmatch=True),
    st.from_regex(r"[A-Za-z]{1,6},\"?.{0,20}\"?(,2024-0\d-1\dT1\d:00)?", fullmatch=True),
    st.just('{"speaker": "A", "text": "hi"}'),
)


def _read_all(path: Path, fmt: str | None) -> None:
    for conversation in open_transcript(path, fmt):
        for turn in conversation.turns:
            assert isinstance(turn.speaker, str) and isinstance(turn.text, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINES, max_size=12), fmt=st.sampled_from((None,) + FORMATS),
       suffix=st.sampled_from([".txt", ".csv", ".jsonl"]))
def test_any_text_reads_or_fails_with_a_named_line(lines, fmt, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"chat{suffix}"
        path.write_bytes("\n".join(lines).encode("utf-8", errors="replace"))
        try:
            _read_all(path, fmt)
        except TranscriptError as exc:
            assert str(path) in str(exc)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300), zipped=st.booleans())
def test_any_bytes_read_or_fail_with_a_transcript_error(data, zipped):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.txt"
        # A zip signature sends the bytes down the zip path, where damage is likeliest.
        path.write_bytes((b"PK\x03\x04" if zipped else b"") + data)
        try:
            _read_all(path, None)
        except TranscriptError:
            pass
