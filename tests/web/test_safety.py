"""The private safety check pauses joint work on concern, and reveals nothing to the other."""
from __future__ import annotations

import pytest
from django.urls import reverse

from goldseam.web.core.wording import say
from goldseam.web.couples import safety
from goldseam.web.couples.models import SafetyCheck

from .conftest import make_couple, make_user, signed_in_client

CALM = {key: safety.NO for key in safety.QUESTION_KEYS}


def answer(client, **overrides):
    return client.post(reverse("couples:safety"), {**CALM, **overrides})


@pytest.mark.parametrize("question", [q.key for q in safety.QUESTIONS])
def test_yes_to_any_question_raises_concern(question):
    assert safety.concern_topics({**CALM, question: safety.YES})


def test_unsure_counts_as_concern_on_harm_but_not_on_the_affair():
    assert safety.concern_topics({**CALM, "afraid": safety.UNSURE}) == {"harm"}
    assert safety.concern_topics({**CALM, "ongoing": safety.UNSURE}) == set()


def test_calm_answers_open_joint_work(cast):
    assert cast.couple.joint_work_state() == "open"


def test_concern_pauses_joint_work_and_sharing_for_the_whole_couple(cast, client_as):
    sophie = client_as("sophie")
    answer(sophie, afraid=safety.YES)
    assert cast.couple.joint_work_state() == "paused"
    emma = client_as("emma")
    response = emma.post(reverse("notes:share", args=[cast.emma_private.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("couples:joint-status")
    cast.emma_private.refresh_from_db()
    assert cast.emma_private.shared_at is None


def test_answering_partner_sees_support_and_ways_on(cast, client_as):
    sophie = client_as("sophie")
    response = answer(sophie, hurt=safety.YES)
    page = sophie.get(response["Location"]).content.decode()
    assert say("safety.resources_title") in page
    assert "emergency number" in page
    assert reverse("couples:leave") in page and reverse("notes:list") in page


def test_other_partner_sees_only_a_neutral_message(cast, client_as):
    answer(client_as("sophie"), control=safety.YES)
    emma = client_as("emma")
    for url in (reverse("couples:joint-status"), reverse("couples:home")):
        page = emma.get(url).content.decode()
        assert say("joint.paused_neutral") in page
        assert say("joint.paused_answerer") not in page
        assert say("safety.resources_title") not in page
        assert "control" not in page.lower()


def test_other_partner_never_sees_the_answers_even_on_the_safety_page(cast, client_as):
    answer(client_as("sophie"), sex=safety.YES)
    page = client_as("emma").get(reverse("couples:safety")).content.decode()
    # Emma's own form is pre-filled with her own calm answers, never Sophie's.
    assert 'value="yes" required id="id_sex_0" checked' not in page
    stored = SafetyCheck.objects.get(user=cast.emma).answer_dict()
    assert stored["sex"] == safety.NO


def test_retaking_the_check_lifts_a_pause_raised_by_mistake(cast, client_as):
    sophie = client_as("sophie")
    answer(sophie, watched=safety.YES)
    assert cast.couple.joint_work_state() == "paused"
    answer(sophie)
    assert cast.couple.joint_work_state() == "open"


def test_joint_work_waits_for_both_checks(db):
    a, b = make_user("a1"), make_user("b1")
    couple = make_couple(a, b, checked=False)
    assert couple.joint_work_state() == "waiting"
    answer(signed_in_client(a))
    assert couple.joint_work_state() == "waiting"
    answer(signed_in_client(b))
    assert couple.joint_work_state() == "open"


def test_unanswered_questions_get_a_message_each_and_answers_are_kept(cast, client_as):
    response = client_as("sophie").post(reverse("couples:safety"), {"afraid": safety.NO})
    page = response.content.decode()
    assert page.count(say("forms.required")) == len(safety.QUESTIONS) - 1
    assert 'value="no" id="id_afraid_1" checked' in page or 'checked' in page


def test_the_database_row_does_not_say_who_raised_a_concern(cast, client_as):
    """A copy of the database must not tell which partner may be in danger: the row holds
    only encrypted answers, and the concern is read from them."""
    from django.db import connection

    answer(client_as("sophie"), afraid=safety.YES)
    table = SafetyCheck._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    assert not any("concern" in c for c in columns)
    stored = " ".join(str(v) for row in rows for v in row)
    assert "afraid" not in stored and safety.YES not in stored.split()
    sophie_check = SafetyCheck.objects.get(couple=cast.couple, user=cast.sophie)
    assert sophie_check.concern
    assert not SafetyCheck.objects.get(couple=cast.couple, user=cast.emma).concern
