"""Gather what a therapist sees of one couple: stage, markers, cycle pattern, trends, reliability.

Every record is read through ``goldseam.web.core.access`` (``readable_records``), so only the
kinds the couple put in the therapist's scope appear, and each read lands in the couple's audit
log. Safety answers are never read: only ``joint_work_state()`` ("paused") is shown. The journey
app is optional; without it, stage and markers come from the rebuild records alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.utils.safestring import mark_safe

from goldseam.trust.charts import Line, reliability_strip, trend_chart
from goldseam.trust.trends import describe
from goldseam.web.core.access import audit_read, readable_records, therapist_scope
from goldseam.web.core.wording import WORDS, say
from goldseam.web.rebuild.state import load

#: Journey milestones and the stage each one completes (stages of the product spec).
STAGE_AFTER = {"statement_shared": 2, "first_acknowledgment": 3, "felt_heard": 4}
#: The record kind each milestone speaks of. A milestone, and the stage it completes, reaches
#: the therapist only when the couple put that kind in the therapist's scope: that a statement
#: was shared or a partner felt heard is itself something the couple chooses to show.
MARKER_KIND = {
    "statement_shared": "injury_statement",
    "first_softening": "injury_statement",
    "first_acknowledgment": "acknowledgment",
    "felt_heard": "heard_answer",
}
#: Constructs drawn for the therapist: the total and felt safety, the two most telling.
THERAPIST_CHARTS = ("total", "safety")
#: The construct summed up in one sentence per partner ("the total" does not read as a feeling).
SUMMARY_CONSTRUCT = "trust"


@dataclass
class Overview:
    """One couple as their therapist sees it."""

    couple: object
    names: list[str]
    paused: bool
    stage: int | None
    stage_name: str
    markers: list[tuple[datetime, str]] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    trends: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    reliability: str = ""
    strip: str = ""
    commitments: list = field(default_factory=list)


def _journey_model(name: str):
    try:
        return apps.get_model("journey", name)
    except LookupError:
        return None


def _events(therapist, couple) -> list:
    """Return the couple's milestones whose record kind is in the therapist's scope."""
    model = _journey_model("JourneyEvent")
    if model is None:
        return []
    scope = therapist_scope(therapist, couple)
    kinds = [marker for marker, kind in MARKER_KIND.items() if kind in scope]
    return list(model.objects.filter(couple=couple, kind__in=kinds).select_related("actor"))


def _markers(events: list) -> list[tuple[datetime, str]]:
    found = []
    for event in events:
        key = f"event_{event.kind}"
        text = WORDS.get("journey", {}).get(key)
        name = str(event.actor) if event.actor else ""
        found.append((event.created_at, text.format(name=name) if text else event.kind))
    return found


def _patterns(therapist, couple) -> list[str]:
    """Return the cycle pattern of each injury whose two accounts are shared with the therapist."""
    model = _journey_model("CycleAccount")
    if model is None:
        return []
    from goldseam.web.journey.cyclemap import pattern_of

    by_injury: dict[int, list] = {}
    for account in readable_records(therapist, model.objects.filter(couple=couple)):
        by_injury.setdefault(account.injury_id, []).append(account)
    found = []
    for accounts in by_injury.values():
        if len(accounts) == 2:
            pattern = pattern_of(accounts[0].did, accounts[1].did)
            found.append(WORDS.get("journey", {}).get(f"pattern_{pattern}", pattern))
    return found


def _stage(couple, markers_kinds: set[str], has_rebuild: bool) -> int | None:
    reached = [STAGE_AFTER[k] for k in markers_kinds if k in STAGE_AFTER]
    if has_rebuild:
        reached.append(5)
    return max(reached) if reached else None


def overview(therapist, couple, now: datetime, *, detail: bool = False) -> Overview:
    """Return the therapist's picture of ``couple`` at ``now`` (charts only with ``detail``)."""
    audit_read(therapist, couple, "overview")
    partners = couple.partners()
    state = load(therapist, couple)
    events = _events(therapist, couple)
    stage = _stage(couple, {e.kind for e in events}, bool(state.commitments or state.checkins))
    stage_name = WORDS.get("journey", {}).get(f"stage_{stage}", "") if stage else ""
    result = Overview(
        couple, [str(p) for p in partners], couple.joint_work_state() == "paused", stage,
        stage_name or (say("therapist_view.stage_unknown") if stage is None else str(stage)),
    )
    board = state.dashboard(now, charts=False)
    lines = board.series
    for person in state.couple.partners:
        line = lines[(person.id, SUMMARY_CONSTRUCT)]
        if line.points:
            result.trends.append(describe(person.name, line))
    if state.commitments:
        result.reliability = board.ledger.words()
    if detail:
        result.markers = _markers(events)
        result.patterns = _patterns(therapist, couple)
        result.commitments = list(board.commitments)
        if state.checkins:
            for construct in THERAPIST_CHARTS:
                result.charts.append(mark_safe(trend_chart(construct, [
                    Line(p.name, lines[(p.id, construct)]) for p in state.couple.partners
                ], uid=f"t-{construct}")))
        if state.commitments:
            rows = [(v.text, v.estimate) for v in board.commitments if not v.retired]
            result.strip = mark_safe(reliability_strip(rows))
    return result
