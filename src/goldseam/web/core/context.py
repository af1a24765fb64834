"""Put the wording catalogue and the quick-exit address into every template's context."""
from __future__ import annotations

from django.conf import settings

from goldseam.web.core.wording import WORDS


def wording(request) -> dict:
    """Return ``W`` (the catalogue, ``{{ W.nav.home }}``) and ``quick_exit_url``."""
    return {"W": WORDS, "quick_exit_url": settings.QUICK_EXIT_URL}
