"""Limit each person's API requests per minute through Django's cache (Redis on a server).

The cache is shared by every web process where Redis is configured, so the limit holds across
machines; on a laptop the local-memory cache limits each process, which is enough there.
"""
from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

#: Requests per person per minute. A client syncing a couple's records needs a few dozen; a
#: runaway loop gets stopped long before it troubles the database. ``API_RATE_PER_MINUTE`` in
#: Django settings overrides it (tests raise it; a practice may tune it).
DEFAULT_RATE_PER_MINUTE = 600


class PersonThrottle(BaseThrottle):
    """Allow ``API_RATE_PER_MINUTE`` requests per person (or address, when anonymous)."""

    def __init__(self) -> None:
        self._wait: float | None = None

    def allow_request(self, request) -> bool:
        limit = getattr(settings, "API_RATE_PER_MINUTE", DEFAULT_RATE_PER_MINUTE)
        now = time.time()
        minute = int(now // 60)
        user = getattr(request, "user", None)
        who = f"u{user.pk}" if getattr(user, "is_authenticated", False) else (
            f"a{request.META.get('REMOTE_ADDR', '')}")
        key = f"api:rate:{who}:{minute}"
        if cache.add(key, 1, timeout=90):
            return True
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=90)
            return True
        self._wait = 60 - (now % 60)
        return count <= limit

    def wait(self) -> float | None:
        return self._wait
