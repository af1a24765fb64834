"""Define a couple of exactly two partners, their invitations, therapist links and safety checks."""
from __future__ import annotations

import json
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldseam.web.core.fields import EncryptedTextField

PARTNERS_PER_COUPLE = 2
INVITE_LIFETIME = timedelta(days=7)
# 10 characters from a 31-letter alphabet: about 50 bits, and easy to read aloud or type.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code() -> str:
    """Return a fresh random invitation code."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """Return ``text`` as a code: upper case, spaces and dashes removed."""
    return "".join(ch for ch in text.upper() if ch not in " -")


def default_expiry():
    return timezone.now() + INVITE_LIFETIME


class Couple(models.Model):
    """Hold the common space of two partners."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"couple {self.pk}"

    def partners(self) -> list:
        """Return the partners' user objects, earliest member first."""
        return [m.user for m in self.memberships.select_related("user").order_by("joined_at")]

    @property
    def is_full(self) -> bool:
        return self.memberships.count() >= PARTNERS_PER_COUPLE

    def other_partner(self, user):
        """Return the partner who is not ``user``, or None while the couple is one person."""
        return next((p for p in self.partners() if p.pk != user.pk), None)

    def hurt_partner(self):
        """Return the partner marked as the one who was hurt, or None."""
        m = self.memberships.filter(is_hurt_partner=True).select_related("user").first()
        return m.user if m else None

    def joint_work_state(self) -> str:
        """Return "open", "waiting" (a check or partner missing) or "paused" (a check raised concern).

        A pause wins over everything else, so a concern cannot be hidden by a missing answer.
        """
        checks = list(self.safety_checks.all())
        if any(c.concern for c in checks):
            return "paused"
        members = set(self.memberships.values_list("user_id", flat=True))
        if len(members) < PARTNERS_PER_COUPLE or members - {c.user_id for c in checks}:
            return "waiting"
        return "open"


class Membership(models.Model):
    """Place one partner in one couple (a person is in at most one couple at a time)."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="memberships")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    # The couple's default for "who was hurt"; each injury may say otherwise later.
    is_hurt_partner = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=timezone.now)


class Invite(models.Model):
    """Invite the second partner with a single-use code that expires after seven days."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="invites")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_expiry)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    def problem(self, now=None) -> str | None:
        """Return why the invite cannot be used now ("used", "expired", "full"), else None."""
        now = now or timezone.now()
        if self.used_at is not None:
            return "used"
        if now >= self.expires_at:
            return "expired"
        if self.couple.is_full:
            return "full"
        return None


class TherapistLink(models.Model):
    """Let one therapist see chosen kinds of a couple's shared records, with both partners' consent.

    The link starts as a code a partner gives the therapist. It is active only while a therapist
    has joined, every current partner has consented to the current scope, and nobody revoked it.
    Changing the scope clears the consents, so nobody consents to more than they saw.
    """

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="therapist_links")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
        related_name="therapist_links",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    code_expires_at = models.DateTimeField(default=default_expiry)
    # Record kinds the therapist may read (keys of wording.WORDS["record_kinds"]).
    scope = models.JSONField(default=list)
    consented_by = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None or self.therapist_id is None:
            return False
        partners = set(self.couple.memberships.values_list("user_id", flat=True))
        consents = set(self.consented_by.values_list("pk", flat=True))
        return bool(partners) and partners <= consents

    def set_scope(self, kinds: list[str]) -> None:
        """Replace the scope and clear every consent given to the old one."""
        self.scope = sorted(set(kinds))
        self.save(update_fields=["scope"])
        self.consented_by.clear()

    def revoke(self, by) -> None:
        """End the link for good."""
        self.revoked_at = timezone.now()
        self.revoked_by = by
        self.save(update_fields=["revoked_at", "revoked_by"])


class AuditLog(models.Model):
    """Record one therapist read of couple data; the couple can read their log."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150)  # kept when the therapist account is deleted
    action = models.CharField(max_length=40)
    record_kind = models.CharField(max_length=40, blank=True)
    record_id = models.BigIntegerField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]


class SafetyCheck(models.Model):
    """Hold one partner's private safety answers (encrypted); whether they raise concern is
    read from the answers, never stored beside them.

    Only the answering partner ever sees the answers; the couple sees only that joint work is
    paused. A plain "concern" column would tell anyone holding a copy of the database which
    partner may be in danger, so there is none. See goldseam.web.couples.safety for the
    questions and their sources.
    """

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="safety_checks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_checks"
    )
    answers = EncryptedTextField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["couple", "user"], name="one_safety_check_per_partner")
        ]

    def answer_dict(self) -> dict[str, str]:
        """Return the answers as question key -> answer key."""
        return json.loads(self.answers or "{}")

    @property
    def concern(self) -> bool:
        """Tell whether these answers raise concern (any topic of safety.concern_topics)."""
        from goldseam.web.couples import safety

        return bool(safety.concern_topics(self.answer_dict()))
