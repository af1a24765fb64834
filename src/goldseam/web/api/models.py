"""Define ApiToken: a named, scoped, revocable key a person creates for an API client.

Only a SHA-256 digest of the secret is stored; the secret is shown once, when it is made.
A token acts as its person, never more: the access helpers decide what it reads, and its
scopes only narrow that further.
"""
from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

#: What a token may do. "read": GET anything its person may read; "write": change their own
#: records; "analyze": run the language engine; "export": download everything they own.
SCOPES = ("read", "write", "analyze", "export")
PREFIX = "gs_"
#: 32 random bytes: guessing is hopeless, so a digest lookup needs no constant-time compare.
SECRET_BYTES = 32
NAME_MAX = 80
#: A person rarely needs more than a handful; the cap stops a script from filling the table.
MAX_TOKENS_PER_PERSON = 20


def digest(secret: str) -> str:
    """Return the hex SHA-256 of a token's secret, as stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """Hold one person's API token: its name, scopes, digest, last use and revocation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(max_length=NAME_MAX)
    scopes = models.JSONField(default=list)
    # The first characters of the secret, shown on the token page so a person can tell tokens
    # apart without the secret.
    hint = models.CharField(max_length=16)
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name: str, scopes) -> tuple[ApiToken, str]:
        """Create a token for ``user``; return it and its secret (shown once, never stored)."""
        wanted = [s for s in SCOPES if s in set(scopes)]
        secret = PREFIX + secrets.token_urlsafe(SECRET_BYTES)
        token = cls.objects.create(user=user, name=name.strip()[:NAME_MAX], scopes=wanted,
                                   hint=secret[: len(PREFIX) + 6], key_digest=digest(secret))
        return token, secret

    @classmethod
    def find(cls, secret: str) -> ApiToken | None:
        """Return the live token whose secret is ``secret``, or None."""
        if not secret.startswith(PREFIX) or len(secret) > 200:
            return None
        token = cls.objects.filter(key_digest=digest(secret), revoked_at__isnull=True
                                   ).select_related("user").first()
        if token is None or not token.user.is_active:
            return None
        return token

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        """End the token now; requests holding it answer 401 from then on."""
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def allows(self, scope: str) -> bool:
        """Say whether the token carries ``scope``."""
        return scope in self.scopes


def revoke_on_password_change(sender, instance, created: bool, **kwargs) -> None:
    """End every API token of a person whose password was just set (changed, reset, or set by
    an admin): a new password means "lock out whoever had the old one", and a token made with
    the old one is such a key. Django marks a real change with ``_password``; the silent rehash
    it does on sign-in when hashers change does not set it, so that revokes nothing."""
    if created or getattr(instance, "_password", None) is None:
        return
    ApiToken.objects.filter(user=instance, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


class Job(models.Model):
    """Record one background job by its idempotency key, so doing it twice has one effect.

    A worker writes the job's effect and marks it done in one database transaction; a job
    redelivered after a crash (Celery's acks_late) either finds it done and returns the stored
    outcome, or redoes it from a clean slate because the crashed attempt rolled back.
    """

    key = models.CharField(max_length=200, unique=True)
    task = models.CharField(max_length=100)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # Identifiers and counts only (a record id, a file name): never a partner's text.
    outcome = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.task} {self.key}"
