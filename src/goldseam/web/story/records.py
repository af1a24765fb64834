"""Gather what the couple shared into the story library's records, in one place.

Only records their author shared reach the story, whoever asks: the story is a joint text both
partners read, so one partner's private draft must not reach it even when that partner is the
one drafting. Records are read through ``readable_records``; the journey and rebuild apps are
optional, so each part is read only when its app is installed.
"""
from __future__ import annotations

from datetime import date

from django.apps import apps
from django.utils import timezone

from goldseam.story import records as lib
from goldseam.story.chart import ChartLine
from goldseam.trust.reliability import Outcome
from goldseam.web.core.access import readable_records

#: Pronouns the story uses for a partner; accounts do not record them, so the neutral forms.
PRONOUNS = ("they", "them", "their")


def _shared(user, model, couple, sources: list[str] | None = None) -> list:
    rows = list(readable_records(user, model.objects.all(), audit=False).filter(
        couple=couple, shared_at__isnull=False))
    if sources is not None:
        sources.extend(source_key(row) for row in rows)
    return rows


def source_key(row) -> str:
    """Return the key naming one source record, e.g. ``"journey.statement:12"``."""
    return f"{row._meta.label_lower}:{row.pk}"


def withdrawn(keys: list[str]) -> int:
    """Return how many of the source records ``keys`` are no longer shared (or no longer exist)."""
    by_model: dict[str, set[int]] = {}
    for key in keys:
        label, _, pk = key.partition(":")
        if pk.isdigit():
            by_model.setdefault(label, set()).add(int(pk))
    gone = 0
    for label, pks in by_model.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            gone += len(pks)  # the app is gone: its records cannot be checked, so count them
            continue
        still = model.objects.filter(pk__in=pks, shared_at__isnull=False).count()
        gone += len(pks) - still
    return gone


def gather(user, couple, today: date | None = None,
           sources: list[str] | None = None) -> lib.StoryRecords:
    """Return the shared records of ``couple`` that ``user`` (a partner in it) may read.

    ``sources``, when given, receives a ``"app_label.model:pk"`` key for every record used.
    """
    partners = couple.partners()
    people = tuple(lib.Partner(str(p.pk), str(p), PRONOUNS) for p in partners)
    if len(people) < 2:
        raise ValueError("a story needs both partners in the couple")
    hurt = couple.hurt_partner() or partners[0]
    parts: dict = {}
    if apps.is_installed("goldseam.web.journey"):
        parts.update(_journey(user, couple, sources))
    if apps.is_installed("goldseam.web.rebuild"):
        parts.update(_rebuild(user, couple, sources))
    return lib.StoryRecords(partners=(people[0], people[1]), hurt_id=str(hurt.pk),
                            today=today or timezone.localdate(), **parts)


def _journey(user, couple, sources) -> dict:
    from goldseam.web.journey import models as j

    statements = sorted(_shared(user, j.Statement, couple, sources), key=lambda r: r.created_at)
    accounts = sorted(_shared(user, j.CycleAccount, couple, sources),
                      key=lambda r: r.created_at)
    responses = sorted(_shared(user, j.Response, couple, sources),
                       key=lambda r: (r.injury_id, r.number))
    answers = _shared(user, j.HeardAnswer, couple, sources)
    needs = sorted(_shared(user, j.Need, couple, sources), key=lambda r: r.created_at)
    need_responses = sorted(_shared(user, j.NeedResponse, couple, sources),
                            key=lambda r: r.created_at)
    return {
        "injuries": tuple(lib.InjuryStatement(str(s.owner_id), s.what_happened, s.impact, True)
                          for s in statements),
        "cycle_accounts": tuple(lib.CycleAccount(str(a.owner_id), a.did, a.felt, a.feared,
                                                 a.longed, True) for a in accounts),
        "cycle_patterns": _patterns(accounts),
        "acknowledgments": tuple(lib.Acknowledgment(str(r.owner_id), r.number, r.text, True)
                                 for r in responses if r.text.strip()),
        "heard_answers": tuple(lib.HeardAnswer(str(a.owner_id), a.response.number, a.felt_heard,
                                               a.question, a.created_at.date(), True)
                               for a in answers),
        "needs": tuple(lib.Need(str(n.owner_id), n.text, True) for n in needs),
        "responses": tuple(lib.NeedResponse(str(r.owner_id), r.text, True)
                           for r in need_responses),
    }


def _patterns(accounts) -> tuple[lib.CyclePattern, ...]:
    """Name the cycle of each injury where both partners shared an account.

    Only the pattern's name is passed: the story retells each partner's account itself, so the
    map's sentences (written for the picture, with the partners' raw phrases) would repeat it.
    """
    from goldseam.web.journey.cyclemap import pattern_of

    found = []
    for injury_id in dict.fromkeys(a.injury_id for a in accounts):
        pair = [a for a in accounts if a.injury_id == injury_id]
        owners = {a.owner_id for a in pair}
        if len(owners) < 2:
            continue
        first = {}
        for account in pair:
            first.setdefault(account.owner_id, account)
        a, b = list(first.values())[:2]
        found.append(lib.CyclePattern(pattern_of(a.did, b.did), "", True))
    return tuple(found)


def _rebuild(user, couple, sources) -> dict:
    from goldseam import trust
    from goldseam.trust.trends import series
    from goldseam.web.rebuild import bridge
    from goldseam.web.rebuild import models as r

    lib_couple = bridge.couple(couple)
    rows = sorted(_shared(user, r.Commitment, couple, sources), key=lambda x: (x.created_at, x.pk))
    commitments = []
    for row, c in zip(rows, bridge.commitments(lib_couple, rows), strict=True):
        outcomes = tuple(Outcome(o.day, o.kept) for o in c.outcomes())
        commitments.append(lib.CommitmentRecord(c.owner.id, c.current.text, outcomes,
                                                row.retired_on is not None, True))
    shared_checkins = _shared(user, r.CheckIn, couple, sources)
    checkins = bridge.checkins(lib_couple, r.CheckIn.objects.filter(
        pk__in=[c.pk for c in shared_checkins]))
    trends = tuple(
        lib.Trend(person_id, construct, tuple((p.day, p.score) for p in line.points), True)
        for (person_id, construct), line in series(lib_couple, checkins).items() if line.points
    )
    rituals = []
    for ritual in r.Ritual.objects.filter(couple=couple).order_by("created_at"):
        # Rituals belong to the couple (no private draft exists), so they count as shared.
        name = trust.rituals.ritual_kind(ritual.kind).name
        rituals.append(lib.RitualRecord(name, ritual.done_days.count(), True))
    return {"commitments": tuple(commitments), "trends": trends, "rituals": tuple(rituals)}


def chart_lines(records: lib.StoryRecords) -> list[ChartLine]:
    """Return the partners' shared trust scores for the PDF's trust chart."""
    return [ChartLine(records.partner(t.person_id).name, t.points)
            for t in records.trends if t.shared and t.construct == "trust"]
