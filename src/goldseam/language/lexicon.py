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
from typing import Any

try:  # the parser's tree and opcodes, to work out first characters (CPython 3.11+)
    from re import _constants as _sre
    from re import _parser
except ImportError:  # pragma: no cover - another Python: no lookahead, same matches
    _sre = _parser = None

from goldseam.language.types import CODES, NEUTRAL

_MACRO = re.compile(r"\{([A-Z0-9_]+)\}")


def read_data(name: str) -> str:
    """Return the text of the data file ``name`` shipped in goldseam/language/data."""
    return resources.files("goldseam.language").joinpath("data", name).read_text("utf-8")


def _expand(pattern: str, macros: dict[str, str]) -> str:
    return _MACRO.sub(lambda m: macros[m.group(1)], pattern)


def _top_level_split(pattern: str) -> list[str]:
    """Split ``pattern`` at each ``|`` that stands outside every group and class."""
    pieces, depth, i, in_class, last = [], 0, 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # a ] right after [ or [^ is a literal, not the end of the class
            i += 1 + (pattern[i + 1: i + 2] == "^")
            i += pattern[i: i + 1] == "]"
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append(pattern[last:i])
            last = i + 1
        i += 1
    pieces.append(pattern[last:])
    return pieces


def _boundary_led(pattern: str) -> bool:
    r"""Tell whether every match of ``pattern`` begins with the ``\b`` that opens it."""
    return pattern.startswith("\\b") and len(_top_level_split(pattern)) == 1


def _first_chars(elements: Any) -> tuple[set[str] | None, bool]:
    """Return the characters a match of parsed ``elements`` can begin with (None: any, or not
    worked out) and whether it can match the empty string. Zero-width tests are skipped, so
    the set may be larger than needed, never smaller."""
    chars: set[str] = set()
    for op, av in elements:
        if op is _sre.LITERAL:
            return chars | {chr(av)}, False
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.IN:
            for item, value in av:
                if item is _sre.LITERAL:
                    chars.add(chr(value))
                elif item is _sre.RANGE and value[1] - value[0] <= 256:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    return None, False  # negated classes, \w, \s: anything
            return chars, False
        if op is _sre.BRANCH:
            alternatives = av[1]
        elif op is _sre.SUBPATTERN and not (av[1] or av[2]):  # no inline flags
            alternatives = [av[3]]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            alternatives = [av[2]]
        else:
            return None, False
        nullable = op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0
        for alternative in alternatives:
            found, empty = _first_chars(alternative)
            if found is None:
                return None, False
            chars |= found
            nullable = nullable or empty
        if not nullable:
            return chars, False
    return chars, True


def _lookahead(run: list[str]) -> str:
    r"""Return ``(?=[...])`` naming every character a match of the alternatives in ``run`` can
    begin with, or "" when that is not known: after ``\b`` it fails at once at a word's end
    and before words no alternative starts with."""
    if _parser is None:  # pragma: no cover
        return ""
    try:
        parsed = _parser.parse("|".join(run))
    except re.error:  # pragma: no cover - the caller's compile reports it
        return ""
    chars, nullable = _first_chars(parsed.data)
    if chars is None or nullable or not chars:
        return ""
    return "(?=[" + "".join(f"\\U{ord(c):08x}" for c in sorted(chars)) + "])"


def join_alternatives(patterns: list[str]) -> str:
    r"""Join ``patterns`` as alternatives, testing a shared leading ``\b`` once per position.

    Why: Python's engine tries every alternative at every position of the text, and nearly
    every pattern here opens with ``\b``; ``\b(?:a|b)`` matches exactly what ``\ba|\bb``
    matches, in the same order of preference, but fails at once inside a word. Each pattern's
    own top-level alternatives are taken apart (``(?:a|b)|c`` is ``a|b|c``), then runs of
    consecutive boundary-led ones are grouped under one ``\b``; the order is kept.
    """
    out: list[str] = []
    run: list[str] = []
    for piece in (piece for pattern in patterns for piece in _top_level_split(pattern)):
        if piece.startswith("\\b"):
            run.append(f"(?:{piece[2:]})")
            continue
        if run:
            out.append("\\b" + _lookahead(run) + "(?:" + "|".join(run) + ")")
            run = []
        out.append(f"(?:{piece})")
    if run:
        out.append("\\b" + _lookahead(run) + "(?:" + "|".join(run) + ")")
    return "|".join(out)


def compile_alternatives(patterns: list[str], macros: dict[str, str]) -> re.Pattern[str] | None:
    """Return one expression matching any of ``patterns`` ({MACRO}s expanded), or None."""
    if not patterns:
        return None
    return re.compile(join_alternatives([_expand(p, macros) for p in patterns]))


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
            compile_alternatives([p for p in patterns if not p.startswith("^")], macros),
            compile_alternatives(table.get("blockers", []), macros),
            compile_alternatives([p for p in patterns if p.startswith("^")], macros),
        )
    return rules


#: What must stand before a "framed" emotion word for it to count as a feeling.
_FRAME = (
    r"(?:feel|feels|felt|feeling|am|'m|was|were|been|so|really|very|too|made me|makes me|"
    r"left me|leaves me|like|tired and|"
    # "scared and lost": the second feeling is framed by the first, which stays its own match
    # (a consuming "scared and" swallowed the first feeling's word).
    r"(?<=scared )and|(?<=sad )and|(?<=hurt )and|(?<=tired )and|(?<=lost )and|"
    r"(?<=confused )and|(?<=afraid )and|(?<=ashamed )and|(?<=lonely )and)\s+(?:\w+\s+)?"
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
        out.append(EmotionRule(entry["name"], entry["kind"], re.compile(join_alternatives(parts))))
    return tuple(out)


@lru_cache(maxsize=1)
def emotion_scanner() -> tuple[re.Pattern[str], dict[str, EmotionRule]]:
    """Return one expression over the whole emotion lexicon (a named group per emotion),
    with the emotion rule of each group name: one scan per sentence instead of one per
    emotion."""
    rules = emotion_rules()
    groups = {f"e{i}": rule for i, rule in enumerate(rules)}
    alternatives = []
    for name, rule in groups.items():
        pattern = rule.regex.pattern
        if _boundary_led(pattern):  # \b is zero-width: outside the group, the group is the same
            alternatives.append(f"\\b(?P<{name}>{pattern[2:]})")
        else:
            alternatives.append(f"(?P<{name}>{pattern})")
    return re.compile(join_alternatives(alternatives)), groups
