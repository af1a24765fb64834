"""Gather everything a couple's trust dashboard shows, so a view only renders it.

One call computes per-commitment estimates and their words, disagreements, the overall and
ritual-inclusive consistency, check-in trends, notices, and the SVG charts.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from goldseam.trust.charts import Line, reliability_strip, trend_chart
from goldseam.trust.checkins import CheckIn
from goldseam.trust.commitments import Commitment, Disagreement
from goldseam.trust.people import Couple
from goldseam.trust.reliability import DEFAULT_HALF_LIFE_DAYS, Estimate, Outcome, estimate
from goldseam.trust.rituals import Ritual
from goldseam.trust.trends import Notice, Series, constructs, notices, series


@dataclass(frozen=True)
class CommitmentView:
    """What the dashboard says about one commitment."""

    id: str
    owner: str
    text: str
    cadence: str
    retired: bool
    estimate: Estimate
    words: str
    awaiting_partner: int
    unanswered: int
    disagreements: tuple[Disagreement, ...]


@dataclass(frozen=True)
class Dashboard:
    """Every number, sentence and chart of a couple's dashboard at one instant."""

    commitments: tuple[CommitmentView, ...]
    ledger: Estimate
    consistency: Estimate
    rituals: tuple[tuple[str, Estimate], ...]
    series: dict[tuple[str, str], Series]
    notices: tuple[Notice, ...]
    charts: dict[str, str] = field(default_factory=dict)


def build_dashboard(
    couple: Couple,
    now: datetime,
    commitments: Sequence[Commitment] = (),
    checkins: Iterable[CheckIn] = (),
    rituals: Sequence[Ritual] = (),
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
    charts: bool = True,
) -> Dashboard:
    """Return the dashboard of ``couple`` as it stands at ``now``.

    ``charts`` holds one trend chart per construct (keys are the construct names) and the
    reliability strip under ``"reliability"``.
    """
    today = max(p.local_date(now) for p in couple.partners)
    views, ledger_outcomes = [], []
    for commitment in commitments:
        recorded = commitment.recorded()
        outcomes = commitment.outcomes(recorded)
        ledger_outcomes.extend(outcomes)
        owner_today = commitment.today(now)
        est = estimate(outcomes, owner_today, half_life_days=half_life_days)
        # Past days nobody has spoken about: shown so that silence is not mistaken for keeping.
        unanswered = commitment.unanswered(owner_today)
        views.append(CommitmentView(
            commitment.id, commitment.owner.name, commitment.current.text,
            commitment.current.cadence.text, commitment.retired_on is not None, est, est.words(),
            len(commitment.awaiting_partner(recorded)), unanswered,
            tuple(commitment.disagreements(recorded)),
        ))
    ritual_rows = []
    ritual_outcomes: list[Outcome] = []
    for ritual in rituals:
        outcomes = ritual.outcomes(today)
        ritual_outcomes.extend(outcomes)
        ritual_rows.append((ritual.name, estimate(outcomes, today, half_life_days=half_life_days)))
    ledger = estimate(ledger_outcomes, today, half_life_days=half_life_days)
    consistency = estimate(
        ledger_outcomes + ritual_outcomes, today, half_life_days=half_life_days
    )
    lines = series(couple, checkins)
    found = tuple(notices(couple, lines))
    svgs: dict[str, str] = {}
    if charts:
        for construct in constructs():
            svgs[construct] = trend_chart(construct, [
                Line(p.name, lines[(p.id, construct)]) for p in couple.partners
            ], uid=f"trend-{construct}")
        rows = [(v.text, v.estimate) for v in views if not v.retired] + ritual_rows
        svgs["reliability"] = reliability_strip(rows)
    return Dashboard(
        tuple(views), ledger, consistency, tuple(ritual_rows), lines, found, svgs
    )
