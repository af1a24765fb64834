"""A therapist sees only what both partners consented to, until either revokes; reads are audited."""
from __future__ import annotations

from django.urls import reverse

from goldseam.web.core.access import readable_records
from goldseam.web.couples.models import AuditLog, TherapistLink
from goldseam.web.notes.models import Note


def test_therapist_reads_shared_in_scope_records_and_each_read_is_audited(cast, client_as):
    therapist = client_as("therapist")
    assert therapist.get(reverse("notes:detail", args=[cast.sophie_shared.pk])).status_code == 200
    entry = AuditLog.objects.get(couple=cast.couple, action="read")
    assert (entry.actor, entry.record_id, entry.record_kind) == (cast.therapist,
                                                                 cast.sophie_shared.pk, "note")
    page = client_as("emma").get(reverse("couples:audit")).content.decode()
    assert "Dr. Okafor" in page


def test_therapist_list_shows_only_shared_notes_and_is_audited(cast, client_as):
    page = client_as("therapist").get(reverse("notes:list")).content.decode()
    assert "Sophie shared" in page and "Emma shared" in page
    assert "Sophie private" not in page and "Olivia shared" not in page
    assert AuditLog.objects.filter(couple=cast.couple, action="list").count() == 1


def test_link_needs_both_consents(cast, client_as):
    cast.link.consented_by.remove(cast.emma)
    assert readable_records(cast.therapist, Note.objects.all()).count() == 0
    client_as("emma").post(reverse("couples:therapist-consent", args=[cast.link.pk]))
    assert readable_records(cast.therapist, Note.objects.all()).count() == 2


def test_either_partner_revokes_and_access_ends_at_once(cast, client_as):
    client_as("emma").post(reverse("couples:therapist-revoke", args=[cast.link.pk]))
    response = client_as("therapist").get(reverse("notes:detail", args=[cast.sophie_shared.pk]))
    assert response.status_code == 404


def test_kinds_outside_the_scope_stay_hidden(cast):
    cast.link.set_scope(["statement_that_does_not_exist"])
    cast.link.consented_by.add(cast.sophie, cast.emma)
    assert readable_records(cast.therapist, Note.objects.all()).count() == 0


def test_changing_the_scope_clears_consents(cast):
    cast.link.set_scope(["note"])
    assert not cast.link.is_active


def test_therapist_joins_with_a_code_and_waits_for_consent(cast, client_as):
    link = TherapistLink.objects.create(couple=cast.couple, created_by=cast.sophie, scope=["note"])
    link.consented_by.add(cast.sophie)
    response = client_as("stranger_therapist").post(reverse("couples:therapist-join"),
                                                    {"code": link.code})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.therapist == cast.stranger_therapist and not link.is_active
    assert readable_records(cast.stranger_therapist, Note.objects.all()).count() == 0
    link.consented_by.add(cast.emma)
    assert readable_records(cast.stranger_therapist, Note.objects.all()).count() == 2


def test_a_used_therapist_code_cannot_be_used_again(cast, client_as):
    response = client_as("stranger_therapist").post(reverse("couples:therapist-join"),
                                                    {"code": cast.link.code})
    assert response.status_code == 200
    cast.link.refresh_from_db()
    assert cast.link.therapist == cast.therapist


def test_inviting_a_therapist_needs_a_fresh_password(cast, client_as):
    response = client_as("sophie", fresh=False).post(reverse("couples:therapist-invite"),
                                                     {"scope": ["note"]})
    assert response.status_code == 302 and reverse("accounts:reauth") in response["Location"]
    assert TherapistLink.objects.filter(couple=cast.couple).count() == 1


def test_therapist_never_writes(cast, client_as):
    therapist = client_as("therapist")
    url = reverse("notes:edit", args=[cast.sophie_shared.pk])
    assert therapist.post(url, {"title": "x", "body": "y"}).status_code == 403
