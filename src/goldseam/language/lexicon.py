"""Load and compile the rules layer's data files (patterns, emotions, safety).

Everything is compiled once, on first use, and cached: the CLI's cold start pays for it only
when a message is actually read.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from goldseam.language.types import CODES, NEUTRAL, SAFETY_FLAGS

_MACRO = re.compile(r"\{([A-Z0-9_]+)\}")


def read_data(name: str) -> str:
    """Return the text of the data file ``name`` shipped in goldseam/language/data."""
    return resources.files("goldseam.language").joinpath("data", name).read_text("utf-8")


def _expand(pattern: str, macros: dict[str, str]) -> str:
    return _MACRO.sub(lambda m: macros[m.group(1)], pattern)


def _union(patterns: list[str], macros: dict[str, str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{_expand(p, macros)})" for p in patterns))


@dataclass(frozen=True)
class CodeRules:
    """The compiled patterns and blockers of one code.

    Patterns anchored at the sentence start (``^...``) are kept apart in ``anchored`` and
    tried once per sentence with ``match``; scanning them at every position would cost time
    for nothing.
    """

    code: str
    patterns: re.Pattern[str] | None
    blockers: re.Pattern[str] | None
    anchored: re.Pattern[str] | None = None


@dataclass(frozen=True)
class EmotionRule:
    """One listed emotion with the compiled expression of its words and framed words."""

    name: str
    kind: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def code_rules() -> dict[str, CodeRules]:
    """Return the compiled rules of every code except ``neutral``, keyed by code."""
    data = tomllib.loads(read_data("patterns.toml"))
    macros = data.get("macros", {})
    rules = {}
    for code in CODES:
        if code == NEUTRAL:
            continue
        table = data.get(code, {})
        patterns = table.get("patterns", [])
        rules[code] = CodeRules(
            code,
            _union([p for p in patterns if not p.startswith("^")], macros),
            _union(table.get("blockers", []), macros),
            _union([p for p in patterns if p.startswith("^")], macros),
        )
    return rules


#: What must stand before a "framed" emotion word for it to count as a feeling.
_FRAME = (
    r"(?:feel|feels|felt|feeling|am|'m|was|were|been|so|really|very|too|made me|makes me|"
    r"left me|leaves me|like|scared and|sad and|hurt and|tired and|lost and|confused and|"
    r"afraid and)\s+(?:\w+\s+)?"
)


@lru_cache(maxsize=1)
def emotion_rules() -> tuple[EmotionRule, ...]:
    """Return the compiled emotion lexicon, in the data file's order."""
    data = tomllib.loads(read_data("emotions.toml"))
    out = []
    for entry in data["emotion"]:
        parts = []
        if entry.get("words"):
            parts.append(r"\b(?:" + "|".join(entry["words"]) + r")\b")
        if entry.get("framed"):
            parts.append(r"\b" + _FRAME + r"\b(?:" + "|".join(entry["framed"]) + r")\b")
        out.append(EmotionRule(entry["name"], entry["kind"], re.compile("|".join(parts))))
    return tuple(out)


@lru_cache(maxsize=1)
def emotion_scanner() -> tuple[re.Pattern[str], dict[str, EmotionRule]]:
    """Return one expression over the whole emotion lexicon (a named group per emotion),
    with the emotion rule of each group name: one scan per sentence instead of one per
    emotion."""
    rules = emotion_rules()
    groups = {f"e{i}": rule for i, rule in enumerate(rules)}
    union = "|".join(f"(?P<{name}>{rule.regex.pattern})" for name, rule in groups.items())
    return re.compile(union), groups


@lru_cache(maxsize=1)
def safety_rules() -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]:
    """Return, per safety flag, its compiled (patterns, figures of speech)."""
    data = tomllib.loads(read_data("safety.toml"))
    return {
        flag: (_union(data[flag]["patterns"], {}), _union(data[flag].get("figures", []), {}))
        for flag in SAFETY_FLAGS
    }
