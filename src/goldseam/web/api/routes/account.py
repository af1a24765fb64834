"""Who the request acts as, and the person's export."""
from __future__ import annotations

from ninja import Router, Schema

from goldseam.web.accounts.export import build_export
from goldseam.web.accounts.reauth import recently_reauthenticated
from goldseam.web.api.auth import need
from goldseam.web.api.errors import ApiError
from goldseam.web.core.access import couple_for

router = Router(tags=["account"])


class Me(Schema):
    id: int
    display_name: str
    role: str
    couple_id: int | None
    joint_work: str | None
    scopes: list[str]


@router.get("/me", response=Me)
def me(request):
    """Return the person the request acts as, their couple and the token's scopes."""
    need(request, "read")
    couple = couple_for(request.user)
    token = getattr(request, "api_token", None)
    from goldseam.web.api.models import SCOPES

    return {"id": request.user.pk, "display_name": request.user.display_name,
            "role": request.user.role, "couple_id": couple.pk if couple else None,
            "joint_work": couple.joint_work_state() if couple else None,
            "scopes": list(token.scopes) if token else list(SCOPES)}


@router.get("/export", response=dict)
def export(request):
    """Return everything the person owns, as the account page's export (format version 1).

    A page session must have re-entered the password in the last minutes, as on the page; a
    token needs the "export" scope, which the person granted with their password at hand.
    """
    need(request, "export")
    if getattr(request, "api_token", None) is None and not recently_reauthenticated(request):
        raise ApiError(403, "forbidden")
    return build_export(request.user)
