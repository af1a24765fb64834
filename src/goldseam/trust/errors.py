"""Typed errors of the trust library, each carrying a sentence a person can read.

The web layer shows ``str(error)`` next to the field named by ``error.field``; nothing the
person typed is lost because the library never mutates records before validating.
"""
from __future__ import annotations

from typing import Any

from goldseam.trust.catalogue import say


class TrustError(ValueError):
    """Signal input the trust library refuses, with a user-readable message."""

    key = "errors.unknown_occurrence"

    def __init__(self, key: str | None = None, *, field: str | None = None, **fields: Any):
        self.key = key or self.key
        self.field = field
        self.fields = fields
        super().__init__(say(self.key, **fields))


class CadenceError(TrustError):
    """Signal a cadence text that cannot be read."""


class CommitmentError(TrustError):
    """Signal a commitment or occurrence action that breaks the ledger's rules."""


class NotOwnerError(CommitmentError):
    """Signal someone other than the owner marking a commitment kept or missed."""

    key = "errors.not_owner"


class NotPartnerError(CommitmentError):
    """Signal the owner (or an outsider) trying to confirm their own commitment."""

    key = "errors.not_partner"


class AlreadyConfirmedError(CommitmentError):
    """Signal a second confirmation of the same occurrence."""

    key = "errors.already_confirmed"


class CheckInError(TrustError):
    """Signal an invalid check-in: a rating out of range, a missing item, a wrong couple."""


class RitualError(TrustError):
    """Signal an unknown ritual."""
