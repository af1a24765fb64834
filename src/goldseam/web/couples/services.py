"""Start, join and leave couples; the rules live here so views and commands share them."""
from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from goldseam.web.core.models import partner_record_models
from goldseam.web.couples.models import (
    PARTNERS_PER_COUPLE,
    Couple,
    Invite,
    Membership,
    SafetyCheck,
    TherapistLink,
    normalise_code,
)


class CoupleError(Exception):
    """Raised when a couple action is refused; ``reason`` keys the catalogue's message."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def start_couple(user, *, hurt: bool = False) -> Couple:
    """Create a couple with ``user`` as its first partner."""
    with transaction.atomic():
        if Membership.objects.filter(user=user).exists():
            raise CoupleError("already_in_couple")
        couple = Couple.objects.create()
        Membership.objects.create(couple=couple, user=user, is_hurt_partner=hurt)
    return couple


def make_invite(couple: Couple, by) -> Invite:
    """Return a fresh invitation for the second partner; refuse when the couple is full."""
    if couple.is_full:
        raise CoupleError("invite_full")
    return Invite.objects.create(couple=couple, created_by=by)


def join_with_code(user, code: str) -> Couple:
    """Add ``user`` to the couple the code invites to, using the code up; refuse otherwise.

    The invite and the couple are locked while checking, so two people racing with the same
    code, or with two codes for one couple, cannot make a couple of three.
    """
    with transaction.atomic():
        invite = (Invite.objects.select_for_update().select_related("couple")
                  .filter(code=normalise_code(code)).first())
        if invite is None:
            raise CoupleError("invite_unknown")
        Couple.objects.select_for_update().filter(pk=invite.couple_id).first()
        if Membership.objects.filter(user=user).exists():
            raise CoupleError("already_in_couple")
        problem = invite.problem()
        if problem:
            raise CoupleError(f"invite_{problem}")
        # The first partner said whether they were the one hurt; the default for the second
        # is the other side of that answer.
        someone_hurt = invite.couple.memberships.filter(is_hurt_partner=True).exists()
        Membership.objects.create(couple=invite.couple, user=user, is_hurt_partner=not someone_hurt)
        invite.used_at = timezone.now()
        invite.used_by = user
        invite.save(update_fields=["used_at", "used_by"])
        if invite.couple.memberships.count() > PARTNERS_PER_COUPLE:
            raise CoupleError("invite_full")  # rolls the membership back
    return invite.couple


def leave_couple(user) -> None:
    """Take ``user`` out of their couple; their records leave with them and become private.

    The other partner's records stay with them, made private again, so that a partner who
    joins later never reads what was shared with the one who left; therapist links end for the
    same reason, and so do the couple's injuries (their titles and milestones were written by
    both) and the leaver's yes to the story's language model. The leaver's safety answers for
    this couple are deleted (they described this relationship), their unused invites are
    withdrawn, and a couple left with nobody is deleted.
    """
    with transaction.atomic():
        membership = Membership.objects.filter(user=user).select_related("couple").first()
        if membership is None:
            return
        couple = membership.couple
        for model in partner_record_models():
            model.objects.filter(owner=user, couple=couple).update(couple=None, shared_at=None)
            model.objects.filter(couple=couple).update(shared_at=None)
        SafetyCheck.objects.filter(couple=couple, user=user).delete()
        _close_joint_work(couple, user)
        Invite.objects.filter(couple=couple, created_by=user, used_at__isnull=True).delete()
        for link in TherapistLink.objects.filter(couple=couple, revoked_at__isnull=True):
            link.revoke(user)
        membership.delete()
        if not couple.memberships.exists():
            couple.delete()


def _close_joint_work(couple: Couple, leaver) -> None:
    """Remove what the couple held jointly with ``leaver`` from the optional apps installed.

    An injury is a couple row, not a record either partner owns, so it cannot go with one of
    them: deleting it also deletes its milestones, while each partner's records about it stay
    theirs (their ``injury`` becomes empty). The leaver's consent to the story's language model
    is withdrawn, since it was given for this relationship.
    """
    if apps.is_installed("goldseam.web.journey"):
        apps.get_model("journey", "Injury").objects.filter(couple=couple).delete()
    if apps.is_installed("goldseam.web.story"):
        for state in apps.get_model("story", "StoryState").objects.filter(couple=couple):
            state.model_consent.remove(leaver)
