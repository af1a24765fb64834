"""Turn the language engine's reading of a draft into the coach's feedback, in catalogue words.

The same feedback feeds the live coach (JSON) and the server-rendered "Check my words" page,
so the page works without JavaScript. Nothing here stores anything.
"""
from __future__ import annotations

import re

from goldseam.language.types import MAX_TEXT_CHARS, Analysis, Span
from goldseam.web.core.wording import say

ROLES = ("hurt", "repairing")
#: The engine's warning prefix for text it does not read (it never guesses another language).
_NOT_READ_WARNINGS = ("not English", "emoji only")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _language():
    from goldseam import language

    return language


def analyze(text: str) -> Analysis:
    """Return the engine's analysis of ``text`` (public ``goldseam.language.analyze``)."""
    return _language().analyze(text)


def reframe(text: str) -> list[str]:
    """Return the engine's "I felt ... when ... I need ..." suggestions for ``text``."""
    return list(_language().reframe(text))


def coach(text: str, role: str):
    """Return the engine's ``Coaching`` of ``text`` for ``role``."""
    return _language().coach(text, role=role)


def segments(text: str, spans, codes: tuple[str, ...]) -> list[dict]:
    """Split ``text`` into consecutive pieces, each marked with the code of its span or None.

    Overlapping spans merge (the first code wins), so the pieces cover the text exactly once.
    """
    marks: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.code not in codes or span.end <= span.start:
            continue
        start, end = max(0, span.start), min(len(text), span.end)
        if marks and start < marks[-1][1]:
            last = marks[-1]
            marks[-1] = (last[0], max(last[1], end), last[2])
            continue
        marks.append((start, end, span.code))
    pieces, at = [], 0
    for start, end, code in marks:
        if start > at:
            pieces.append({"text": text[at:start], "code": None})
        pieces.append({"text": text[start:end], "code": code})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:], "code": None})
    return pieces


def acknowledgment_checklist(codes: list[str]) -> list[dict]:
    """Return the four parts of a full acknowledgment, each with whether the draft holds it."""
    held = set(codes)
    return [
        {"label": say("journey.ack_feeling"), "held": "acknowledgment" in held},
        {"label": say("journey.ack_owned"), "held": "responsibility" in held},
        {"label": say("journey.ack_regret"),
         "held": "responsibility" in held and "empty_apology" not in held},
        {"label": say("journey.ack_change"),
         "held": bool(held & {"commitment", "reassurance"})},
    ]


def feedback(text: str, role: str = "hurt") -> dict:
    """Return the coach's feedback on ``text`` for ``role``; see ``_feedback``.

    Nothing is cached or kept: a draft lives only for the request that carries it.
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    return _feedback(text, role)


def _feedback(text: str, role: str) -> dict:
    """Return the coach's feedback on ``text`` for ``role`` ("hurt" or "repairing").

    Keys: ``state`` ("empty", "too_long", "unreadable", "safety" or "ok"), ``message`` for the
    first four; for "ok": ``segments`` (the text cut into pieces, those that may land badly
    marked with their code), ``marked`` and ``works`` (the engine's notes), ``emotions``,
    ``summary``, ``emotion_note``, ``guidance``, ``next_step``, ``suggestions`` (reframes),
    and for the repairing role ``checklist`` (the parts of a full acknowledgment).
    """
    if not text.strip():
        return {"state": "empty", "message": say("journey.coach_empty")}
    if len(text) > MAX_TEXT_CHARS:
        return {"state": "too_long",
                "message": say("journey.coach_too_long", limit=f"{MAX_TEXT_CHARS:,}")}
    try:
        result = coach(text, role)
    except ValueError:  # the engine could not read it (control characters and the like)
        return {"state": "unreadable", "message": say("journey.coach_cannot_read")}
    analysis = result.analysis
    if result.safety:
        # Safety flags get support, never coaching (contract, safety flags).
        return {"state": "safety", "message": say("journey.coach_safety")}
    if analysis is not None and any(w.startswith(_NOT_READ_WARNINGS)
                                    for w in analysis.warnings):
        return {"state": "unreadable", "message": say("journey.coach_cannot_read")}
    spans = [span for note in result.concerns for span in _span_objects(note)]
    codes = list(analysis.codes) if analysis is not None else []
    out = {
        "state": "ok",
        "codes": codes,
        "summary": result.summary,
        "segments": segments(text, spans, tuple(n.code for n in result.concerns)),
        "marked": [{"code": n.code, "message": n.text} for n in result.concerns],
        "works": [{"code": n.code, "message": n.text} for n in result.working],
        "emotions": [{"emotion": e["emotion"], "kind": e["kind"],
                      "kind_label": say(f"journey.kind_{e['kind']}")} for e in result.emotions],
        "emotion_note": result.emotion_note or "",
        "guidance": result.guidance or "",
        "next_step": result.next_step,
        "suggestions": list(result.reframes)[:3],
    }
    if role == "repairing":
        out["checklist"] = acknowledgment_checklist(codes)
    return out


def _span_objects(note) -> list[Span]:
    return [Span(s["code"], s["start"], s["end"]) for s in note.spans]


def emotion_kinds(text: str) -> set[str]:
    """Return the kinds ("primary", "secondary") of the emotions the engine hears in ``text``."""
    if not text.strip() or len(text) > MAX_TEXT_CHARS:
        return set()
    return {e.kind for e in analyze(text).emotions}


def sentences_with(text: str, code: str) -> list[str]:
    """Return the sentences of ``text`` the engine codes ``code``, in order."""
    found = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if len(sentence) > 3 and code in analyze(sentence).codes:
            found.append(sentence)
    return found


def commitment_sentences(text: str) -> list[str]:
    """Return the sentences of ``text`` the engine codes ``commitment``, in order."""
    return sentences_with(text, "commitment")


def need_suggestions(statement_text: str) -> list[str]:
    """Return needs drawn from the hurt partner's statement, at most five.

    First the statement's own sentences the engine codes ``need`` ("I need to know I'm your
    person."), then the "I need ..." halves of the engine's reframes of the statement.
    """
    found: list[str] = sentences_with(statement_text, "need")
    for suggestion in reframe(statement_text):
        index = suggestion.find("I need")
        if index >= 0:
            need = suggestion[index:].strip()
            if need not in found:
                found.append(need)
    return found[:5]
