"""Say whether this process is alive (/healthz) and ready to serve (/readyz); answer 503 pages.

``/healthz`` touches nothing, so a supervisor restarts only a hung process. ``/readyz`` checks
the database and, where configured, Redis, so a load balancer stops sending requests to a
process that cannot serve them. When the database goes away mid-request, people get a clear
503 page (or the API's 503 error object) instead of a bare server error, and the next request
after it comes back works again: Django opens a fresh connection per request.
"""
from __future__ import annotations

import logging
import os
import sys
import time

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpResponse, JsonResponse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from goldseam.web.core.wording import say

log = logging.getLogger(__name__)

#: Seconds a readiness probe waits on Redis: a probe must answer faster than the balancer's
#: own timeout (usually 2-5 s).
REDIS_TIMEOUT_S = 1.0
#: Seconds a client should wait before trying again after a 503.
RETRY_AFTER_S = 30


def redis_urls() -> list[str]:
    """Return the Redis URLs this process depends on (cache, sessions, Celery broker)."""
    found = [getattr(settings, "REDIS_URL", "") or "",
             os.environ.get("CELERY_BROKER_URL", "")]
    return sorted({u for u in found if u.startswith(("redis://", "rediss://", "unix://"))})


def check_database() -> str:
    """Return "ok" when every configured database answers ``SELECT 1``, else the error type."""
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as exc:
            connections[alias].close()  # the next request opens a fresh one
            return type(exc).__name__
    return "ok"


def check_redis(url: str) -> str:
    """Return "ok" when Redis at ``url`` answers PING, else the error type."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=REDIS_TIMEOUT_S,
                                      socket_connect_timeout=REDIS_TIMEOUT_S)
        client.ping()
        client.close()
    except redis.RedisError as exc:
        return type(exc).__name__
    return "ok"


@never_cache
@require_safe
def healthz(request):
    """Answer 200 while the process can answer at all."""
    return JsonResponse({"status": "alive"})


@never_cache
@require_safe
def readyz(request):
    """Answer 200 when the database (and Redis, where configured) answer; else 503."""
    started = time.monotonic()
    checks = {"database": check_database()}
    for number, url in enumerate(redis_urls()):
        checks[f"redis{number or ''}"] = check_redis(url)
    ready = all(v == "ok" for v in checks.values())
    body = {"status": "ready" if ready else "unavailable", "checks": checks,
            "ms": round(1000 * (time.monotonic() - started), 1)}
    response = JsonResponse(body, status=200 if ready else 503)
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER_S)
    return response


def unavailable_response(request) -> HttpResponse:
    """Return the 503 answer for a request that lost the database: JSON for the API, else HTML.

    Rendered without templates' context processors, which would ask the database for the user.
    """
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": {"code": "unavailable",
                                           "message": say("api.e_unavailable")}}, status=503)
    else:
        html = format_html(
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>{}</title><link rel="stylesheet" href="{}goldseam/site.css"></head>'
            '<body><main id="main"><h1>{}</h1><p>{}</p></main></body></html>',
            say("errors.unavailable_title"), settings.STATIC_URL,
            say("errors.unavailable_title"), say("errors.unavailable"))
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_S)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with a clear message when a view loses the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # No reconnect here: Django closes unusable connections when the request finishes
        # (close_old_connections), and the next request opens a fresh one.
        if isinstance(exception, DatabaseError) and _is_outage(exception):
            log.error("database unavailable", extra={"error_type": type(exception).__name__,
                                                     "path": request.path})
            return unavailable_response(request)
        return None


def _is_outage(exc: DatabaseError) -> bool:
    # A lost or refused connection, or a full disk, is an outage; a constraint violation or a
    # bad query is a bug and must stay a 500 that someone looks at.
    from django.db import IntegrityError, ProgrammingError

    return not isinstance(exc, IntegrityError | ProgrammingError)


def server_error(request):
    """Answer 503 for an outage that escaped the views (e.g. saving the session), else 500."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DatabaseError) and _is_outage(exc):
        return unavailable_response(request)
    from django.views.defaults import server_error as default

    return default(request)
