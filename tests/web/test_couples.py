"""Invitations, joining, the two-partner limit, and leaving with one's own records."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from goldseam.web.couples.models import Invite, Membership
from goldseam.web.couples.services import CoupleError, join_with_code, leave_couple, start_couple
from goldseam.web.notes.models import Note

from .conftest import make_user, signed_in_client


@pytest.fixture
def alone(db):
    """Return Ana, alone in a new couple, with an invite, and Ben who has no couple."""
    ana = make_user("ana")
    couple = start_couple(ana, hurt=True)
    invite = Invite.objects.create(couple=couple, created_by=ana)
    return ana, make_user("ben"), invite


def test_second_partner_joins_with_the_code_and_is_the_other_side(alone):
    ana, ben, invite = alone
    couple = join_with_code(ben, invite.code.lower()[:5] + "-" + invite.code[5:])
    assert set(couple.partners()) == {ana, ben}
    assert Membership.objects.get(user=ben).is_hurt_partner is False


def test_reused_invite_is_refused(alone):
    _, ben, invite = alone
    join_with_code(ben, invite.code)
    leave_couple(ben)
    with pytest.raises(CoupleError) as exc:
        join_with_code(ben, invite.code)
    assert exc.value.reason == "invite_used"


def test_expired_invite_is_refused(alone):
    _, ben, invite = alone
    Invite.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(CoupleError) as exc:
        join_with_code(ben, invite.code)
    assert exc.value.reason == "invite_expired"


def test_invite_lasts_seven_days(alone):
    _, _, invite = alone
    lifetime = invite.expires_at - invite.created_at
    assert timedelta(days=7) - timedelta(seconds=1) < lifetime < timedelta(days=7, seconds=1)


def test_third_person_cannot_join_a_full_couple(alone):
    ana, ben, invite = alone
    second = Invite.objects.create(couple=invite.couple, created_by=ana)
    join_with_code(ben, invite.code)
    carol = make_user("carol")
    with pytest.raises(CoupleError) as exc:
        join_with_code(carol, second.code)
    assert exc.value.reason == "invite_full"
    assert invite.couple.memberships.count() == 2


def test_unknown_code_and_already_coupled_are_refused(alone, cast):
    _, _, invite = alone
    with pytest.raises(CoupleError, match="invite_unknown"):
        join_with_code(make_user("dan"), "ZZZZZZZZZZ")
    with pytest.raises(CoupleError, match="already_in_couple"):
        join_with_code(cast.emma, invite.code)


def test_join_page_shows_the_reason_next_to_the_code_field(alone):
    _, ben, invite = alone
    Invite.objects.filter(pk=invite.pk).update(used_at=timezone.now())
    response = signed_in_client(ben).post(reverse("couples:join"), {"code": invite.code})
    assert response.status_code == 200
    assert "already used" in response.content.decode()
    assert invite.code in response.content.decode()  # the typed code is kept


def test_leaving_takes_the_leavers_records_private_and_leaves_the_others(cast):
    leave_couple(cast.emma)
    emma_notes = Note.objects.filter(owner=cast.emma)
    assert all(n.couple_id is None and n.shared_at is None for n in emma_notes)
    kept = Note.objects.get(pk=cast.sophie_shared.pk)
    assert kept.couple == cast.couple and kept.shared_at is None  # stays, but private again
    cast.link.refresh_from_db()
    assert cast.link.revoked_at is not None
    sophie = signed_in_client(cast.sophie)
    assert sophie.get(reverse("notes:detail", args=[cast.emma_shared.pk])).status_code == 404
    emma = signed_in_client(cast.emma)
    assert emma.get(reverse("notes:detail", args=[cast.sophie_shared.pk])).status_code == 404
    assert emma.get(reverse("notes:detail", args=[cast.emma_shared.pk])).status_code == 200
    assert not cast.couple.safety_checks.filter(user=cast.emma).exists()


def test_last_partner_leaving_deletes_the_empty_couple(alone):
    ana, _, invite = alone
    leave_couple(ana)
    assert not type(invite.couple).objects.filter(pk=invite.couple_id).exists()


def test_full_couple_home_offers_no_invite(cast):
    page = signed_in_client(cast.sophie).get(reverse("couples:home")).content.decode()
    assert 'id="invite-code"' not in page
    assert "Emma" in page


def test_a_partner_who_joins_later_never_reads_what_was_shared_before(cast):
    leave_couple(cast.emma)
    invite = Invite.objects.create(couple=cast.couple, created_by=cast.sophie)
    zoe = make_user("zoe")
    join_with_code(zoe, invite.code)
    client = signed_in_client(zoe)
    assert client.get(reverse("notes:detail", args=[cast.sophie_shared.pk])).status_code == 404
    assert "Sophie shared" not in client.get(reverse("notes:list")).content.decode()
