"""Split the labelled message corpus into train and dev, deterministically, and load it.

A message is in ``dev`` when ``int(sha1(id).hexdigest(), 16) % 5 == 0``, else in ``train``:
the split depends only on the message's id, so adding messages never moves old ones and
anyone can recompute it. Nothing is ever trained or tuned on ``dev``.

Run ``python data/splits.py`` to print the size of each split and write
data/messages/dev.jsonl and data/messages/train.jsonl for ``goldseam evaluate``.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

MESSAGES = Path(__file__).resolve().parent / "messages"
#: One message in this many goes to dev.
DEV_MODULUS = 5


def split_of(message_id: str) -> str:
    """Return "dev" or "train" for a message id."""
    digest = int(hashlib.sha1(message_id.encode("utf-8")).hexdigest(), 16)
    return "dev" if digest % DEV_MODULUS == 0 else "train"


def iter_messages(folder: Path = MESSAGES) -> Iterator[dict]:
    """Yield every labelled message of folder/raw_*.jsonl, files in name order."""
    from goldseam.language.evaluate import read_labelled

    for path in sorted(folder.glob("raw_*.jsonl")):
        try:
            rows = read_labelled(path)
        except ValueError as exc:
            raise ValueError(f"{path.name}: {exc}") from exc
        for row in rows:
            if "id" not in row or "codes" not in row:
                raise ValueError(f"{path.name}: message {row.get('id', '?')} needs id and codes")
            yield row


def load_split(name: str, folder: Path = MESSAGES) -> list[dict]:
    """Return the messages of split ``name`` ("train" or "dev"), in file order."""
    if name not in ("train", "dev"):
        raise ValueError(f"unknown split {name!r}: use 'train' or 'dev'")
    return [row for row in iter_messages(folder) if split_of(str(row["id"])) == name]


def main() -> int:
    """Write train.jsonl and dev.jsonl next to the raw files and print their sizes."""
    for name in ("train", "dev"):
        rows = load_split(name)
        with (MESSAGES / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
