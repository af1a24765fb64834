"""The encoder adapter: stored exactly, merged the same way by both backends, checked by the heads."""
from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("torch")

from goldseam.language import finetune, semantic
from goldseam.language.embeddings import Embedder

pytestmark = pytest.mark.semantic

TEXTS = [
    "You lied to me for months.",
    "I felt so alone when I found the messages.",
    "I'll send you my location every evening at six.",
    "Whatever. I'm going to bed.",
    "I'm sorry you feel that way.",
    "Dinner's at seven, can you grab milk?",
]
LABELS = np.array([[1, 0], [0, 1], [0, 1], [1, 0], [1, 0], [0, 0]])


@pytest.fixture(scope="module")
def tiny_adapter():
    return finetune.fine_tune(TEXTS, LABELS, epochs=2)


def test_adapter_round_trips_byte_for_byte(tmp_path, tiny_adapter):
    path = tmp_path / "adapter.npz"
    digest = tiny_adapter.save(path)
    loaded = finetune.load_adapter(path)
    assert loaded.meta == tiny_adapter.meta
    assert finetune.file_sha256(path) == digest
    assert loaded.to_bytes() == tiny_adapter.to_bytes()
    for name, delta in tiny_adapter.deltas().items():
        np.testing.assert_array_equal(loaded.deltas()[name], delta)


def test_fine_tuning_is_seeded(tiny_adapter):
    again = finetune.fine_tune(TEXTS, LABELS, epochs=2)
    assert again.to_bytes() == tiny_adapter.to_bytes()


def _synthetic_adapter() -> finetune.Adapter:
    """Large random factors: a query/key/value mix-up in a merge would show in the vectors."""
    rng = np.random.default_rng(0)
    shapes = {"attention.self.qkv": (1152, 384), "attention.output.dense": (384, 384),
              "intermediate.dense": (1536, 384), "output.dense": (384, 1536)}
    pairs = {
        f"encoder.layer.{i}.{target}.weight": (
            rng.normal(0, 0.05, (finetune.RANK, cols)).astype(np.float32),
            rng.normal(0, 0.05, (rows, finetune.RANK)).astype(np.float32),
        )
        for i in range(6) for target, (rows, cols) in shapes.items()
    }
    return finetune.Adapter(pairs, {"format_version": finetune.FORMAT_VERSION,
                                    "rank": finetune.RANK, "alpha": finetune.ALPHA})


def test_both_backends_merge_an_adapter_alike():
    pytest.importorskip("sentence_transformers")
    adapter = _synthetic_adapter()
    stock = Embedder("fp32", cache_size=0, adapter=None).encode(TEXTS)
    direct = Embedder("fp32", cache_size=0, adapter=adapter).encode(TEXTS)
    reference = Embedder(
        "fp32", cache_size=0, backend="sentence-transformers", adapter=adapter
    ).encode(TEXTS)
    assert (direct * stock).sum(axis=1).max() < 0.99  # the adapter changes every vector
    assert (direct * reference).sum(axis=1).min() > 0.9999


def test_trained_adapter_moves_the_vectors(tiny_adapter):
    stock = Embedder("fp32", cache_size=0, adapter=None).encode(TEXTS)
    tuned = Embedder("fp32", cache_size=0, adapter=tiny_adapter).encode(TEXTS)
    assert (tuned * stock).sum(axis=1).min() < 0.99999


def test_adapter_of_another_format_says_how_to_rebuild(tmp_path, tiny_adapter):
    tiny_adapter.meta["format_version"] = 99
    path = tmp_path / "adapter.npz"
    tiny_adapter.save(path)
    tiny_adapter.meta["format_version"] = finetune.FORMAT_VERSION
    with pytest.raises(finetune.AdapterError, match="goldseam train"):
        finetune.load_adapter(path)


def test_heads_fitted_through_another_adapter_are_refused(tmp_path):
    data = json.loads(semantic.HEADS_FILE.read_text(encoding="utf-8"))
    data["adapter_sha256"] = "0" * 64
    path = tmp_path / "heads.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(semantic.HeadsUnavailableError, match="another encoder adapter"):
        semantic.SemanticEngine(path)


def test_shipped_heads_name_the_shipped_adapter():
    data = json.loads(semantic.HEADS_FILE.read_text(encoding="utf-8"))
    assert data["adapter_sha256"] == finetune.file_sha256()
    assert finetune.load_adapter() is not None


def test_stacker_fitted_on_other_heads_is_refused(tmp_path):
    from goldseam.language import ensemble

    data = json.loads(ensemble.STACKER_FILE.read_text(encoding="utf-8"))
    data["heads_sha256"] = "0" * 64
    path = tmp_path / "stacker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(semantic.HeadsUnavailableError, match="other semantic heads"):
        ensemble.EnsembleEngine(path)


def test_safety_heads_fitted_through_another_adapter_are_refused(tmp_path):
    from goldseam.language import semantic_safety

    data = json.loads(semantic_safety.HEADS_FILE.read_text(encoding="utf-8"))
    data["meta"]["adapter_sha256"] = "0" * 64
    path = tmp_path / "safety_heads.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(semantic_safety.SafetyHeadsUnavailableError, match="another encoder"):
        semantic_safety.load_heads(path)


def test_safety_heads_alone_are_not_rebuilt_over_a_fitted_adapter(capsys):
    from goldseam.language import semantic_safety

    assert semantic_safety.main(["train"]) == 2
    assert "goldseam train --engine ensemble" in capsys.readouterr().err
