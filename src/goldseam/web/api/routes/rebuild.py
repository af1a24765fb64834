"""Rebuilding: commitments with their entries, check-ins and the couple's trend lines."""
from __future__ import annotations

from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from goldseam import trust
from goldseam.trust.checkins import MAX_NEED_CHARS
from goldseam.trust.checkins import MAX_NOTE_CHARS as CHECKIN_NOTE_CHARS
from goldseam.trust.trends import series
from goldseam.web.api.auth import need
from goldseam.web.api.errors import ApiError
from goldseam.web.api.routes.common import RecordOut, iso, joint_gate, partner_couple, record_meta
from goldseam.web.core.access import get_record_for, readable_records
from goldseam.web.rebuild import bridge
from goldseam.web.rebuild import models as m

router = Router(tags=["rebuild"])
#: Ratings in one check-in: the instrument has about a dozen items; more is not a check-in.
MAX_RATINGS = 50


class OccurrenceOut(Schema):
    due: str
    slot: int
    owner_kept: bool | None
    partner_kept: bool | None


class CommitmentOut(RecordOut):
    text: str
    cadence: str
    retired_on: str | None
    occurrences: list[OccurrenceOut]


class CheckInIn(Schema):
    ratings: dict[str, int] = Field(..., max_length=MAX_RATINGS)
    need: str = Field(..., max_length=MAX_NEED_CHARS)
    note: str = Field("", max_length=CHECKIN_NOTE_CHARS)
    note_shared: bool = False


class CheckInOut(Schema):
    id: int
    mine: bool
    at: str | None
    ratings: dict[str, int]
    need: str
    note: str | None
    note_shared: bool


class TrendOut(Schema):
    person_id: int
    dimension: str
    points: list[tuple[str, float]]
    slope_per_month: float | None


def _commitment_out(row: m.Commitment, user, *, entries: bool) -> dict:
    version = row.versions.order_by("-number").first()
    occ = []
    if entries:
        occ = [{"due": o.due.isoformat(), "slot": o.slot, "owner_kept": o.owner_kept,
                "partner_kept": o.partner_kept} for o in row.occurrences.order_by("due", "slot")]
    return {**record_meta(row, user), "text": version.text if version else "",
            "cadence": version.cadence if version else "", "retired_on": iso(row.retired_on),
            "occurrences": occ}


def _checkin_out(row: m.CheckIn, user) -> dict:
    mine = row.owner_id == user.pk
    # The note is private unless its writer shared it: the same rule as the dashboard's.
    note = row.note if (mine or row.note_shared) and user.is_partner else None
    return {"id": row.pk, "mine": mine, "at": iso(row.at),
            "ratings": {k: int(v) for k, v in row.ratings.items()},
            "need": row.need, "note": note, "note_shared": row.note_shared}


@router.get("/commitments", response=list[CommitmentOut])
def list_commitments(request):
    """Return the commitments the person may read, with their current words (no entries)."""
    need(request, "read")
    joint_gate(request)
    rows = readable_records(request.user, m.Commitment.objects.all())
    return [_commitment_out(r, request.user, entries=False) for r in rows]


@router.get("/commitments/{int:pk}", response=CommitmentOut)
def get_commitment(request, pk: int):
    """Return one commitment with every entry (kept or not, by each partner's word)."""
    need(request, "read")
    joint_gate(request)
    row = get_record_for(request.user, m.Commitment, pk)
    return _commitment_out(row, request.user, entries=True)


@router.get("/checkins", response=list[CheckInOut])
def list_checkins(request):
    """Return the check-ins the person may read; private notes only to their writer."""
    need(request, "read")
    rows = readable_records(request.user, m.CheckIn.objects.all())
    return [_checkin_out(r, request.user) for r in rows]


@router.post("/checkins", response={201: CheckInOut})
def create_checkin(request, payload: CheckInIn):
    """Record the partner's check-in (open even while joint work is paused, as the page)."""
    need(request, "write")
    couple = partner_couple(request)
    try:
        made = trust.CheckIn.create(
            bridge.couple(couple), str(request.user.pk), timezone.now(), payload.ratings,
            payload.need, payload.note, payload.note_shared,
        )
    except trust.TrustError as error:
        raise ApiError(422, "trust", message=str(error)) from None
    row = m.CheckIn.objects.create(
        owner=request.user, couple=couple, at=made.at, ratings=dict(made.ratings),
        instrument_version=made.instrument_version, need=made.need, note=made.note,
        note_shared=made.note_shared, shared_at=made.at,
    )
    return Status(201, _checkin_out(row, request.user))


@router.get("/trends", response=list[TrendOut])
def trends(request):
    """Return each partner's score per construct over time, with the monthly slope."""
    need(request, "read")
    couple = partner_couple(request)
    lib_couple = bridge.couple(couple)
    rows = readable_records(request.user, m.CheckIn.objects.filter(couple=couple))
    lines = series(lib_couple, bridge.checkins(lib_couple, rows))
    return [{"person_id": int(line.person_id), "dimension": line.construct,
             "points": [(p.day.isoformat(), p.score) for p in line.points],
             "slope_per_month": line.slope_per_month()} for line in lines.values()]
