"""The benchmark's generated export is a WhatsApp chat the reader takes in whole."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from goldseam.transcripts import detect_format, open_transcript

BENCH = Path(__file__).resolve().parents[2] / "bench" / "make_whatsapp_export.py"


def test_generated_export_reads_back_every_message(tmp_path):
    spec = importlib.util.spec_from_file_location("make_whatsapp_export", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "chat.txt"
    module.write_export(str(path), 2000, seed=3)
    assert detect_format(path) == "whatsapp"
    conversation = next(open_transcript(path))
    turns = list(conversation.turns)
    skipped = conversation.reader.skipped
    assert len(turns) + skipped["media"] + skipped["deleted"] == 2000
    assert skipped["system"] == 1 and {t.speaker for t in turns} == {"Robin", "Alex"}
    assert any("\n" in t.text for t in turns)  # some messages span lines
