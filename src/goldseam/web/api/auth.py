"""Authenticate API requests (bearer token or the page session) and check a token's scopes.

Who the request acts as is all this module decides. What that person may read or write is
decided by ``goldseam.web.core.access``, exactly as for the pages.
"""
from __future__ import annotations

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from goldseam.web.api.errors import ApiError
from goldseam.web.api.models import ApiToken

#: Writing ``last_used_at`` on every request would turn each read into a write; once a minute
#: is enough to tell a person which token is in use.
LAST_USED_RESOLUTION_S = 60


class TokenAuth(HttpBearer):
    """Accept ``Authorization: Bearer gs_...`` for a live token of an active person."""

    def authenticate(self, request, token: str):
        found = ApiToken.find(token)
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or (
            (now - found.last_used_at).total_seconds() > LAST_USED_RESOLUTION_S
        ):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.api_token = found
        request.user = found.user
        return found.user


class PageSession(SessionAuth):
    """Accept the signed-in page session (CSRF-checked for writes); it carries every scope."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            request.api_token = None
        return user


def need(request, scope: str) -> None:
    """Refuse (403, code "scope") a token that lacks ``scope``; a page session has them all."""
    token = getattr(request, "api_token", None)
    if token is not None and not token.allows(scope):
        raise ApiError(403, "scope", scope=scope)


AUTH = [TokenAuth(), PageSession()]
