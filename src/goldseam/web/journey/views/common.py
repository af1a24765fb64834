"""Helpers every journey view shares: the injury lookup and the first-softening marker."""
from __future__ import annotations

from django.http import Http404

from goldseam.web.journey import softening
from goldseam.web.journey.models import Injury


def injury_for(request, pk) -> Injury:
    """Return injury ``pk`` of the signed-in partner's couple, or 404 for anyone else's."""
    injury = Injury.objects.filter(pk=pk, couple=request.couple, hurt_partner__isnull=False
                                   ).select_related("hurt_partner").first()
    if injury is None:
        raise Http404
    return injury


def note_hurt_words(injury: Injury, user, text: str) -> None:
    """Track the hurt partner's words for the first softening, only once they are shared.

    Kept under this name for the API's autosave; see ``journey.softening.note``.
    """
    softening.note(injury, user, text)
