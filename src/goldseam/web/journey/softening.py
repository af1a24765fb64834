"""Mark the hurt partner's first softening, reading only words the other partner can read.

EFT's first softening is the move from secondary (hard) emotions such as anger to the primary
(soft) ones underneath. The marker is a milestone the other partner and the therapist see, so it
may come only from shared words: deriving it from a private draft would tell them what the draft
says. Every path that records words (page, autosave, API, sharing) goes through ``note``.
"""
from __future__ import annotations

from goldseam.web.journey import coaching
from goldseam.web.journey.models import Injury, JourneyEvent
from goldseam.web.journey.progress import statement_shared


def note(injury: Injury, user, text: str) -> None:
    """Track the hurt partner's shared emotions; mark the first move from secondary to primary.

    Does nothing unless the hurt partner's statement is shared: before that, everything they
    wrote for this injury is private (needs and answers to rounds come only after it, and are
    shared when written). A text holding only secondary emotions sets ``secondary_seen``; a
    later one holding a primary emotion is the first softening.
    """
    if not injury.is_hurt(user) or not text.strip() or not statement_shared(injury):
        return
    kinds = coaching.emotion_kinds(text)
    if kinds == {"secondary"} and not injury.secondary_seen:
        injury.secondary_seen = True
        injury.save(update_fields=["secondary_seen"])
    elif "primary" in kinds and injury.secondary_seen:
        JourneyEvent.mark(injury, "first_softening", user)
