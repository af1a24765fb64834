"""The therapist's view: invited couples only, audited reads, paused status, private notes."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from goldseam.trust.checkins import instrument
from goldseam.web.couples.models import AuditLog, SafetyCheck
from goldseam.web.rebuild import models as m
from goldseam.web.therapist.models import SessionNote

from .conftest import raise_concern
from .permissions.rebuild import sophie_commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(cast):
    """Widen the therapist's scope to check-ins and commitments and give the couple some."""
    cast.link.scope = ["note", "checkin", "commitment"]
    cast.link.save()
    first = datetime(2026, 5, 3, 19, tzinfo=UTC)
    for week, value in enumerate((3, 4, 5)):
        for user in (cast.sophie, cast.emma):
            at = first + timedelta(weeks=week)
            m.CheckIn.objects.create(owner=user, couple=cast.couple, at=at, shared_at=at,
                                     ratings={i.id: value for i in instrument().items},
                                     need="Secret need", note="Private note", note_shared=False)
    sophie_commitment(cast)
    return cast


def test_therapist_sees_invited_couples_with_stage_and_trends(shared, client_as):
    body = client_as("therapist").get(reverse("therapist:home")).content.decode()
    assert "Sophie & Emma" in body
    assert "Sophie&#x27;s sense of trust rose from 3.0 to 5.0" in body
    assert "Rebuild through action" in body or "Stage: 5" in body


def test_couple_page_shows_trends_reliability_and_never_notes_or_needs(shared, client_as):
    body = client_as("therapist").get(
        reverse("therapist:couple", kwargs={"pk": shared.couple.pk})).content.decode()
    assert body.count("<svg") >= 3  # total, safety, reliability strip
    assert "I&#x27;ll text you when I leave work" in body
    assert "Secret need" not in body and "Private note" not in body


def test_every_therapist_read_is_in_the_couples_audit_log(shared, client_as):
    before = AuditLog.objects.filter(couple=shared.couple).count()
    client_as("therapist").get(reverse("therapist:couple", kwargs={"pk": shared.couple.pk}))
    actions = list(AuditLog.objects.filter(couple=shared.couple).values_list(
        "action", "record_kind"))[: AuditLog.objects.count() - before]
    assert ("overview", "") in actions
    assert ("list", "checkin") in actions and ("list", "commitment") in actions


def test_out_of_scope_records_stay_hidden(cast, client_as):
    sophie_commitment(cast)  # scope is only notes
    body = client_as("therapist").get(
        reverse("therapist:couple", kwargs={"pk": cast.couple.pk})).content.decode()
    assert "leave work" not in body
    assert "No commitments shared with you yet" in body


def test_paused_for_safety_shows_the_status_never_the_answers(cast, client_as):
    raise_concern(SafetyCheck.objects.filter(user=cast.sophie))
    body = client_as("therapist").get(
        reverse("therapist:couple", kwargs={"pk": cast.couple.pk})).content.decode()
    assert "Paused for safety" in body
    for word in ("afraid", "hit", "threatened", "Sophie raised", "Emma raised"):
        assert word not in body


def test_session_notes_are_private_to_their_author_and_encrypted(cast, client_as):
    url = reverse("therapist:couple", kwargs={"pk": cast.couple.pk})
    client_as("therapist").post(url, {"text": "Emma froze when Jules came up."})
    assert SessionNote.objects.get().therapist == cast.therapist
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM therapist_sessionnote")
        assert "Jules" not in cursor.fetchone()[0]
    assert "Emma froze" in client_as("therapist").get(url).content.decode()
    for actor in ("sophie", "emma"):
        for page in ("/rebuild/", "/notes/", "/couple/"):
            response = client_as(actor).get(page, follow=True)
            assert "Emma froze" not in response.content.decode()


def test_a_too_long_session_note_is_refused_and_kept(cast, client_as):
    url = reverse("therapist:couple", kwargs={"pk": cast.couple.pk})
    response = client_as("therapist").post(url, {"text": "x" * 10_001})
    assert response.status_code == 400
    assert "x" * 200 in response.content.decode()
    assert not SessionNote.objects.exists()


def test_revoked_link_closes_the_couple_page(cast, client_as):
    cast.link.revoke(cast.sophie)
    url = reverse("therapist:couple", kwargs={"pk": cast.couple.pk})
    assert client_as("therapist").get(url).status_code == 404


def test_milestones_and_the_cycle_pattern_come_from_the_journey_when_shared(cast, client_as):
    journey = pytest.importorskip("goldseam.web.journey.models")
    cast.link.scope = ["note", "cycle_account", "injury_statement", "heard_answer"]
    cast.link.save()
    injury = journey.Injury.objects.create(couple=cast.couple, hurt_partner=cast.sophie,
                                           created_by=cast.sophie, title="Jules")
    journey.JourneyEvent.mark(injury, "statement_shared", cast.sophie)
    journey.JourneyEvent.mark(injury, "felt_heard", cast.sophie)
    for user, did in ((cast.sophie, "I kept asking where she had been"),
                      (cast.emma, "I went quiet and left the room")):
        account = journey.CycleAccount.objects.create(
            owner=user, couple=cast.couple, injury=injury, did=did, felt="alone",
            feared="losing us", longed="to be close")
        account.share()
    body = client_as("therapist").get(
        reverse("therapist:couple", kwargs={"pk": cast.couple.pk})).content.decode()
    assert "Sophie shared what happened and how it felt." in body
    assert "Sophie felt heard." in body
    assert "Stage: Needs and reassurance" in body
    assert "pursue-withdraw" in body
    # The accounts' own words stay with the journey pages, not this summary.
    assert "kept asking" not in body
    assert AuditLog.objects.filter(couple=cast.couple, record_kind="cycleaccount").exists()


def test_milestones_reach_the_therapist_only_for_kinds_in_scope(cast, client_as):
    from goldseam.web.journey.models import Injury, JourneyEvent

    injury = Injury.objects.create(couple=cast.couple, hurt_partner=cast.sophie,
                                   created_by=cast.sophie, title="The messages")
    JourneyEvent.mark(injury, "statement_shared", cast.sophie)
    JourneyEvent.mark(injury, "felt_heard", cast.sophie)
    url = reverse("therapist:couple", kwargs={"pk": cast.couple.pk})

    body = client_as("therapist").get(url).content.decode()  # scope: notes only
    assert "shared what happened" not in body and "felt heard" not in body

    cast.link.scope = ["note", "injury_statement"]
    cast.link.save()
    body = client_as("therapist").get(url).content.decode()
    assert "Sophie shared what happened and how it felt." in body
    assert "Sophie felt heard." not in body  # "whether I felt heard" is not in scope
