"""Turn every failure into one error object: ``{"error": {"code", "message", "fields"?}}``.

Clients branch on ``code`` (stable), show ``message`` (from the catalogue), and find field
problems under ``fields``. A 404 never says whether the record exists for someone else.
"""
from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import DatabaseError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.errors import Throttled as NinjaThrottled

from goldseam.web.core.wording import say

log = logging.getLogger(__name__)


class ApiError(Exception):
    """Raise to answer ``status`` with the catalogue's ``api.e_<code>`` message."""

    def __init__(self, status: int, code: str, **fmt):
        super().__init__(code)
        self.status, self.code, self.fmt = status, code, fmt


def body(code: str, message: str | None = None, **extra) -> dict:
    """Return the error object for ``code`` with its catalogue message."""
    return {"error": {"code": code, "message": message or say(f"api.e_{code}"), **extra}}


def _fields(exc: ValidationError) -> list[dict]:
    # Only where and what kind of problem: never echo the value, which may be a partner's text.
    out = []
    for item in exc.errors:
        loc = [str(p) for p in item.get("loc", ())]
        # ninja prefixes where the value came from and the parameter's name: ("body", "payload")
        if len(loc) > 2 and loc[0] in ("body", "query", "path"):
            loc = loc[2:]
        out.append({"field": ".".join(loc), "problem": item.get("type", "invalid")})
    return out


def install(api) -> None:
    """Attach the handlers that give every failure of ``api`` the same error object."""

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        message = say(f"api.e_{exc.code}", **exc.fmt) if exc.fmt else None
        return api.create_response(request, body(exc.code, message), status=exc.status)

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        return api.create_response(request, body("invalid", fields=_fields(exc)), status=422)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        response = api.create_response(request, body("unauthorized"), status=401)
        response["WWW-Authenticate"] = 'Bearer realm="goldseam"'
        return response

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, body("not_found"), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, body("forbidden"), status=403)

    @api.exception_handler(NinjaThrottled)
    def throttled(request, exc: NinjaThrottled):
        response = api.create_response(request, body("rate_limited"), status=429)
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        code = {400: "invalid", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "not_allowed", 429: "rate_limited"}.get(exc.status_code, "server")
        return api.create_response(request, body(code), status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        return api.create_response(request, body("too_large"), status=413)

    @api.exception_handler(DatabaseError)
    def database_down(request, exc):
        log.error("api database error", extra={"error_type": type(exc).__name__})
        return api.create_response(request, body("unavailable"), status=503)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        # The type only: an exception's message may quote what a partner wrote.
        log.error("api error", extra={"error_type": type(exc).__name__,
                                      "path": request.path}, exc_info=False)
        return api.create_response(request, body("server"), status=500)
