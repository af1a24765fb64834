"""The statistical layer: reproducible training, versioned model file, lazy loading."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from corpus import CODE_CASES

from goldseam.language import model
from goldseam.language.safety import coded_rows
from goldseam.language.train import corpus_hash, train

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    """Write a small labelled corpus (the named corpus, three copies with new ids)."""
    folder = tmp_path / "messages"
    folder.mkdir()
    shutil.copy(ROOT / "data" / "splits.py", tmp_path / "splits.py")
    lines = []
    for copy in range(3):
        for name, (text, present, _) in sorted(CODE_CASES.items()):
            codes = sorted(present) or ["neutral"]
            lines.append(json.dumps({"id": f"{name}-{copy}", "text": text, "codes": codes}))
    (folder / "raw_t.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_same_corpus_gives_byte_identical_model(tiny_corpus, tmp_path):
    first = train(tiny_corpus, tmp_path / "a.npz", folds=2)
    second = train(tiny_corpus, tmp_path / "b.npz", folds=2)
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    assert first["sha256"] == second["sha256"]


def test_model_file_carries_version_and_corpus_hash(tiny_corpus, tmp_path):
    summary = train(tiny_corpus, tmp_path / "m.npz", folds=2)
    loaded = model.load(tmp_path / "m.npz")
    assert loaded.meta["format_version"] == model.FORMAT_VERSION
    assert loaded.meta["corpus_sha256"] == summary["corpus_sha256"]
    assert set(loaded.thresholds) == set(loaded.codes)


def test_corpus_hash_ignores_order_but_not_labels():
    rows = [{"id": "1", "text": "a", "codes": ["blame"]}, {"id": "2", "text": "b", "codes": []}]
    assert corpus_hash(rows) == corpus_hash(rows[::-1])
    changed = [dict(rows[0], codes=["contempt"]), rows[1]]
    assert corpus_hash(rows) != corpus_hash(changed)


def test_other_format_version_fails_with_what_to_do(tmp_path):
    buffer = io.BytesIO()
    meta = json.dumps({"format_version": 999}).encode()
    np.savez(buffer, meta=np.frombuffer(meta, dtype=np.uint8))
    path = tmp_path / "old.npz"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(model.ModelError, match="goldseam train"):
        model.load(path)


def test_missing_model_file_says_what_to_do(tmp_path):
    with pytest.raises(model.ModelError, match="goldseam train"):
        model.load(tmp_path / "nothing.npz")


def test_shipped_model_loads_and_was_trained_on_train_split_only():
    shipped = model.shipped()
    assert shipped is not None
    sys.path.insert(0, str(ROOT / "data"))
    try:
        import splits
    finally:
        sys.path.remove(str(ROOT / "data"))
    dev_ids = {str(r["id"]) for r in splits.load_split("dev")}
    train_rows = splits.load_split("train")
    coded = coded_rows(ROOT)
    assert dev_ids and shipped.meta["train_messages"] == len(train_rows)
    # Its corpus is the train split and the safety files' coded messages, nothing else.
    assert shipped.meta["safety_messages"] == len(coded) > 0
    assert shipped.meta["corpus_sha256"] == corpus_hash(train_rows + coded)


def test_importing_the_engine_loads_no_numpy_or_sklearn():
    code = (
        "import sys, goldseam.language, goldseam.language.cli;"
        "print('numpy' in sys.modules, 'sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
