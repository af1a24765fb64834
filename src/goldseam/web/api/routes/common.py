"""Helpers every API route shares: the couple checks of the pages, as API errors."""
from __future__ import annotations

from ninja import Schema

from goldseam.web.api.errors import ApiError
from goldseam.web.core.access import couple_for


class RecordOut(Schema):
    """The plain facts of every partner record, as ``record_meta`` gives them."""

    id: int
    kind: str
    mine: bool
    shared: bool
    shared_at: str | None
    created_at: str | None
    updated_at: str | None


def partner_couple(request):
    """Return the signed-in partner's couple; refuse therapists (403) and the uncoupled (409)."""
    if not request.user.is_partner:
        raise ApiError(403, "forbidden")
    couple = couple_for(request.user)
    if couple is None:
        raise ApiError(409, "not_in_couple")
    return couple


def joint_couple(request):
    """Return the partner's couple while joint work is open, as ``require_joint_work_allowed``."""
    couple = partner_couple(request)
    if couple.joint_work_state() != "open":
        raise ApiError(409, "paused")
    return couple


def joint_gate(request) -> None:
    """Refuse (409 "paused") a partner whose couple's joint work is not open; pass therapists.

    Every route that reads or writes joint work calls this first, so the API holds the safety
    pause exactly where the pages' ``require_joint_work_allowed`` does. A therapist's reads stay
    governed by ``readable_records`` (an active, consented link), as on their pages.
    """
    if request.user.is_partner:
        joint_couple(request)


def iso(value) -> str | None:
    """Return ``value`` as ISO 8601, or None."""
    return value.isoformat() if value is not None else None


def record_meta(record, user) -> dict:
    """Return the plain facts every record carries, and whether ``user`` owns it."""
    return {"id": record.pk, "kind": record.kind, "mine": record.owner_id == user.pk,
            "shared": record.shared_at is not None, "shared_at": iso(record.shared_at),
            "created_at": iso(record.created_at), "updated_at": iso(record.updated_at)}
