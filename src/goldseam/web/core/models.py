"""Define PartnerRecord, the base of everything a partner writes.

A record belongs to its owner. It is private until the owner shares it into the couple's common
space (``share()``), and the owner can withdraw it (``unshare()``). Who may read a record is
decided in one place, ``goldseam.web.core.access``; views never filter records by hand.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldseam.web.core.fields import EncryptedTextField


class PartnerRecord(models.Model):
    """Hold what one partner wrote: private by default, shared by an explicit act.

    Subclasses add their text as ``EncryptedTextField``s and set ``RECORD_KINDS`` to the kinds
    (keys of ``wording.WORDS["record_kinds"]``) they may hold; a therapist sees a shared record
    only when the couple put its kind in the therapist's scope.
    """

    RECORD_KINDS: tuple[str, ...] = ()

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Null once the owner has left the couple: the record left with them.
    couple = models.ForeignKey(
        "couples.Couple", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40)
    shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    def share(self) -> None:
        """Share the record into the owner's current couple; raise if the owner has none.

        A record written before the owner joined a couple joins that couple when shared.
        """
        from goldseam.web.couples.models import Membership

        membership = Membership.objects.filter(user_id=self.owner_id).first()
        if membership is None:
            raise ValueError("a record can be shared only within a couple")
        self.couple_id = membership.couple_id
        if self.shared_at is None:
            self.shared_at = timezone.now()
        self.save(update_fields=["couple", "shared_at", "updated_at"])

    def unshare(self) -> None:
        """Withdraw the record into the owner's private space."""
        if self.shared_at is not None:
            self.shared_at = None
            self.save(update_fields=["shared_at", "updated_at"])

    def export_dict(self) -> dict:
        """Return the record as plain JSON-ready data, text decrypted, for its owner's export."""
        data: dict = {"model": self._meta.label_lower, "id": self.pk}
        for field in self._meta.concrete_fields:
            if field.name in {"id", "owner", "couple"}:
                continue
            value = getattr(self, field.attname)
            data[field.name] = value.isoformat() if hasattr(value, "isoformat") else value
        return data

    @classmethod
    def encrypted_field_names(cls) -> list[str]:
        """Return the names of this model's encrypted columns."""
        return [f.name for f in cls._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def partner_record_models() -> list[type[PartnerRecord]]:
    """Return every installed concrete PartnerRecord subclass."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, PartnerRecord)]
