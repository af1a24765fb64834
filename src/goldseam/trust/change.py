"""Tell a real change in check-in scores from everyday ups and downs (Jacobson & Truax 1991).

The reliable change index is RCI = (x2 - x1) / S_diff with S_diff = sqrt(2) * SE and
SE = SD * sqrt(1 - r) (Jacobson, N. S. & Truax, P. 1991, Clinical significance: a statistical
approach to defining meaningful change in psychotherapy research, Journal of Consulting and
Clinical Psychology 59(1), 12-19). |RCI| > 1.96 is a change that measurement error alone would
produce less than 5% of the time.

Which SD and r: Goldseam's items are its own, so no published norms belong to them. The
defaults borrow the order of magnitude typical of short relationship scales rated 1-7 (spreads
of about 1 to 1.5 points between people; test-retest correlations around .7 to .85 over weeks)
and take SD = 1.2 and r = 0.80, which make a change of about 1.5 points reliable. Once a
partner has ``MIN_HISTORY`` check-ins, ``Norms.from_history`` uses their own: the SD of their
scores and the lag-1 correlation between successive check-ins as the test-retest reliability,
clamped to [0.5, 0.95] so that a short run of identical answers cannot claim perfect
reliability (and make every wobble "reliable") nor near-zero reliability (and hide a real drop).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean, pstdev, stdev

from goldseam.trust.catalogue import say

#: SD of a construct score between people, 1-7 scale; see the module docstring for why.
DEFAULT_SD = 1.2
#: Test-retest reliability of a construct score over a week; see the module docstring.
DEFAULT_RELIABILITY = 0.80
#: Two-sided 5% criterion of Jacobson & Truax.
CRITERION = 1.96
#: Check-ins a partner needs before their own history replaces the defaults.
MIN_HISTORY = 8
#: Bounds on a reliability estimated from a short personal history.
RELIABILITY_BOUNDS = (0.5, 0.95)
#: Smallest SD taken from history: a partner who always answers 5 still has rating error.
MIN_SD = 0.5


@dataclass(frozen=True)
class Norms:
    """The SD and reliability an RCI is computed with, and where they came from."""

    sd: float = DEFAULT_SD
    reliability: float = DEFAULT_RELIABILITY
    source: str = "defaults"

    @property
    def standard_error(self) -> float:
        """Return the standard error of measurement, SD * sqrt(1 - r)."""
        return self.sd * math.sqrt(1.0 - self.reliability)

    @property
    def s_diff(self) -> float:
        """Return the standard error of a difference between two scores."""
        return math.sqrt(2.0) * self.standard_error

    @classmethod
    def from_history(cls, scores: Sequence[float]) -> Norms:
        """Return norms estimated from one partner's successive scores, or the defaults.

        Needs ``MIN_HISTORY`` scores; the reliability is the lag-1 correlation, clamped.
        """
        if len(scores) < MIN_HISTORY:
            return cls()
        sd = max(stdev(scores), MIN_SD)
        r = _lag1_correlation(scores)
        low, high = RELIABILITY_BOUNDS
        return cls(sd, min(max(r, low), high), "history")


def _lag1_correlation(scores: Sequence[float]) -> float:
    first, second = scores[:-1], scores[1:]
    sx, sy = pstdev(first), pstdev(second)
    if sx == 0 or sy == 0:
        # No variation to correlate: take the upper bound (answers are as stable as they get).
        return RELIABILITY_BOUNDS[1]
    mx, my = fmean(first), fmean(second)
    cov = fmean((x - mx) * (y - my) for x, y in zip(first, second, strict=True))
    return cov / (sx * sy)


def rci(before: float, after: float, norms: Norms = Norms()) -> float:
    """Return the reliable change index from ``before`` to ``after`` (negative = a drop)."""
    return (after - before) / norms.s_diff


def reliable(index: float) -> bool:
    """Say whether an RCI is beyond the 5% criterion in either direction."""
    return abs(index) > CRITERION


def gap_widened(gap_before: float, gap_after: float, norms: Norms = Norms()) -> bool:
    """Say whether the absolute gap between two partners' scores grew more than noise.

    A gap is a difference of two scores, so its own error is sqrt(2) * SE, and a change in the
    gap has error 2 * SE; the same 1.96 criterion applies.
    """
    return abs(gap_after) - abs(gap_before) > CRITERION * 2.0 * norms.standard_error


def construct_label(construct: str) -> str:
    """Return the words people read for ``construct`` (e.g. ``"felt safety"``)."""
    return say(f"constructs.{construct}")
