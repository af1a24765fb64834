"""Add a therapist's session notes to their own export (the accounts app's ``export_for`` hook).

Session notes are not ``PartnerRecord``s (a therapist owns them, not a partner), so the
export's record loop never sees them; without this module a therapist could not take away
what they wrote.
"""
from __future__ import annotations

from goldseam.web.therapist.models import SessionNote


def export_for(user) -> dict:
    """Return the session notes ``user`` wrote, oldest first, with their text decrypted."""
    notes = SessionNote.objects.filter(therapist=user).order_by("created_at", "pk")
    return {
        "session_notes": [
            {"couple_id": note.couple_id, "text": note.text,
             "created_at": note.created_at.isoformat()}
            for note in notes
        ]
    }
