"""Define the private safety check asked before joint work, and decide when it raises concern.

The questions are Goldseam's own wording (in the wording catalogue). They cover the constructs that published screening
practice asks about, without reproducing any instrument's items:

- physical harm, insults, threats and screaming: the four constructs of HITS (Sherin et al.,
  "HITS: a short domestic violence screening tool for use in a family practice setting",
  Family Medicine 30(7), 1998);
- tension, fear and how arguments end: the constructs of the Woman Abuse Screening Tool
  (Brown et al., Canadian Family Physician 42, 1996);
- coercive control, stalking, sexual violence and psychological aggression: the CDC's
  definitions in "Intimate Partner Violence Surveillance: Uniform Definitions and Recommended
  Data Elements, Version 2.0" (Breiding et al., 2015);
- asking privately, apart from the partner, and offering support without pressure: WHO,
  "Responding to intimate partner violence and sexual violence against women: WHO clinical
  and policy guidelines" (2013) and its LIVES first-line support;
- an ongoing outside relationship as a reason to pause injury repair: Johnson, S. M.,
  "The Practice of Emotionally Focused Couple Therapy" (2nd ed., 2004), on contraindications.

Any "yes", and "not sure" on a question about harm, raises concern: the check exists to avoid
putting a frightened person into joint exercises, so doubt counts as concern.
"""
from __future__ import annotations

from dataclasses import dataclass

from goldseam.web.core.wording import WORDS

YES, NO, UNSURE = "yes", "no", "unsure"
ANSWERS = (YES, NO, UNSURE)


@dataclass(frozen=True)
class Question:
    """One safety question: its key, which answers raise concern, and its topic.

    Its text lives in the wording catalogue, ``WORDS["safety_questions"][key]``.
    """

    key: str
    concern_on: tuple[str, ...] = (YES, UNSURE)
    topic: str = "harm"

    @property
    def text(self) -> str:
        return WORDS["safety_questions"][self.key]


QUESTIONS: tuple[Question, ...] = (
    Question("afraid"),
    Question("hurt"),
    Question("threats"),
    Question("control"),
    Question("sex"),
    Question("watched"),
    Question("ongoing", concern_on=(YES,), topic="affair"),
)
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)


def concern_topics(answers: dict[str, str]) -> set[str]:
    """Return the topics ("harm", "affair") on which ``answers`` raise concern."""
    return {q.topic for q in QUESTIONS if answers.get(q.key) in q.concern_on}


def validate(answers: dict[str, str]) -> None:
    """Raise ValueError unless every question has one of the allowed answers."""
    missing = [k for k in QUESTION_KEYS if answers.get(k) not in ANSWERS]
    if missing or set(answers) - set(QUESTION_KEYS):
        raise ValueError(f"unanswered or unknown questions: {missing or sorted(answers)}")
