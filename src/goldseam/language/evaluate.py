"""Score an engine against a labelled message set written in the contract's terms.

Figures: per-code precision, recall and F1 over the 13 codes, their macro mean, the accuracy of
"feeds the cycle or not", micro F1 of the speaker's emotions (when the set lists emotions),
safety recall per flag and the false-alarm rate (when the set has safety labels), and the
reframe pass rate over the set's cycle-feeding messages.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from goldseam.language.types import CODES, CYCLE_CODES, SAFETY_FLAGS, Analysis


def read_labelled(path: str | Path) -> list[dict]:
    """Return the labelled rows of a JSON Lines file; raise ValueError naming a bad line."""
    rows = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"line {number}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or "text" not in row:
                raise ValueError(f"line {number}: a labelled message needs 'text'")
            rows.append(row)
    return rows


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def code_scores(gold: list[set[str]], pred: list[set[str]]) -> dict:
    """Return per-code precision/recall/F1/support and the macro F1 over codes with support."""
    per_code = {}
    for code in CODES:
        tp = sum(1 for g, p in zip(gold, pred) if code in g and code in p)
        fp = sum(1 for g, p in zip(gold, pred) if code not in g and code in p)
        fn = sum(1 for g, p in zip(gold, pred) if code in g and code not in p)
        p, r, f = _prf(tp, fp, fn)
        per_code[code] = {"precision": p, "recall": r, "f1": f, "support": tp + fn}
    supported = [v["f1"] for v in per_code.values() if v["support"]]
    macro = sum(supported) / len(supported) if supported else 0.0
    cycle_ok = sum(
        1 for g, p in zip(gold, pred)
        if bool(g & set(CYCLE_CODES)) == bool(p & set(CYCLE_CODES))
    )
    return {
        "per_code": per_code,
        "macro_f1": macro,
        "cycle_accuracy": cycle_ok / len(gold) if gold else 0.0,
        "exact_match": sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0,
    }


def emotion_scores(gold: list[set[str]], pred: list[set[str]]) -> dict:
    """Return micro precision/recall/F1 of (message, emotion) pairs."""
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    fp = sum(len(p - g) for g, p in zip(gold, pred))
    fn = sum(len(g - p) for g, p in zip(gold, pred))
    p, r, f = _prf(tp, fp, fn)
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn}


def safety_scores(gold: list[set[str]], pred: list[set[str]]) -> dict:
    """Return recall per flag and the false-alarm rate on messages with no flag."""
    out: dict = {"recall": {}}
    for flag in SAFETY_FLAGS:
        flagged = [p for g, p in zip(gold, pred) if flag in g]
        if flagged:
            out["recall"][flag] = sum(1 for p in flagged if flag in p) / len(flagged)
    clean = [p for g, p in zip(gold, pred) if not g]
    out["false_alarm"] = sum(1 for p in clean if p) / len(clean) if clean else 0.0
    out["flagged"] = sum(1 for g in gold if g)
    out["unflagged"] = len(clean)
    return out


def content_words(text: str) -> set[str]:
    """Return the stems of the words of ``text`` that can carry its event: not function
    words, not insults (an insult is not an event)."""
    from goldseam.language.reframing import INSULTS, STOPWORDS, message_words, stem

    # Shorthand is spelt out ("cant", "nvm", "u"), so that a suggestion which writes the same
    # words in full keeps them.
    words = set(message_words(text))
    return {stem(w) for w in words - STOPWORDS - INSULTS if len(w) >= 3}


def reframe_passes(
    text: str, suggestion: str | None, analyze: Callable[[str], Analysis]
) -> bool:
    """Tell whether a first suggestion keeps the event, names a primary emotion and a need,
    and analyses free of cycle-feeding codes.

    It keeps the event when it shares a content word (by stem) with the message; a message
    with no content word at all ("Fine.", "You're pathetic.") has no event to keep.
    """
    from goldseam.language.reframing import PRIMARY_WORDS

    if not suggestion:
        return False
    lower = suggestion.lower()
    event_words = content_words(text)
    keeps_event = not event_words or bool(event_words & content_words(suggestion))
    names_primary = any(re.search(rf"\b{re.escape(w)}\b", lower) for w in PRIMARY_WORDS)
    names_need = bool(re.search(r"\bi need\b", lower))
    return keeps_event and names_primary and names_need and not analyze(suggestion).feeds_cycle


def evaluate_rows(
    rows: Iterable[dict],
    analyze_many: Callable[[list[str]], list[Analysis]],
    reframe: Callable[[str], list[str]] | None = None,
    analyze: Callable[[str], Analysis] | None = None,
) -> dict:
    """Return every figure of this module for ``rows`` read by the given engine."""
    rows = list(rows)
    analyses = analyze_many([str(r["text"]) for r in rows])
    report: dict = {"messages": len(rows)}
    coded = [(r, a) for r, a in zip(rows, analyses) if "codes" in r and a.error is None]
    report["codes"] = code_scores(
        [set(r["codes"]) for r, _ in coded], [set(a.codes) for _, a in coded]
    )
    with_emotions = [(r, a) for r, a in coded if "emotions" in r]
    if with_emotions:
        report["emotions"] = emotion_scores(
            [set(_emotion_names(r["emotions"])) for r, _ in with_emotions],
            [{e.emotion for e in a.emotions} for _, a in with_emotions],
        )
    with_safety = [(r, a) for r, a in zip(rows, analyses) if "safety" in r and a.error is None]
    if with_safety:
        report["safety"] = safety_scores(
            [set(r["safety"]) for r, _ in with_safety], [set(a.safety) for _, a in with_safety]
        )
    if reframe is not None and analyze is not None:
        cycle_rows = [r for r, _ in coded if set(r["codes"]) & set(CYCLE_CODES)]
        passed = 0
        for row in cycle_rows:
            suggestions = reframe(str(row["text"]))
            passed += reframe_passes(row["text"], suggestions[0] if suggestions else None, analyze)
        report["reframe"] = {
            "pass_rate": passed / len(cycle_rows) if cycle_rows else 0.0,
            "messages": len(cycle_rows),
        }
    report["errors"] = sum(1 for a in analyses if a.error is not None)
    return report


def _emotion_names(items: list) -> list[str]:
    return [i["emotion"] if isinstance(i, dict) else str(i) for i in items]
