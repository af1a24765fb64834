"""Permission rows for the rebuild app, and the helpers that give the cast rebuild records.

Sophie owns a daily commitment (started three days ago, yesterday marked kept and waiting for
Emma) and a "whenever" commitment; the couple has a ritual. Therapists never use these pages
(they read through the therapist app), and Olivia, in another couple, gets 404 for any of
Sophie and Emma's records.
"""
from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from goldseam.web.rebuild import models as m

from . import Row, expect


def make_commitment(owner, couple, text="I'll text you when I leave work", cadence="daily",
                    days_ago=3):
    """Create a commitment by ``owner`` that started ``days_ago`` days ago (UTC dates)."""
    start = timezone.now().date() - timedelta(days=days_ago)
    row = m.Commitment.objects.create(owner=owner, couple=couple, shared_at=timezone.now())
    m.CommitmentVersion.objects.create(commitment=row, number=1, text=text, cadence=cadence,
                                       effective=start)
    return row


def mark_day(row, day, kept=True):
    """Record the owner's word on ``day`` as the ledger stores it."""
    return m.Occurrence.objects.create(
        commitment=row, key=f"{row.pk}:{day.isoformat()}:0", version=1, due=day,
        owner_kept=kept, owner_at=timezone.now(),
    )


def sophie_commitment(cast):
    """Return Sophie's daily commitment, creating it (with yesterday awaiting Emma) once."""
    if not hasattr(cast, "_commitment"):
        cast._commitment = make_commitment(cast.sophie, cast.couple)
        cast._awaiting = mark_day(cast._commitment, timezone.now().date() - timedelta(days=1))
    return cast._commitment


def sophie_event_commitment(cast):
    """Return Sophie's "whenever" commitment."""
    if not hasattr(cast, "_event"):
        cast._event = make_commitment(cast.sophie, cast.couple, "I'll tell you the same day",
                                      "whenever Jules contacts me")
    return cast._event


def couple_ritual(cast):
    """Return the couple's daily ten-minute talk."""
    if not hasattr(cast, "_ritual"):
        cast._ritual = m.Ritual.objects.create(couple=cast.couple, kind="daily_talk",
                                               cadence="daily", start=timezone.now().date(),
                                               chosen_by=cast.sophie)
    return cast._ritual


def _pk(make):
    return lambda c: {"pk": make(c).pk}


PAGE = {"partners": 200, "outsider": 200, "therapists": 403, "anon": 302}
ACTION = {"partners": 302, "outsider": 302, "therapists": 403, "anon": 302}
BAD_FORM = {"partners": 400, "outsider": 400, "therapists": 403, "anon": 302}
COUPLE_ACTION = {"partners": 302, "outsider": 404, "therapists": 403, "anon": 302}
COUPLE_PAGE = {"partners": 200, "outsider": 404, "therapists": 403, "anon": 302}
OWNER_ONLY = {"sophie": 302, "emma": 404, "outsider": 404, "therapists": 403, "anon": 302}


def _today(c):
    sophie_commitment(c)
    return {"day": timezone.now().date().isoformat(), "kept": "1"}


def _awaiting(c):
    sophie_commitment(c)
    return {"key": c._awaiting.key, "kept": "agree"}


ROWS = [
    Row("rebuild:home", "GET", expected=expect(**PAGE)),
    Row("rebuild:checkin", "GET", expected=expect(**PAGE)),
    Row("rebuild:checkin", "POST", expected=expect(**BAD_FORM), label="empty"),
    Row("rebuild:settings", "GET", expected=expect(**PAGE)),
    Row("rebuild:settings", "POST", expected=expect(**ACTION),
        data=lambda c: {"zone": "Europe/Paris", "every": "weekly"}),
    Row("rebuild:rituals", "GET", expected=expect(**PAGE)),
    Row("rebuild:rituals", "POST", expected=expect(**ACTION), data=lambda c: {"kind": "weekly_walk"}),
    Row("rebuild:ritual-done", "POST", _pk(couple_ritual), expect(**COUPLE_ACTION)),
    Row("rebuild:ritual-stop", "POST", _pk(couple_ritual), expect(**COUPLE_ACTION)),
    Row("rebuild:ledger", "GET", expected=expect(**PAGE)),
    Row("rebuild:commitment-new", "GET", expected=expect(**PAGE)),
    Row("rebuild:commitment-new", "POST", expected=expect(**ACTION),
        data=lambda c: {"text": "I'll call at lunch", "cadence": "weekdays",
                        "start": timezone.now().date().isoformat()}),
    Row("rebuild:commitment", "GET", _pk(sophie_commitment), expect(**COUPLE_PAGE)),
    # Emma reads Sophie's commitment but may not mark it: the ledger says why (400).
    Row("rebuild:mark", "POST", _pk(sophie_commitment),
        expect(**{**COUPLE_ACTION, "emma": 400}), data=_today),
    # Sophie may not confirm her own commitment: 400 with the ledger's sentence.
    Row("rebuild:confirm", "POST", _pk(sophie_commitment),
        expect(**{**COUPLE_ACTION, "sophie": 400}), data=_awaiting),
    Row("rebuild:log", "POST", _pk(sophie_event_commitment), expect(**COUPLE_ACTION),
        data=lambda c: {"kept": "1"}),
    Row("rebuild:renegotiate", "GET", _pk(sophie_commitment),
        expect(**{**OWNER_ONLY, "sophie": 200})),
    Row("rebuild:renegotiate", "POST", _pk(sophie_commitment), expect(**OWNER_ONLY),
        data=lambda c: {"text": "I'll text you when I leave", "cadence": "weekdays",
                        "start": timezone.now().date().isoformat()}),
    Row("rebuild:retire", "POST", _pk(sophie_commitment), expect(**OWNER_ONLY)),
]
