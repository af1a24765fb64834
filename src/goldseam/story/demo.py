"""Give the demo couple's shared records, from which ``data/demo_story.md`` is drafted.

Sophie and Emma have been together six years; Sophie learned that Emma had been confiding in
an ex, Jules, about their problems. The records follow the web demo seed (goldseam.web.core.demo)
and add what the couple would have shared by the end of the journey. A few private records are
included on purpose: they must never reach the story. The numbers (outcomes, check-in scores)
are illustrative, written for the demo, not measured on anyone.
"""
from __future__ import annotations

from datetime import date, timedelta

from goldseam.story.draft import draft_story
from goldseam.story.records import (
    Acknowledgment,
    CommitmentRecord,
    CycleAccount,
    CyclePattern,
    HeardAnswer,
    InjuryStatement,
    Need,
    NeedResponse,
    Partner,
    RitualRecord,
    StoryRecords,
    Trend,
)
from goldseam.trust.reliability import Outcome

SOPHIE = Partner("sophie", "Sophie", ("she", "her", "her"))
EMMA = Partner("emma", "Emma", ("she", "her", "her"))
#: The day the demo story is drafted on; every demo date counts back from it.
DEMO_TODAY = date(2026, 6, 28)
#: Words Emma wrote but never shared: the drafter must leave them out.
PRIVATE_MARKER = "I keep rereading the messages at night"

_START = DEMO_TODAY - timedelta(weeks=16)


def _weekly(scores: list[float]) -> tuple[tuple[date, float], ...]:
    return tuple((_START + timedelta(weeks=i), s) for i, s in enumerate(scores))


def _daily(pattern: str, first: date) -> tuple[Outcome, ...]:
    # "1" kept, "0" missed, one character a day from ``first``.
    return tuple(Outcome(first + timedelta(days=i), c == "1") for i, c in enumerate(pattern))


def demo_records() -> StoryRecords:
    """Return the demo couple's records, shared and private, as of ``DEMO_TODAY``."""
    told = (_START + timedelta(days=d) for d in (9, 23, 41, 58, 77, 95, 104))
    return StoryRecords(
        partners=(SOPHIE, EMMA),
        hurt_id=SOPHIE.id,
        today=DEMO_TODAY,
        years_together=6,
        injuries=(
            InjuryStatement(
                SOPHIE.id,
                happened=(
                    "Last month I saw the messages between you and Jules. For months you had been "
                    "telling her about us: about our fights, about me."
                ),
                impact=(
                    "I felt shut out of my own relationship. I felt that the one person I "
                    "trusted most had a place to go that I did not know about, and that I was "
                    "the problem you talked about there.\n\nI need to understand why you went to "
                    "her instead of to me. I need to know I'm your person."
                ),
                shared=True,
            ),
            InjuryStatement(SOPHIE.id, "", PRIVATE_MARKER + ". I can't stop.", shared=False),
        ),
        cycle_accounts=(
            CycleAccount(
                SOPHIE.id, did="I asked question after question and checked your phone",
                felt="I felt scared and replaceable",
                feared="that I was losing you to someone who understood you better",
                longed="to know I'm still your person", shared=True,
            ),
            CycleAccount(
                EMMA.id, did="I went quiet and left the room",
                felt="ashamed, and so overwhelmed I couldn't think",
                feared="that anything I said would make it worse",
                longed="for us to talk without it turning into a fight", shared=True,
            ),
        ),
        cycle_patterns=(
            CyclePattern(
                "pursue-withdraw",
                "When Sophie asks questions, Emma goes quiet; when Emma goes quiet, Sophie feels "
                "replaceable and asks more.",
                shared=True,
            ),
        ),
        acknowledgments=(
            Acknowledgment(EMMA.id, 1, "I'm sorry you were hurt, but Jules was only someone to "
                           "vent to.", shared=True),
            Acknowledgment(
                EMMA.id, 2,
                "I went to Jules because I was afraid of our fights, and then I hid it from you. "
                "That was wrong, and it's on me. I can see how shut out and alone you felt, "
                "finding out that I had been talking about us to someone else. I'm so sorry. "
                "From now on, when something is hard between us, I will bring it to you.",
                shared=True,
            ),
        ),
        heard_answers=(
            HeardAnswer(SOPHIE.id, 1, False, "Why did you go to her instead of me?",
                        _START + timedelta(days=12), shared=True),
            HeardAnswer(SOPHIE.id, 2, True, "", _START + timedelta(days=19), shared=True),
        ),
        needs=(
            Need(SOPHIE.id, "I need to know I'm your person.", shared=True),
            Need(SOPHIE.id, "I need you to tell me when Jules gets in touch.", shared=True),
        ),
        responses=(
            NeedResponse(EMMA.id, "You are my person. I'm choosing us, every day.", shared=True),
        ),
        commitments=(
            CommitmentRecord(
                EMMA.id, "I'll tell you the same day whenever Jules contacts me.",
                tuple(Outcome(d, True) for d in told), shared=True,
            ),
            CommitmentRecord(
                EMMA.id, "When I need space in a fight, I'll say so and tell you when I'll be "
                "back, instead of leaving the room.",
                _daily("1101110111111011111111101111111111111111", DEMO_TODAY - timedelta(40)),
                shared=True,
            ),
        ),
        trends=(
            Trend(SOPHIE.id, "trust", _weekly([2.2, 2.4, 2.3, 2.9, 3.1, 3.0, 3.4, 3.6, 3.9, 3.8,
                                               4.2, 4.4, 4.5, 4.8, 4.9, 5.1, 5.3]), shared=True),
            Trend(EMMA.id, "trust", _weekly([4.6, 4.4, 4.8, 4.9, 5.0, 4.9, 5.2, 5.3, 5.3, 5.5,
                                             5.4, 5.6, 5.7, 5.6, 5.8, 5.9, 6.0]), shared=True),
            Trend(SOPHIE.id, "safety", _weekly([2.6, 2.5, 2.9, 3.0, 3.3, 3.2, 3.7, 3.9, 4.0, 4.1,
                                                4.4, 4.3, 4.6, 4.9, 5.0, 5.0, 5.2]), shared=False),
        ),
        rituals=(
            RitualRecord("A ten-minute talk every evening, phones away", 96, shared=True),
            RitualRecord("A walk together on Sunday mornings", 14, shared=True),
        ),
    )


def demo_markdown() -> str:
    """Return the demo couple's drafted story (what ``data/demo_story.md`` holds)."""
    return draft_story(demo_records()).to_markdown()


def main(argv: list[str] | None = None) -> int:
    """Print the demo story's Markdown, or with ``--pdf PATH`` write its PDF there."""
    import argparse

    from goldseam.story.chart import ChartLine
    from goldseam.story.export import pdf_export

    parser = argparse.ArgumentParser(prog="python -m goldseam.story.demo",
                                     description="Draft the demo couple's story.")
    parser.add_argument("--pdf", metavar="PATH", help="write the typeset PDF to PATH")
    args = parser.parse_args(argv)
    if args.pdf is None:
        print(demo_markdown(), end="")
        return 0
    records = demo_records()
    lines = [ChartLine(records.partner(t.person_id).name, t.points)
             for t in records.trends if t.shared and t.construct == "trust"]
    with open(args.pdf, "wb") as out:
        out.write(pdf_export(demo_markdown(), lines, DEMO_TODAY))
    return 0


if __name__ == "__main__":  # python -m goldseam.story.demo > src/goldseam/story/data/demo_story.md
    raise SystemExit(main())
