"""Compose the couple's cycle map from both accounts, in their own words, and lay it out as a loop.

The map quotes each partner's short answers ("asked more and more questions") into sentences
from the catalogue; the pattern comes from the engine's codes of each "what I did".
"""
from __future__ import annotations

import re
import textwrap
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from goldseam.web.core.wording import say
from goldseam.web.journey import coaching

MOVES_FILE = Path(__file__).parent / "data" / "cycle_moves.toml"
PRESSING = frozenset({"blame", "contempt", "pursuit"})
# Defensiveness is left out on purpose: it presses as often as it retreats (the conversation
# reader weighs it half and half), so for a one-line account the move words decide.
RETREATING = frozenset({"withdrawal", "empty_apology"})
#: Characters per line of a label in the picture: fits a 150-unit box at font size 14, which
#: stays about 13 px tall on a 390 px phone.
LABEL_CHARS = 17
LABEL_LINES = 3
#: Centres of the four labels (top, right, bottom, left) on a 360 x 400 canvas, and the arrows
#: joining their edges clockwise: hand-placed so boxes of 150 x 64 never overlap the arrows.
NODE_CENTRES = ((180, 44), (280, 200), (180, 356), (80, 200))
ARROWS = ("M 258 44 Q 300 50 300 162", "M 300 238 Q 300 350 260 356",
          "M 102 356 Q 60 350 60 238", "M 60 162 Q 60 50 102 44")
_LEADING_I = re.compile(r"^\s*(i\s+|i'm\s+|i am\s+)", re.IGNORECASE)


def phrase(text: str) -> str:
    """Return an answer as a phrase to quote: trimmed, without a leading "I", no final stop."""
    text = " ".join(text.split())
    text = _LEADING_I.sub("", text)
    return text.rstrip(".!;, ")


@cache
def _move_words() -> dict[str, re.Pattern[str]]:
    with MOVES_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return {move: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in data[move]) + r")\b",
                             re.IGNORECASE) for move in ("press", "retreat")}


def move_of(did: str) -> str:
    """Return "press", "retreat" or "none" for what a partner says they did.

    A plain description that names one move in the words of data/cycle_moves.toml ("went
    quiet", "kept asking questions") is that move: the engine reads messages to a partner,
    and a bare fragment of a description is outside what it was trained on (it once read
    "kept asking questions" as withdrawal). Otherwise the engine's codes decide (words quoted
    in the answer, "Show me your phone!", code as pursuit).
    """
    if not did.strip():
        return "none"
    words = _move_words()
    press, retreat = words["press"].search(did), words["retreat"].search(did)
    if bool(press) != bool(retreat):
        return "press" if press else "retreat"
    codes = set(coaching.analyze(did).codes)
    pressing, retreating = bool(codes & PRESSING), bool(codes & RETREATING)
    if pressing:  # alone, or beside a retreat: the engine's stronger reading
        return "press"
    if retreating:
        return "retreat"
    if press and retreat:  # the engine reads neither; both named: the first named
        return "press" if press.start() <= retreat.start() else "retreat"
    return "none"


def pattern_of(did_a: str, did_b: str) -> str:
    """Return the EFT negative cycle the two "what I did" answers resemble, or "none"."""
    moves = {move_of(did_a), move_of(did_b)}
    if moves == {"press", "retreat"}:
        return "pursue-withdraw"
    if moves == {"press"}:
        return "attack-attack"
    if moves == {"retreat"}:
        return "withdraw-withdraw"
    return "none"


@dataclass
class Node:
    """One label of the loop picture: lines of text and where they sit."""

    lines: list[str]
    x: float
    y: float
    kind: str  # "did" or "felt"


def _lines(text: str) -> list[str]:
    lines = textwrap.wrap(text, LABEL_CHARS) or [""]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: LABEL_CHARS - 1].rstrip() + "…"
    return lines


def compose(a, b, a_name: str, b_name: str) -> dict:
    """Return the map of accounts ``a`` and ``b``: sentences, pattern text and picture nodes."""
    words = {"a": a_name, "b": b_name,
             "a_did": phrase(a.did), "a_felt": phrase(a.felt), "a_feared": phrase(a.feared),
             "a_longed": phrase(a.longed), "b_did": phrase(b.did), "b_felt": phrase(b.felt),
             "b_longed": phrase(b.longed)}
    pattern = pattern_of(a.did, b.did)
    # Four labels around a circle, clockwise from the top: A's move, B's feeling, B's move,
    # A's feeling; arrows between them make the loop.
    labels = [(f"{a_name} {words['a_did']}", "did"), (f"{b_name} feels {words['b_felt']}", "felt"),
              (f"{b_name} {words['b_did']}", "did"), (f"{a_name} feels {words['a_felt']}", "felt")]
    nodes = [Node(_lines(text), x, y, kind)
             for (text, kind), (x, y) in zip(labels, NODE_CENTRES)]
    return {
        "sentences": [say("journey.cycle_when", **words), say("journey.cycle_then", **words),
                      say("journey.cycle_longing", **words)],
        "pattern": pattern,
        "pattern_text": say(f"journey.pattern_{pattern}"),
        "enemy": say("journey.cycle_enemy"),
        "nodes": nodes,
        "arrows": ARROWS,
        "label": say("journey.cycle_svg_label", **words),
    }
