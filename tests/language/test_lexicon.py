"""The rules layer's expressions: one shared word-boundary test changes no match."""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from goldseam.language.lexicon import (
    _boundary_led,
    _expand,
    code_rules,
    join_alternatives,
    read_data,
)

CORPUS = Path(__file__).resolve().parents[2] / "data" / "messages" / "raw_a.jsonl"

TEXTS = [
    "you never listen and youre always on your phone",
    "I'm sorry IF you felt hurt, ok? Whatever.",
    "a|b [x|y] (you|me) then, you're-right; yes",
    "ayou bme you me, ab. x|y",
]


@pytest.mark.parametrize("patterns", [
    [r"\byou\b", r"\bme\b"],
    [r"\bab", r"a", r"\bx\|y", r"\bme"],         # a run, a plain one, a run again
    [r"\byou|me", r"\bme"],                      # a top-level | is not boundary-led
    [r"\b[|x]y", r"\b(?:you|me)\b", r"(?:\b)x"],  # | inside a class or a group is fine
    [r"\b[]|]", r"\b[^]|]e\b", r"\ba"],           # a class that opens with ]
    [r"\b(?:a)?b", r"\b\s*x", r"\b(?i:YOU)"],        # optional, \s, inline flags
    [r"\b[^a]x", r"\b(?:x|)y", r"\b.{0,3}you"],      # negated class, empty branch, any
    [r"\b(?=y)ou|\b(?:me)*\b", r"\b[a-c]+"],        # lookahead, a run that may be empty
])
def test_joined_alternatives_match_exactly_what_the_plain_union_matches(patterns):
    plain = re.compile("|".join(f"(?:{p})" for p in patterns))
    joined = re.compile(join_alternatives(patterns))
    for text in TEXTS:
        assert [m.span() for m in joined.finditer(text)] == [
            m.span() for m in plain.finditer(text)]


def test_boundary_led_means_every_match_starts_with_the_test():
    assert _boundary_led(r"\b(?:you|me)\s+x")
    assert not _boundary_led(r"\byou|me")
    assert not _boundary_led(r"(?:\byou)")
    assert _boundary_led(r"\b[|]x")


def test_the_shipped_code_patterns_share_their_boundary_test():
    # Nearly every shipped pattern opens with \b; the compiled union tests it once, then
    # looks ahead for one of the letters its alternatives can begin with.
    blame = code_rules()["blame"].patterns
    assert blame is not None and blame.pattern.startswith(r"\b(?=[")


def test_the_shipped_patterns_find_what_their_plain_union_finds():
    data = tomllib.loads(read_data("patterns.toml"))
    macros = data["macros"]
    texts = [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines()[:400]]
    texts += TEXTS
    for code, rules in code_rules().items():
        patterns = [p for p in data[code]["patterns"] if not p.startswith("^")]
        plain = re.compile("|".join(f"(?:{_expand(p, macros)})" for p in patterns))
        for text in texts:
            lowered = text.lower()
            assert [m.span() for m in rules.patterns.finditer(lowered)] == [
                m.span() for m in plain.finditer(lowered)], (code, text)
