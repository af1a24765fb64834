"""The journey: injuries, and the hurt partner's statement (draft, autosave, share, unshare).

Partners reach these only while joint work is open, as on the pages; statements of any
injury are listed through ``readable_records`` for everyone, therapists included (in scope).
"""
from __future__ import annotations

from django.http import Http404
from ninja import Field, Router, Schema

from goldseam.web.api.auth import need
from goldseam.web.api.errors import ApiError
from goldseam.web.api.routes.common import RecordOut, iso, joint_couple, joint_gate, record_meta
from goldseam.web.core.access import get_record_for, readable_records
from goldseam.web.journey.models import PART_MAX, Injury, JourneyEvent, Statement
from goldseam.web.journey.views.common import note_hurt_words

router = Router(tags=["journey"])


class InjuryOut(Schema):
    id: int
    title: str
    hurt_partner_id: int
    created_at: str | None
    statement_id: int | None


class StatementIn(Schema):
    what_happened: str = Field("", max_length=PART_MAX)
    impact: str = Field("", max_length=PART_MAX)


class StatementOut(RecordOut):
    injury_id: int
    what_happened: str
    impact: str


def _statement_out(record: Statement, user) -> dict:
    return {**record_meta(record, user), "injury_id": record.injury_id,
            "what_happened": record.what_happened, "impact": record.impact}


def _injury(request, pk: int) -> Injury:
    couple = joint_couple(request)
    injury = Injury.objects.filter(pk=pk, couple=couple).select_related("hurt_partner").first()
    if injury is None:
        raise Http404
    return injury


def _visible_statement(user, injury: Injury) -> Statement | None:
    return readable_records(user, Statement.objects.filter(injury=injury), audit=False).first()


@router.get("/injuries", response=list[InjuryOut])
def list_injuries(request):
    """Return the couple's injuries, each with the statement the person may read, if any."""
    need(request, "read")
    couple = joint_couple(request)
    out = []
    for injury in Injury.objects.filter(couple=couple).order_by("created_at", "pk"):
        seen = _visible_statement(request.user, injury)
        out.append({"id": injury.pk, "title": injury.title,
                    "hurt_partner_id": injury.hurt_partner_id,
                    "created_at": iso(injury.created_at),
                    "statement_id": seen.pk if seen else None})
    return out


@router.get("/statements", response=list[StatementOut])
def list_statements(request):
    """Return every statement the person may read (a therapist: shared and in scope)."""
    need(request, "read")
    joint_gate(request)
    rows = readable_records(request.user, Statement.objects.all())
    return [_statement_out(s, request.user) for s in rows]


@router.get("/statements/{int:pk}", response=StatementOut)
def get_statement(request, pk: int):
    """Return one statement the person may read; 404 otherwise."""
    need(request, "read")
    joint_gate(request)
    return _statement_out(get_record_for(request.user, Statement, pk), request.user)


@router.put("/injuries/{int:pk}/statement", response=StatementOut)
def save_statement(request, pk: int, payload: StatementIn):
    """Save (autosave) the hurt partner's statement draft; sharing stays as it was."""
    need(request, "write")
    injury = _injury(request, pk)
    if not injury.is_hurt(request.user):
        raise ApiError(403, "only_hurt")
    record = Statement.objects.filter(injury=injury, owner=request.user).first() or Statement(
        owner=request.user, couple=injury.couple, injury=injury)
    record.what_happened, record.impact = payload.what_happened, payload.impact
    record.save()
    note_hurt_words(injury, request.user, record.text)
    return _statement_out(record, request.user)


@router.post("/statements/{int:pk}/share", response=StatementOut)
def share_statement(request, pk: int):
    """Share the hurt partner's own statement once both parts are written."""
    need(request, "write")
    joint_couple(request)
    record = get_record_for(request.user, Statement, pk, write=True)
    if not (record.what_happened.strip() and record.impact.strip()):
        raise ApiError(409, "share_empty")
    record.share()
    JourneyEvent.mark(record.injury, "statement_shared", request.user)
    return _statement_out(record, request.user)


@router.post("/statements/{int:pk}/unshare", response=StatementOut)
def unshare_statement(request, pk: int):
    """Withdraw the hurt partner's own statement into their private space."""
    need(request, "write")
    joint_couple(request)
    record = get_record_for(request.user, Statement, pk, write=True)
    record.unshare()
    return _statement_out(record, request.user)
