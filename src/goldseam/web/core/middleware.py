"""Keep private pages out of browser and proxy caches; end idle sessions without a write a page."""
from __future__ import annotations

import time


class NoStoreMiddleware:
    """Mark every page for a signed-in person ``Cache-Control: no-store``.

    Why: after a quick exit, pressing Back or opening the history must not show a cached copy of
    a private page; with no-store the browser has to ask again, and the session decides.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, private"
        return response


#: The session key holding when the session's expiry was last moved (epoch seconds).
SLID_AT = "_goldseam_slid_at"


class SlidingSessionMiddleware:
    """End a session after ``SESSION_COOKIE_AGE`` without a request, writing it rarely.

    Why: the idle timeout slides with every request, but saving the session on every request
    (``SESSION_SAVE_EVERY_REQUEST``) made each page view a database write, which under load
    queued page views behind one another on SQLite and cost a commit on PostgreSQL. Moving
    the expiry at most once every ``SESSION_SLIDE_EVERY`` seconds keeps the idle timeout
    (within that margin) for one write in many. Sits right after the session middleware, so
    its save sees the change.
    """

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.every = settings.SESSION_SLIDE_EVERY

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now, slid_at = time.time(), session.get(SLID_AT, 0)  # loads the session
            # A cookie naming no live session loads as a new, keyless one: leave it unsaved.
            if session.session_key and now - slid_at >= self.every:
                session[SLID_AT] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)
