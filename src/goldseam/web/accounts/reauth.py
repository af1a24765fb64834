"""Ask for the password again before export, deletion and therapist sharing."""
from __future__ import annotations

import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "goldseam_reauth_at"


def mark_reauthenticated(request) -> None:
    """Record that the person just proved it is them."""
    request.session[SESSION_KEY] = time.time()


def recently_reauthenticated(request) -> bool:
    """Return True when the password was re-entered within REAUTH_SECONDS."""
    at = request.session.get(SESSION_KEY)
    return at is not None and time.time() - float(at) < settings.REAUTH_SECONDS


def reauth_required(view):
    """Send the person to confirm their password unless they did so moments ago."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not recently_reauthenticated(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:reauth')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
