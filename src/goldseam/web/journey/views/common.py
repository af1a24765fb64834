"""Helpers every journey view shares: the injury lookup and the first-softening marker."""
from __future__ import annotations

from django.http import Http404

from goldseam.web.journey import coaching
from goldseam.web.journey.models import Injury, JourneyEvent


def injury_for(request, pk) -> Injury:
    """Return injury ``pk`` of the signed-in partner's couple, or 404 for anyone else's."""
    injury = Injury.objects.filter(pk=pk, couple=request.couple, hurt_partner__isnull=False
                                   ).select_related("hurt_partner").first()
    if injury is None:
        raise Http404
    return injury


def note_hurt_words(injury: Injury, user, text: str) -> None:
    """Track the hurt partner's emotions; mark the first move from secondary to primary.

    A saved text holding only secondary (hard) emotions sets ``secondary_seen``; a later one
    holding a primary (soft) emotion is the first softening.
    """
    if not injury.is_hurt(user) or not text.strip():
        return
    kinds = coaching.emotion_kinds(text)
    if kinds == {"secondary"} and not injury.secondary_seen:
        injury.secondary_seen = True
        injury.save(update_fields=["secondary_seen"])
    elif "primary" in kinds and injury.secondary_seen:
        JourneyEvent.mark(injury, "first_softening", user)
