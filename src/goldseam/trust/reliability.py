"""Estimate how reliably commitments are kept, as a Beta-Bernoulli posterior with fading memory.

Each confirmed occurrence is a Bernoulli trial (kept or missed). Starting from a Beta(1, 1)
prior, the uniform prior that claims nothing about a couple before their first entry, each
trial adds its weight to alpha (kept) or beta (missed). The weight halves every
``half_life_days`` (30 by default) so that the last month speaks louder than the first, as it
should while trust is being rebuilt; with old evidence fading, a long silence drifts the estimate
back towards the prior and widens the range, which is honest.

The words never give a bare percentage: below ``TOO_EARLY_BELOW`` confirmed entries they say
"too early to tell" with the raw counts; above it, the recent counts and a central credible
interval (90% by default).
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from goldseam.trust.betamath import beta_ppf
from goldseam.trust.catalogue import say
from goldseam.trust.errors import TrustError

#: Beta(1, 1): uniform, the prior that assumes nothing before the first confirmed entry.
PRIOR = (1.0, 1.0)
#: Days after which an occurrence counts half as much as one confirmed today.
DEFAULT_HALF_LIFE_DAYS = 30.0
#: Probability mass of the credible interval shown in words and on the strip chart.
DEFAULT_LEVEL = 0.90
#: Fewer confirmed entries than this get "too early to tell" instead of a range: an interval
#: from four data points spans most of [0, 1] and reads as false precision.
TOO_EARLY_BELOW = 5
#: The "kept k of the last n times" sentence counts this many most recent entries.
RECENT_WINDOW = 12


@dataclass(frozen=True)
class Outcome:
    """One confirmed trial: on ``day``, the commitment (or ritual) was kept or not."""

    day: date
    kept: bool


@dataclass(frozen=True)
class Estimate:
    """Summarise a Beta posterior over the chance that the next occurrence is kept."""

    alpha: float
    beta: float
    mean: float
    low: float
    high: float
    level: float
    kept: int
    total: int
    recent_kept: int
    recent_total: int

    @property
    def too_early(self) -> bool:
        """Say whether there are too few entries to show a range."""
        return self.total < TOO_EARLY_BELOW

    def words(self) -> str:
        """Return the estimate in plain words, never as a bare percentage."""
        if self.total == 0:
            return say("reliability.none_yet")
        if self.too_early:
            return say("reliability.too_early", kept=self.kept, total=self.total)
        return say(
            "reliability.range",
            recent_kept=self.recent_kept,
            recent_total=self.recent_total,
            # Rounding outwards keeps the shown range at least as wide as the computed one.
            low=math.floor(self.low * 100),
            high=math.ceil(self.high * 100),
        )


def weight(age_days: float, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> float:
    """Return the weight of an entry ``age_days`` old: 1 today, 1/2 after one half-life."""
    if not half_life_days > 0:
        raise TrustError("errors.half_life", field="half_life_days")
    return 0.5 ** (max(age_days, 0.0) / half_life_days)


def estimate(
    outcomes: Iterable[Outcome],
    today: date,
    *,
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
    level: float = DEFAULT_LEVEL,
    prior: tuple[float, float] = PRIOR,
) -> Estimate:
    """Return the weighted Beta posterior for ``outcomes`` as seen on ``today``.

    Entries dated after ``today`` count with full weight (they cannot be older than now).
    """
    if not half_life_days > 0:
        raise TrustError("errors.half_life", field="half_life_days")
    ordered = sorted(outcomes, key=lambda o: o.day)
    alpha, beta = prior
    # Same as weight() per entry, with the logarithm taken once: a year of daily entries for
    # twenty commitments is 7,000 terms per dashboard.
    decay = math.log(0.5) / half_life_days
    for outcome in ordered:
        w = math.exp(decay * max((today - outcome.day).days, 0))
        if outcome.kept:
            alpha += w
        else:
            beta += w
    recent = ordered[-RECENT_WINDOW:]
    tail = (1.0 - level) / 2.0
    return Estimate(
        alpha=alpha,
        beta=beta,
        mean=alpha / (alpha + beta),
        low=beta_ppf(tail, alpha, beta),
        high=beta_ppf(1.0 - tail, alpha, beta),
        level=level,
        kept=sum(o.kept for o in ordered),
        total=len(ordered),
        recent_kept=sum(o.kept for o in recent),
        recent_total=len(recent),
    )
