"""Check-ins in the web app: the 1-7 form, bad ratings, another couple, privacy of the note."""
from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.html import escape

from goldseam.trust.checkins import instrument
from goldseam.web.couples.models import SafetyCheck
from goldseam.web.rebuild import models as m

from .conftest import raise_concern

pytestmark = pytest.mark.django_db


def answers(value="5", **extra):
    data = {item.id: value for item in instrument().items}
    data.update(need="A quiet evening together", note="I was scared on Tuesday")
    data.update(extra)
    return data


def test_form_offers_a_labelled_one_to_seven_scale_for_every_item(cast, client_as):
    body = client_as("sophie").get(reverse("rebuild:checkin")).content.decode()
    for item in instrument().items:
        assert escape(item.text) in body
        assert body.count(f'name="{item.id}"') == 7
    assert "1 = not at all · 4 = somewhat · 7 = completely" in body
    assert body.count('aria-describedby="scale-anchors') == len(instrument().items)


def test_a_check_in_is_saved_scored_and_its_need_reaches_the_partner(cast, client_as):
    response = client_as("sophie").post(reverse("rebuild:checkin"), answers("6"))
    assert response.status_code == 302
    row = m.CheckIn.objects.get()
    assert row.owner == cast.sophie and row.couple == cast.couple
    assert set(row.ratings) == {i.id for i in instrument().items}
    page = client_as("emma").get(reverse("rebuild:home")).content.decode()
    assert "A quiet evening together" in page
    # The note was not shared: the partner never sees it.
    assert "scared on Tuesday" not in page


def test_need_and_note_are_encrypted_at_rest(cast, client_as):
    client_as("sophie").post(reverse("rebuild:checkin"), answers())
    with connection.cursor() as cursor:
        cursor.execute("SELECT need, note FROM rebuild_checkin")
        need, note = cursor.fetchone()
    assert "quiet evening" not in need and "scared" not in note


@pytest.mark.parametrize("bad", ["8", "0", "-1", "3.5", "seven"])
def test_a_rating_outside_one_to_seven_is_refused_and_nothing_is_lost(cast, client_as, bad):
    first = instrument().items[0]
    response = client_as("sophie").post(reverse("rebuild:checkin"),
                                        answers(**{first.id: bad}))
    assert response.status_code == 400
    body = response.content.decode()
    assert "from 1 to 7" in body
    assert "A quiet evening together" in body and "I was scared on Tuesday" in body
    assert not m.CheckIn.objects.exists()


def test_missing_ratings_are_each_named(cast, client_as):
    response = client_as("sophie").post(reverse("rebuild:checkin"), {"need": "Time"})
    assert response.status_code == 400
    assert response.content.decode().count("Please answer this one") == len(instrument().items)
    assert not m.CheckIn.objects.exists()


def test_a_check_in_for_another_couple_is_refused(cast, client_as):
    response = client_as("sophie").post(reverse("rebuild:checkin"),
                                        answers(couple=str(cast.other_couple.pk)))
    assert response.status_code == 400
    assert "belongs to a different couple" in response.content.decode()
    assert not m.CheckIn.objects.exists()


def test_a_shared_note_reaches_the_partner_only_when_shared(cast, client_as):
    client_as("sophie").post(reverse("rebuild:checkin"), answers(note_shared="on"))
    assert m.CheckIn.objects.get().note_shared is True
    page = client_as("emma").get(reverse("rebuild:home")).content.decode()
    assert "Sophie shared a note:" in page and "I was scared on Tuesday" in page


def test_check_in_stays_open_while_joint_work_is_paused(cast, client_as):
    raise_concern(SafetyCheck.objects.filter(user=cast.emma))
    sophie = client_as("sophie")
    assert sophie.get(reverse("rebuild:home")).status_code == 302
    response = sophie.post(reverse("rebuild:checkin"), answers())
    assert response.status_code == 302 and response.url == reverse("rebuild:checkin")
    assert m.CheckIn.objects.count() == 1


def test_a_partner_alone_in_the_couple_is_sent_to_wait_for_the_other(cast, client_as):
    from goldseam.web.couples.models import Membership

    Membership.objects.filter(user=cast.emma).delete()
    response = client_as("sophie").post(reverse("rebuild:checkin"), answers())
    assert response.status_code == 302 and response.url == reverse("couples:joint-status")
    assert not m.CheckIn.objects.exists()
