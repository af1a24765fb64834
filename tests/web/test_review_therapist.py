"""Review: a therapist reads only in-scope shared records of linked couples, always audited."""
from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from goldseam.web.api.models import ApiToken
from goldseam.web.couples.models import AuditLog

from .permissions.rebuild import make_commitment


def _link_other_couple_too(cast, scope) -> None:
    """Let the cast's therapist also work, actively, with Olivia and Oscar."""
    link = cast.other_link
    link.therapist, link.joined_at, link.scope = cast.therapist, timezone.now(), scope
    link.save()
    link.consented_by.add(cast.outsider, cast.oscar)
    assert link.is_active


def test_therapist_page_of_a_couple_is_audited(cast, client_as):
    before = AuditLog.objects.filter(couple=cast.couple, actor=cast.therapist).count()
    response = client_as("therapist").get(reverse("therapist:couple", args=[cast.couple.pk]))
    assert response.status_code == 200
    assert AuditLog.objects.filter(couple=cast.couple, actor=cast.therapist).count() > before


def test_therapist_reading_a_note_is_audited_with_its_id(cast, client_as):
    response = client_as("therapist").get(reverse("notes:detail", args=[cast.sophie_shared.pk]))
    assert response.status_code == 200
    assert AuditLog.objects.filter(couple=cast.couple, action="read",
                                   record_id=cast.sophie_shared.pk).exists()


@pytest.mark.parametrize("note", ["sophie_private", "emma_private", "outsider_shared"])
def test_therapist_cannot_read_private_or_unlinked_notes(cast, client_as, note):
    pk = getattr(cast, note).pk
    assert client_as("therapist").get(reverse("notes:detail", args=[pk])).status_code == 404
    _, secret = ApiToken.issue(cast.therapist, "t", ["read"])
    from django.test import Client

    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get(f"/api/notes/{pk}").status_code == 404


def test_revoked_therapist_reads_nothing_more(cast, client_as):
    cast.link.revoke(cast.sophie)
    client = client_as("therapist")
    assert client.get(reverse("therapist:couple", args=[cast.couple.pk])).status_code == 404
    assert client.get(reverse("notes:detail", args=[cast.sophie_shared.pk])).status_code == 404


def test_uninvited_therapist_gets_404_for_the_couple(cast, client_as):
    response = client_as("stranger_therapist").get(
        reverse("therapist:couple", args=[cast.couple.pk]))
    assert response.status_code == 404


def test_scope_change_needs_fresh_consent_from_both(cast):
    cast.link.set_scope(["note", "statement"])
    cast.link.consented_by.add(cast.sophie)
    assert not cast.link.is_active


def test_opening_one_couple_writes_nothing_into_another_couples_audit_log(cast, client_as):
    _link_other_couple_too(cast, ["commitment", "checkin"])
    cast.link.set_scope(["note", "commitment", "checkin"])
    cast.link.consented_by.add(cast.sophie, cast.emma)
    make_commitment(cast.outsider, cast.other_couple)
    make_commitment(cast.sophie, cast.couple)
    before = AuditLog.objects.filter(couple=cast.other_couple).count()
    response = client_as("therapist").get(reverse("therapist:couple", args=[cast.couple.pk]))
    assert response.status_code == 200
    assert AuditLog.objects.filter(couple=cast.other_couple).count() == before


def test_therapist_page_escapes_a_commitments_words(cast, client_as):
    cast.link.set_scope(["note", "commitment"])
    cast.link.consented_by.add(cast.sophie, cast.emma)
    make_commitment(cast.sophie, cast.couple, text="<script>alert(1)</script> I'll call")
    page = client_as("therapist").get(
        reverse("therapist:couple", args=[cast.couple.pk])).content.decode()
    assert "&lt;script&gt;alert(1)" in page  # the words are there, escaped
    assert "<script>alert(1)" not in page
