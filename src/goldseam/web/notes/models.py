"""Define Note, the simplest PartnerRecord: a title and a body one partner may share."""
from __future__ import annotations

from goldseam.web.core.fields import EncryptedTextField
from goldseam.web.core.models import PartnerRecord

TITLE_MAX = 200
BODY_MAX = 20_000  # about eight pages; longer texts belong in several notes


class Note(PartnerRecord):
    """Hold a note a partner writes privately and may share with the couple."""

    RECORD_KINDS = ("note",)

    title = EncryptedTextField(max_length=TITLE_MAX)
    body = EncryptedTextField(max_length=BODY_MAX)

    class Meta(PartnerRecord.Meta):
        pass

    def save(self, *args, **kwargs):
        self.kind = self.kind or "note"
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.title
