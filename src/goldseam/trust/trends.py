"""Follow check-in scores over time and point out, kindly, what changed beyond noise.

Two things are pointed out to both partners: a partner's reliable drop (or rise) in a construct
between their last two check-ins, and a gap between the partners that widened beyond noise
since their first check-ins. Everything else is left to the charts.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import fmean

from goldseam.trust.catalogue import say
from goldseam.trust.change import Norms, construct_label, gap_widened, rci, reliable
from goldseam.trust.checkins import TOTAL, CheckIn, instrument
from goldseam.trust.people import Couple


@dataclass(frozen=True)
class Point:
    """One score on a trend line: the check-in's local date and the construct's score."""

    day: date
    score: float


@dataclass(frozen=True)
class Series:
    """One partner's scores for one construct, oldest first."""

    person_id: str
    construct: str
    points: tuple[Point, ...]

    def slope_per_month(self) -> float | None:
        """Return the least-squares slope in points per 30 days, or ``None`` below 2 points."""
        if len(self.points) < 2:
            return None
        xs = [p.day.toordinal() for p in self.points]
        ys = [p.score for p in self.points]
        mx, my = fmean(xs), fmean(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        if sxx == 0:
            return None
        return 30.0 * sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


@dataclass(frozen=True)
class Notice:
    """Something worth saying to both partners, with the numbers behind it."""

    kind: str  # "reliable_drop", "reliable_rise" or "gap_widening"
    construct: str
    person_ids: tuple[str, ...]
    sentence: str
    index: float | None = None


def constructs() -> tuple[str, ...]:
    """Return the constructs charted and checked, then the total."""
    return instrument().constructs + (TOTAL,)


def series(couple: Couple, checkins: Iterable[CheckIn]) -> dict[tuple[str, str], Series]:
    """Return every partner's series per construct, keyed by ``(person_id, construct)``.

    Check-ins by anyone outside ``couple`` are refused with ``CheckInError``.
    """
    by_person: dict[str, list[CheckIn]] = {p.id: [] for p in couple.partners}
    for checkin in checkins:
        checkin.belongs_to(couple)
        by_person[checkin.person_id].append(checkin)
    result = {}
    for person in couple.partners:
        ordered = sorted(by_person[person.id], key=lambda c: c.at)
        for construct in constructs():
            points = tuple(Point(person.local_date(c.at), c.scores[construct]) for c in ordered)
            result[(person.id, construct)] = Series(person.id, construct, points)
    return result


def notices(
    couple: Couple, all_series: dict[tuple[str, str], Series], use_history: bool = True
) -> list[Notice]:
    """Return the reliable drops and rises and the widening gaps, kindly worded.

    With ``use_history``, each partner's own scores set the norms once there are enough.
    """
    found: list[Notice] = []
    for construct in constructs():
        norms_by_person = {}
        for person in couple.partners:
            line = all_series[(person.id, construct)]
            scores = [p.score for p in line.points]
            norms = Norms.from_history(scores) if use_history else Norms()
            norms_by_person[person.id] = norms
            if len(scores) < 2:
                continue
            index = rci(scores[-2], scores[-1], norms)
            if reliable(index):
                kind = "reliable_drop" if index < 0 else "reliable_rise"
                found.append(Notice(kind, construct, (person.id,), say(
                    f"checkin.{kind}", person=person.name, construct=construct_label(construct),
                    before=_fmt(scores[-2]), after=_fmt(scores[-1]),
                ), index))
        found.extend(_gap_notice(couple, all_series, construct, norms_by_person))
    return found


def _gap_notice(
    couple: Couple, all_series: dict[tuple[str, str], Series], construct: str,
    norms_by_person: dict[str, Norms],
) -> list[Notice]:
    a, b = couple.partners
    line_a, line_b = all_series[(a.id, construct)], all_series[(b.id, construct)]
    if len(line_a.points) < 2 or len(line_b.points) < 2:
        return []
    # The less precise of the two partners' norms, so a gap is only called when clear for both.
    norms = max(norms_by_person.values(), key=lambda n: n.standard_error)
    before = line_a.points[0].score - line_b.points[0].score
    after = line_a.points[-1].score - line_b.points[-1].score
    if not gap_widened(before, after, norms):
        return []
    return [Notice("gap_widening", construct, (a.id, b.id), say(
        "checkin.gap_widening", construct=construct_label(construct), person_a=a.name,
        score_a=_fmt(line_a.points[-1].score), person_b=b.name,
        score_b=_fmt(line_b.points[-1].score),
    ))]


#: Change from first to last score (1-7 scale) below which a trend is described as steady.
STEADY_WITHIN = 0.5


def describe(person_name: str, line: Series) -> str:
    """Return one plain sentence on how ``line`` moved from its first to its last score.

    For the couple's story (issue 8) and the therapist's view: it states the first and last
    scores and dates only, and leaves "reliable" to ``notices``.
    """
    label = construct_label(line.construct)
    if not line.points:
        return say("trend.none", person=person_name)
    first, last = line.points[0], line.points[-1]
    if len(line.points) == 1:
        return say("trend.single", person=person_name, construct=label, last=_fmt(last.score))
    change = last.score - first.score
    key = "steady" if abs(change) < STEADY_WITHIN else ("rose" if change > 0 else "fell")
    return say(
        f"trend.{key}", person=person_name, construct=label, first=_fmt(first.score),
        last=_fmt(last.score), since=first.day.strftime("%B %Y"), until=last.day.strftime("%B %Y"),
    )


def latest(line: Series) -> float | None:
    """Return the most recent score of ``line``, or ``None`` when empty."""
    return line.points[-1].score if line.points else None


def _fmt(value: float) -> str:
    return f"{value:.1f}"

