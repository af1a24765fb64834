"""Store a therapist's private session notes (encrypted; only their author reads them)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldseam.web.core.fields import EncryptedTextField

#: Longest session note; a session's notes, not a case file.
NOTE_MAX = 10_000


class SessionNote(models.Model):
    """Hold one note a therapist wrote about a couple they work with; never shown to others."""

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_notes"
    )
    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(max_length=NOTE_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
