"""Put the wording catalogue, the quick-exit address and app links into every template."""
from __future__ import annotations

from functools import cache

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from goldseam.web.core.wording import WORDS


@cache
def _app_links() -> tuple[tuple[str, str, str], ...]:
    """Return (app, url, label) for each installed optional app with a "<app>:home" URL.

    The label is ``WORDS["nav"][app]``; an app without one is left out of the navigation.
    """
    links = []
    for app in settings.OPTIONAL_APPS:
        if f"goldseam.web.{app}" not in settings.INSTALLED_APPS or app not in WORDS["nav"]:
            continue
        try:
            links.append((app, reverse(f"{app}:home"), WORDS["nav"][app]))
        except NoReverseMatch:
            continue
    return tuple(links)


def wording(request) -> dict:
    """Return ``W`` (the catalogue, ``{{ W.nav.home }}``), ``quick_exit_url`` and ``app_links``."""
    return {"W": WORDS, "quick_exit_url": settings.QUICK_EXIT_URL, "app_links": _app_links()}
