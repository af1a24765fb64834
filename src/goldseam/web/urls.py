"""Route URLs to the apps. Apps other engineers add are included when their urls module exists.

An optional app ``goldseam.web.<name>`` with a ``urls.py`` is mounted at ``/<name>/`` under the
namespace ``<name>`` (the api app at ``/api/``), so adding an app needs no edit here.
"""
from __future__ import annotations

import importlib.util

from django.conf import settings
from django.shortcuts import redirect
from django.urls import include, path
from django.views.decorators.http import require_GET

from goldseam.web import health


@require_GET
def home(request):
    """Send people to where they start: partners to their space, therapists to their couples."""
    if not request.user.is_authenticated:
        return redirect("accounts:sign-in")
    if request.user.is_therapist:
        return redirect("couples:therapist-clients")
    return redirect("couples:home")


def optional_includes() -> list:
    """Return include() entries for the optional apps that are present and have urls."""
    found = []
    for app in settings.OPTIONAL_APPS:
        module = f"goldseam.web.{app}.urls"
        if f"goldseam.web.{app}" in settings.INSTALLED_APPS and importlib.util.find_spec(module):
            found.append(path(f"{app}/", include((module, app), namespace=app)))
    return found


urlpatterns = [
    path("", home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("accounts/", include(("goldseam.web.accounts.urls", "accounts"), namespace="accounts")),
    path("couple/", include(("goldseam.web.couples.urls", "couples"), namespace="couples")),
    path("notes/", include(("goldseam.web.notes.urls", "notes"), namespace="notes")),
    *optional_includes(),
]

# A database outage that escapes the views answers 503 with a clear message, not a bare 500.
handler500 = "goldseam.web.health.server_error"
