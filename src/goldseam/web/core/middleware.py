"""Keep private pages out of browser and proxy caches."""
from __future__ import annotations


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
