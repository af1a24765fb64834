"""The live coach's JSON endpoint: reads a draft, answers feedback, stores nothing."""
from __future__ import annotations

import time

from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from goldseam.language.types import MAX_TEXT_CHARS
from goldseam.web.core.access import require_couple
from goldseam.web.core.wording import say
from goldseam.web.journey import coaching

#: Requests per partner per minute. The page debounces typing to one request per pause
#: (about 0.7 s), so a fast typist stays far below this; a script hammering it does not.
COACH_RATE_PER_MINUTE = 120
#: Characters accepted in one request: the engine's limit plus room for a pasted overshoot,
#: which gets the "too long" message rather than a refusal.
BODY_MAX = MAX_TEXT_CHARS + 1_000


def over_rate(user_id: int, now: float | None = None) -> bool:
    """Count one request of ``user_id`` in the current minute; True once over the limit."""
    minute = int((now or time.time()) // 60)
    key = f"journey:coach:{user_id}:{minute}"
    if cache.add(key, 1, timeout=90):
        return False
    try:
        return cache.incr(key) > COACH_RATE_PER_MINUTE
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=90)
        return False


@require_couple
@require_POST
def coach_endpoint(request):
    """Return the coach's feedback on ``text`` for ``role`` as JSON; keep nothing.

    CSRF-protected like every POST (the page sends the token in ``X-CSRFToken``).
    """
    if over_rate(request.user.pk):
        return JsonResponse({"state": "rate_limited",
                             "message": say("journey.coach_rate_limited")}, status=429)
    role = request.POST.get("role", "hurt")
    text = request.POST.get("text", "")
    if role not in coaching.ROLES:
        return JsonResponse({"state": "error", "message": say("journey.unknown_stage")},
                            status=400)
    if len(text) > BODY_MAX:
        text = text[:BODY_MAX]
    return JsonResponse(coaching.feedback(text, role))
