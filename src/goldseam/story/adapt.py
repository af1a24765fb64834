"""Retell a partner's short first-person phrase in the third person, or say that it cannot.

"I asked question after question and checked your phone", said by Sophie to Emma, becomes
"Sophie asked question after question and checked Emma's phone". Only phrases the word lists in
``data/adapt.toml`` can read are retold; ``retell`` returns ``None`` for anything else, and the
drafter then quotes the partner verbatim instead of guessing at their meaning.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from goldseam.story.records import Partner

_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\s+|[^A-Za-z\s]")
#: Contractions of "I" and "you": (auxiliary spelled out after a name, suffix after a pronoun).
_I_FORMS = {"i'm": ("is", "'s"), "i've": ("has", "'s"), "i'd": ("would", "'d"),
            "i'll": ("will", "'ll")}
_THEY_FORMS = {"i'm": "'re", "i've": "'ve", "i'd": "'d", "i'll": "'ll"}
_YOU_FORMS = {"you're": "is", "you've": "has", "you'd": "would", "you'll": "will"}
_YOU_PAST = {"were": "was", "weren't": "wasn't", "are": "is", "aren't": "isn't"}
_THEY_PAST = {"was": "were", "wasn't": "weren't", "am": "are"}


@cache
def _lists() -> dict[str, Any]:
    raw = resources.files("goldseam.story").joinpath("data/adapt.toml").read_text("utf-8")
    return tomllib.loads(raw)


def strip_stem(text: str, step: str) -> tuple[str, bool]:
    """Return ``text`` without the opening the guided ``step`` implies, and whether one was cut.

    ``step`` is ``"felt"``, ``"feared"``, ``"longed"`` or ``"did"``; for "felt", "I felt scared"
    gives ``("scared", True)``.
    """
    clean = " ".join(text.replace("\u2019", "'").split()).rstrip(".!")
    lower = clean.lower()
    for stem in _lists()["stems"].get(step, []):
        if lower.startswith(stem) and (len(lower) == len(stem) or not lower[len(stem)].isalpha()):
            rest = clean[len(stem):].lstrip(" ,:")
            if rest:
                return rest, True
    return clean, False


def _third_singular(verb: str) -> str:
    lists = _lists()["verbs"]
    lower = verb.lower()
    if lower in lists["third_singular"]:
        return lists["third_singular"][lower]
    # "-ed" marks a past tense, except in "-eed" verbs such as "need" that are present.
    past = lower.endswith("ed") and not lower.endswith("eed")
    if lower in lists["past"] or past or not lower.isalpha():
        return verb
    if lower.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if len(lower) > 1 and lower.endswith("y") and lower[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _conjugate(verb: str, source: str, plural: bool) -> str:
    """Return ``verb`` agreeing with its new subject (source "i" or "you"; plural for "they")."""
    lower = verb.lower()
    if plural:
        return _THEY_PAST.get(lower, verb) if source == "i" else verb
    if source == "you" and lower in _YOU_PAST:
        return _YOU_PAST[lower]
    return _third_singular(verb)


def retell(phrase: str, speaker: Partner, other: Partner, lead_with_name: bool = False) -> str | None:
    """Return ``phrase`` (said by ``speaker`` to ``other``) in the third person, or ``None``.

    "I" becomes the speaker's pronoun (their name first when ``lead_with_name``), "you" the
    other's name, and each verb after a moved subject agrees with it. ``None`` means the phrase
    holds a form the lists cannot retell safely ("mine").
    """
    lists = _lists()
    subject_after = set(lists["subject_after"]["words"])
    adverbs = set(lists["verbs"]["adverbs"])
    subj, obj, poss = speaker.pronouns
    plural = subj.lower() == "they"
    tokens = _TOKEN.findall(phrase.replace("\u2019", "'").strip().rstrip(".!"))
    out: list[str] = []
    named = not lead_with_name
    # (source, plural, certainly a subject) of a moved subject still waiting for its verb
    pending: tuple[str, bool, bool] | None = None
    other_named = False
    previous: str | None = None
    for token in tokens:
        lower = token.lower()
        if token.isspace():
            out.append(token)
            continue
        if pending and lower in adverbs:
            out.append(token)
            continue
        if pending and re.fullmatch(r"[a-z']+", lower):
            source, they, subject = pending
            pending = None
            # After an object "you" ("scared you were leaving") only a "to be" form shows it is
            # a subject after all; any other word is left alone.
            if subject or lower in _YOU_PAST:
                out.append(_conjugate(token, source, they))
                previous = lower
                continue
        pending = None
        is_subject = previous is None or previous in subject_after or not previous.isalpha()
        if lower == "i":
            out.append(subj if named else speaker.name)
            pending = ("i", plural and named, True)
            named = True
        elif lower in _I_FORMS:
            if not named:
                out.append(f"{speaker.name} {_I_FORMS[lower][0]}")
                named = True
            else:
                out.append(subj + (_THEY_FORMS[lower] if plural else _I_FORMS[lower][1]))
        elif lower in ("me", "my", "myself"):
            reflexive = lists["reflexive"].get(subj.lower())
            if lower == "myself" and reflexive is None:
                return None
            out.append({"me": obj, "my": poss, "myself": reflexive}[lower])
        elif lower == "mine":
            return None
        elif lower == "you":
            out.append(other.name)
            other_named = True
            pending = ("you", False, is_subject)
        elif lower in _YOU_FORMS:
            out.append(f"{other.name} {_YOU_FORMS[lower]}")
            other_named = True
        elif lower == "your" and other_named:
            out.append(other.pronouns[2])
        elif lower in ("your", "yours"):
            out.append(f"{other.name}'s")
            other_named = True
        elif lower == "yourself":
            reflexive = lists["reflexive"].get(other.pronouns[0].lower())
            if reflexive is None:
                return None
            out.append(reflexive)
        else:
            out.append(token)
        previous = lower
    return "".join(out).strip()
