"""Delete a person's account and everything they own, for good."""
from __future__ import annotations

from axes.models import AccessAttempt, AccessLog
from django.db import transaction

from goldseam.web.core.models import partner_record_models
from goldseam.web.couples.models import TherapistLink
from goldseam.web.couples.services import leave_couple


def delete_account(user) -> None:
    """Delete ``user``, their records, safety answers and sign-in traces; keep the partner's data.

    A therapist's links end with the account; the couples' audit log keeps the therapist's name.
    """
    with transaction.atomic():
        leave_couple(user)
        for model in partner_record_models():
            model.objects.filter(owner=user).delete()
        TherapistLink.objects.filter(therapist=user).delete()
        AccessAttempt.objects.filter(username=user.username).delete()
        AccessLog.objects.filter(username=user.username).delete()
        user.delete()
