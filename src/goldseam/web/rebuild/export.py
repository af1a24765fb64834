"""Add to a partner's export the notes they wrote on the other partner's ledger entries.

Their own commitments (entries and notes included) are ``PartnerRecord``s and exported as
records; a note written on the partner's entry lives in the partner's commitment, so without
this hook it would be in the partner's export and not in its author's.
"""
from __future__ import annotations

from goldseam.web.rebuild.models import Occurrence


def export_for(user) -> dict:
    """Return the notes ``user`` wrote on entries of commitments they do not own, oldest first."""
    rows = (Occurrence.objects.filter(note_by=user).exclude(commitment__owner=user)
            .order_by("due", "slot", "pk"))
    return {
        "notes_on_partners_entries": [
            {"commitment_id": o.commitment_id, "due": o.due.isoformat(), "slot": o.slot,
             "note": o.note}
            for o in rows if o.note
        ]
    }
