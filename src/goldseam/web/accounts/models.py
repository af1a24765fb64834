"""Define the Goldseam user: a partner or a therapist."""
from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Hold one person's account; ``role`` says whether they are a partner or a therapist."""

    class Role(models.TextChoices):
        PARTNER = "partner", "Partner"
        THERAPIST = "therapist", "Therapist"

    role = models.CharField(max_length=10, choices=Role.choices, default=Role.PARTNER)
    # The name the other partner and the therapist see; the username is only for signing in.
    display_name = models.CharField(max_length=60)

    @property
    def is_partner(self) -> bool:
        return self.role == self.Role.PARTNER

    @property
    def is_therapist(self) -> bool:
        return self.role == self.Role.THERAPIST

    def __str__(self) -> str:
        return self.display_name or self.username


class RecoveryCode(models.Model):
    """One single-use code that stands in for the authenticator app when the phone is lost.

    Only a password hash of the code is kept (the same hasher as passwords), so a copy of the
    database does not hand out second steps.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
