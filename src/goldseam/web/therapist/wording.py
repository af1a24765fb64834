"""Hold every word of the therapist's pages (``W.therapist_view``), for a clinician to review.

The couples app already has a ``therapist`` section (the partners' side of inviting one);
these are the therapist's own pages.
"""
from __future__ import annotations

from goldseam.web.core.wording import WORDS

THERAPIST_VIEW: dict[str, str] = {
    "title": "Your couples",
    "intro": "The couples who invited you, with what both partners agreed to show you. "
             "Each time you open a couple, it is written to their log.",
    "empty": "No couple has given you access yet.",
    "open": "Open",
    "stage": "Stage: {stage}",
    "stage_unknown": "not started",
    "paused": "Paused for safety",
    "paused_text": "Joint exercises are paused for this couple after a private safety check. "
                   "You do not see the answers or who gave them; please raise it gently and "
                   "privately with each partner.",
    "reliability": "Commitments: {words}",
    "trends_title": "Check-ins",
    "trends_none": "No check-ins shared with you yet.",
    "markers_title": "Progress",
    "markers_none": "No milestones yet, or the journey is not shared with you.",
    "cycle_title": "Their cycle",
    "cycle_none": "Both partners' cycle accounts are not shared with you yet.",
    "commitments_title": "Commitments",
    "commitments_none": "No commitments shared with you yet.",
    "by": "{name}:",
    "notes_title": "Your session notes",
    "notes_intro": "Private to you, encrypted, never shown to the couple.",
    "notes_empty": "No notes yet.",
    "note": "New session note",
    "note_hint": "Only you can read this.",
    "note_saved": "Note saved.",
    "back": "All couples",
}


def register() -> None:
    """Join the therapist's words to the site catalogue."""
    WORDS.setdefault("therapist_view", THERAPIST_VIEW)
