"""The person's own API tokens: list and revoke (tokens are made on the token page)."""
from __future__ import annotations

from django.http import Http404
from ninja import Router, Schema
from ninja.responses import Status

from goldseam.web.api.auth import need
from goldseam.web.api.models import ApiToken
from goldseam.web.api.routes.common import iso

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str
    hint: str
    scopes: list[str]
    created_at: str | None
    last_used_at: str | None
    active: bool


def _out(token: ApiToken) -> dict:
    return {"id": token.pk, "name": token.name, "hint": token.hint, "scopes": token.scopes,
            "created_at": iso(token.created_at), "last_used_at": iso(token.last_used_at),
            "active": token.is_active}


@router.get("/tokens", response=list[TokenOut])
def list_tokens(request):
    """Return the person's own tokens, live and revoked (never a secret)."""
    need(request, "read")
    return [_out(t) for t in ApiToken.objects.filter(user=request.user)]


@router.delete("/tokens/{int:pk}", response={204: None})
def revoke_token(request, pk: int):
    """Revoke one of the person's own tokens; a token needs the write scope to do so.

    A read-only token handed to an app must not be able to cut off the person's other apps.
    """
    need(request, "write")
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404
    token.revoke()
    return Status(204, None)
