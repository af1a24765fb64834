"""Suite-wide set-up: the derived train/dev files of the labelled corpus exist before any test.

``data/splits.py`` writes them from ``data/messages/raw_*.jsonl`` (they are not committed, so a
fresh clone has none); tests and the safety trainers read them.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    messages = ROOT / "data" / "messages"
    raws = list(messages.glob("raw_*.jsonl"))
    derived = [messages / "train.jsonl", messages / "dev.jsonl"]
    newest_raw = max((p.stat().st_mtime for p in raws), default=0.0)
    if all(p.exists() and p.stat().st_mtime >= newest_raw for p in derived):
        return
    spec = importlib.util.spec_from_file_location("goldseam_data_splits", ROOT / "data" / "splits.py")
    splits = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(splits)
    splits.main()
