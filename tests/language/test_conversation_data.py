"""The labelled conversations are well formed, varied, and split without leaks."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from goldseam.language.types import CODES, CONNECTING_CODES, CYCLE_CODES, PATTERNS

DATA = Path(__file__).resolve().parents[2] / "data" / "conversations"
ROLES_OF = {"pursue-withdraw": ["pursuer", "withdrawer"], "attack-attack": ["pursuer"] * 2,
            "withdraw-withdraw": ["withdrawer"] * 2, "none": ["none"] * 2}


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def sets() -> dict[str, list[dict]]:
    return {"tune": load("tune"), "heldout": load("heldout")}


def test_there_are_at_least_seventy_conversations(sets):
    assert len(sets["tune"]) + len(sets["heldout"]) >= 70


def test_every_pattern_is_well_represented_in_both_splits(sets):
    for split in sets.values():
        counts = Counter(item["pattern"] for item in split)
        assert set(counts) == set(PATTERNS)
        assert min(counts.values()) >= 6


def test_conversations_follow_the_contract_shape(sets):
    for item in sets["tune"] + sets["heldout"]:
        speakers = {t["speaker"] for t in item["turns"]}
        assert 4 <= len(item["turns"]) <= 40, item["id"]
        assert speakers == set(item["roles"]), item["id"]
        assert sorted(item["roles"].values()) == sorted(ROLES_OF[item["pattern"]]), item["id"]
        assert len(item["turn_codes"]) == len(item["turns"]), item["id"]
        assert all(codes and set(codes) <= set(CODES) for codes in item["turn_codes"])


def test_gold_softening_turns_follow_the_contract_definition(sets):
    for item in sets["tune"] + sets["heldout"]:
        soft = item["softening_turns"]
        if item["pattern"] == "none":
            assert soft == [], item["id"]
            continue
        for i in soft:
            assert set(item["turn_codes"][i]) & set(CONNECTING_CODES), item["id"]
        if soft:
            first = soft[0]
            who = item["turns"][first]["speaker"]
            earlier = [set(item["turn_codes"][j]) for j in range(first)
                       if item["turns"][j]["speaker"] == who]
            assert any(codes & set(CYCLE_CODES) for codes in earlier), item["id"]


def test_splits_share_no_id_and_no_conversation(sets):
    ids = [item["id"] for split in sets.values() for item in split]
    assert len(ids) == len(set(ids))
    tune_texts = {tuple(t["text"] for t in item["turns"]) for item in sets["tune"]}
    assert not any(tuple(t["text"] for t in item["turns"]) in tune_texts
                   for item in sets["heldout"])


def test_lengths_vary(sets):
    lengths = [len(item["turns"]) for split in sets.values() for item in split]
    assert min(lengths) <= 5 and max(lengths) >= 20
