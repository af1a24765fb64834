"""The journey, stage by stage: who may write what, what is shared, which milestones are kept."""
from __future__ import annotations

import html

import pytest
from django.urls import reverse

from goldseam.web.journey import models as m
from goldseam.web.rebuild import models as ledger

from .conftest import raise_concern
from .permissions.journey import (
    EMMA_ROUND,
    SOPHIE_HAPPENED,
    SOPHIE_IMPACT,
    make_account,
    make_injury,
    make_need,
    make_need_response,
    make_round,
    make_statement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def injury(cast):
    return make_injury(cast)


def test_hurt_partner_starts_an_injury_and_sees_her_next_step(client_as, cast):
    sophie = client_as("sophie")
    response = sophie.post(reverse("journey:injury-new"),
                           {"title": "The messages with Jules", "who": "me"})
    injury = m.Injury.objects.get()
    assert response.status_code == 302
    assert injury.hurt_partner == cast.sophie and injury.title == "The messages with Jules"
    page = sophie.get(reverse("journey:home")).content.decode()
    assert "The messages with Jules" in page
    assert "Describe what happened and what it did to you." in page


def test_other_partner_sees_she_is_waiting_on_the_hurt_partner(client_as, injury):
    page = client_as("emma").get(reverse("journey:injury", args=[injury.pk])).content.decode()
    assert "Waiting on Sophie" in page


def test_partner_can_name_the_other_as_hurt(client_as, cast):
    client_as("emma").post(reverse("journey:injury-new"), {"title": "Late nights", "who": "me"})
    client_as("sophie").post(reverse("journey:injury-new"),
                             {"title": "The phone", "who": "partner"})
    hurt = {i.title: i.hurt_partner for i in m.Injury.objects.all()}
    assert hurt == {"Late nights": cast.emma, "The phone": cast.emma}


def test_statement_draft_stays_private_until_shared(client_as, cast, injury):
    sophie = client_as("sophie")
    url = reverse("journey:statement", args=[injury.pk])
    sophie.post(url, {"what_happened": SOPHIE_HAPPENED, "impact": SOPHIE_IMPACT,
                      "action": "save"})
    assert SOPHIE_HAPPENED not in client_as("emma").get(url).content.decode()
    sophie.post(url, {"what_happened": SOPHIE_HAPPENED, "impact": SOPHIE_IMPACT,
                      "action": "share"})
    assert "Jules about our fights" in client_as("emma").get(url).content.decode()
    assert m.JourneyEvent.objects.filter(injury=injury, kind="statement_shared").exists()
    sophie.post(reverse("journey:statement-unshare", args=[injury.pk]))
    assert "Jules about our fights" not in client_as("emma").get(url).content.decode()


def test_statement_is_stored_encrypted(cast, injury):
    from django.db import connection

    make_statement(cast, injury, shared=False)
    with connection.cursor() as cursor:
        cursor.execute("select what_happened from journey_statement")
        stored = cursor.fetchone()[0]
    assert stored.startswith("gs1:") and "Jules" not in stored


def test_sharing_needs_both_parts(client_as, injury):
    response = client_as("sophie").post(
        reverse("journey:statement", args=[injury.pk]),
        {"what_happened": SOPHIE_HAPPENED, "impact": "", "action": "share"})
    assert response.status_code == 400
    assert "Please write both parts before sharing." in response.content.decode()
    assert not m.Statement.objects.get().is_shared


def test_check_my_words_renders_the_coach_without_javascript(client_as, injury):
    response = client_as("sophie").post(
        reverse("journey:statement", args=[injury.pk]),
        {"what_happened": "You lied to me and you always put her first.", "impact": "",
         "action": "check"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="mark-blame">' in page
    assert "may land as blame" in page


def test_other_partner_cannot_write_the_statement(client_as, injury):
    response = client_as("emma").post(reverse("journey:statement", args=[injury.pk]),
                                      {"what_happened": "x", "impact": "y", "action": "save"})
    assert response.status_code == 403
    assert "Only Sophie writes this statement" in response.content.decode()
    assert not m.Statement.objects.exists()


def test_autosave_keeps_the_draft_private(client_as, injury):
    response = client_as("sophie").post(
        reverse("journey:statement-autosave", args=[injury.pk]),
        {"what_happened": "Half a thought", "impact": ""})
    assert response.status_code == 200 and response.json()["saved"] is True
    record = m.Statement.objects.get()
    assert record.what_happened == "Half a thought" and not record.is_shared


def test_autosave_refuses_the_other_partner(client_as, injury):
    response = client_as("emma").post(reverse("journey:statement-autosave", args=[injury.pk]),
                                      {"what_happened": "mine now", "impact": ""})
    assert response.status_code == 403
    assert not m.Statement.objects.exists()


def test_first_softening_is_marked_when_shared_words_move_to_primary_emotion(client_as, injury):
    sophie = client_as("sophie")
    url = reverse("journey:statement", args=[injury.pk])
    sophie.post(url, {"what_happened": "You hid it.", "impact": "I am so angry.",
                      "action": "share"})
    assert not m.JourneyEvent.objects.filter(kind="first_softening").exists()
    sophie.post(url, {"what_happened": "You hid it.", "impact": "I felt scared and alone.",
                      "action": "save"})
    assert m.JourneyEvent.objects.filter(injury=injury, kind="first_softening").exists()


def test_private_drafts_leave_no_trace_of_their_emotions(client_as, injury):
    sophie = client_as("sophie")
    url = reverse("journey:statement", args=[injury.pk])
    for impact in ("I am so angry.", "I felt scared and alone."):
        sophie.post(url, {"what_happened": "You hid it.", "impact": impact, "action": "save"})
    injury.refresh_from_db()
    assert not injury.secondary_seen
    assert not m.JourneyEvent.objects.filter(kind="first_softening").exists()


def test_sharing_soft_words_after_angry_private_drafts_marks_no_softening(client_as, injury):
    # Emma never read the anger, so the marker would only reveal what the drafts said.
    sophie = client_as("sophie")
    url = reverse("journey:statement", args=[injury.pk])
    sophie.post(url, {"what_happened": "You hid it.", "impact": "I am so angry.",
                      "action": "save"})
    sophie.post(url, {"what_happened": "You hid it.", "impact": "I felt scared and alone.",
                      "action": "share"})
    assert m.Statement.objects.get().is_shared
    assert not m.JourneyEvent.objects.filter(kind="first_softening").exists()


def test_autosave_of_a_shared_statement_reads_its_words(client_as, injury):
    sophie = client_as("sophie")
    sophie.post(reverse("journey:statement", args=[injury.pk]),
                {"what_happened": "You hid it.", "impact": "I am so angry.", "action": "share"})
    sophie.post(reverse("journey:statement-autosave", args=[injury.pk]),
                {"what_happened": "You hid it.", "impact": "I felt scared and alone."})
    assert m.JourneyEvent.objects.filter(injury=injury, kind="first_softening").exists()


def test_the_api_autosave_path_reads_no_private_draft(cast, injury):
    # api/routes/journey.py calls note_hurt_words after every save, shared or not.
    from goldseam.web.journey.views.common import note_hurt_words

    record = m.Statement.objects.create(owner=cast.sophie, couple=cast.couple, injury=injury,
                                        what_happened="You hid it.", impact="I am so angry.")
    note_hurt_words(injury, cast.sophie, record.text)
    record.impact = "I felt scared and alone."
    record.save()
    note_hurt_words(injury, cast.sophie, record.text)
    injury.refresh_from_db()
    assert not injury.secondary_seen
    assert not m.JourneyEvent.objects.filter(kind="first_softening").exists()


def test_sharing_by_any_path_reads_the_shared_words(cast, injury):
    # The API's share route calls Statement.share() only: the model reads the words itself.
    record = m.Statement.objects.create(owner=cast.sophie, couple=cast.couple, injury=injury,
                                        what_happened="You hid it.", impact="I am so angry.")
    record.share()
    injury.refresh_from_db()
    assert injury.secondary_seen
    record.unshare()
    record.impact = "I felt scared and alone."
    record.save()
    record.share()
    assert m.JourneyEvent.objects.filter(injury=injury, kind="first_softening").exists()


def test_cycle_map_appears_when_both_shared_and_names_the_pattern(client_as, cast, injury):
    url = reverse("journey:cycle", args=[injury.pk])
    make_account(cast.sophie, cast.couple, injury, "kept asking who she was texting",
                 "replaceable", "that I am not your person", "to know I matter",
                 shared=True)
    page = client_as("sophie").get(url).content.decode()
    assert "The map appears when both of you have shared your side." in page
    client_as("emma").post(url, {"did": "I went quiet and left the room", "felt": "ashamed",
                                 "feared": "that I keep failing you",
                                 "longed": "to be close without a fight", "action": "share"})
    page = client_as("sophie").get(url).content.decode()
    assert "When Sophie kept asking who she was texting, Emma feels ashamed" in page
    assert "pursue-withdraw" in page
    assert "<svg" in page and "Neither of you is the problem" in page


def test_cycle_account_draft_is_private(client_as, cast, injury):
    url = reverse("journey:cycle", args=[injury.pk])
    client_as("emma").post(url, {"did": "went silent", "felt": "", "feared": "", "longed": "",
                                 "action": "save"})
    assert "went silent" not in client_as("sophie").get(url).content.decode()


def test_acknowledgment_waits_for_the_shared_statement(client_as, injury):
    emma = client_as("emma")
    response = emma.get(reverse("journey:acknowledge", args=[injury.pk]))
    assert response.status_code == 302
    page = emma.get(response.url).content.decode()
    assert "That step is not open yet" in page


def test_rounds_repeat_until_the_hurt_partner_feels_heard(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    emma, sophie = client_as("emma"), client_as("sophie")
    url = reverse("journey:acknowledge", args=[injury.pk])
    emma.post(url, {"text": "I'm sorry if you felt hurt.", "action": "send"})
    first = m.Response.objects.get(number=1)
    assert first.is_shared
    assert m.JourneyEvent.objects.filter(kind="first_acknowledgment").exists()
    sophie.post(reverse("journey:answer-round", args=[injury.pk, first.pk]),
                {"felt_heard": "no", "question": "Why did you go to her?"})
    emma.post(url, {"text": EMMA_ROUND, "action": "send"})
    second = m.Response.objects.get(number=2)
    sophie.post(reverse("journey:answer-round", args=[injury.pk, second.pk]),
                {"felt_heard": "yes", "question": ""})
    assert m.JourneyEvent.objects.filter(kind="felt_heard").exists()
    page = sophie.get(url).content.decode()
    assert "Round 1" in page and "Round 2" in page and "Why did you go to her?" in page


def test_a_second_round_waits_for_the_answer_to_the_first(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    make_round(cast, injury)
    response = client_as("emma").post(reverse("journey:acknowledge", args=[injury.pk]),
                                      {"text": "One more thing", "action": "send"})
    assert response.status_code == 409
    assert "One more thing" in response.content.decode()  # the typed text is kept
    assert m.Response.objects.filter(shared_at__isnull=False).count() == 1


def test_hurt_partner_cannot_write_the_acknowledgment(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    response = client_as("sophie").post(reverse("journey:acknowledge", args=[injury.pk]),
                                        {"text": "Pretending to be Emma", "action": "send"})
    assert response.status_code == 403
    assert not m.Response.objects.exists()


def test_other_partner_cannot_answer_felt_heard(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    round_ = make_round(cast, injury)
    response = client_as("emma").post(reverse("journey:answer-round", args=[injury.pk, round_.pk]),
                                      {"felt_heard": "yes"})
    assert response.status_code == 403
    assert not m.HeardAnswer.objects.exists()


def test_heard_answer_needs_a_choice_and_keeps_the_question(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    round_ = make_round(cast, injury)
    response = client_as("sophie").post(
        reverse("journey:answer-round", args=[injury.pk, round_.pk]),
        {"question": "What did you tell her about me?"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Please choose" in page and "What did you tell her about me?" in page


def test_acknowledgment_check_explains_a_full_acknowledgment(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    response = client_as("emma").post(reverse("journey:acknowledge", args=[injury.pk]),
                                      {"text": "I'm sorry you feel that way.", "action": "check"})
    page = response.content.decode()
    assert "What your answer holds so far" in page
    assert "mark-empty_apology" in page


def test_needs_are_named_by_the_hurt_partner_only(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    url = reverse("journey:needs", args=[injury.pk])
    assert client_as("emma").post(url, {"text": "I need space"}).status_code == 403
    client_as("sophie").post(url, {"text": "I need to know I'm your person."})
    need = m.Need.objects.get()
    assert need.is_shared and need.owner == cast.sophie


def test_a_promise_in_the_answer_becomes_a_ledger_commitment(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    need = make_need(cast, injury)
    emma = client_as("emma")
    url = reverse("journey:needs", args=[injury.pk])
    promise = "From now on I'll tell you whenever she contacts me."
    emma.post(reverse("journey:need-respond", args=[injury.pk, need.pk]),
              {f"n{need.pk}-text": f"You are my person. {promise}"})
    answer = m.NeedResponse.objects.get()
    page = html.unescape(emma.get(url).content.decode())
    assert "Promises that can become commitments" in page and promise in page
    response = emma.post(reverse("journey:commit", args=[injury.pk, answer.pk]),
                         {f"c{answer.pk}-text": promise,
                          f"c{answer.pk}-cadence": "whenever she contacts me"})
    assert response.status_code == 302
    row = ledger.Commitment.objects.get()
    assert row.owner == cast.emma and row.is_shared
    assert row.versions.get().text == promise
    assert "Promises that can become commitments" not in emma.get(url).content.decode()


def test_only_promises_the_engine_found_can_be_committed(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    need = make_need(cast, injury)
    answer = make_need_response(cast, need, "I'll tell you whenever she contacts me.")
    response = client_as("emma").post(
        reverse("journey:commit", args=[injury.pk, answer.pk]),
        {f"c{answer.pk}-text": "Something never said", f"c{answer.pk}-cadence": "daily"})
    assert response.status_code == 400
    assert not ledger.Commitment.objects.exists()


def test_needs_wait_for_the_statement(client_as, injury):
    response = client_as("sophie").get(reverse("journey:needs", args=[injury.pk]))
    assert response.status_code == 302


def test_need_suggestions_come_from_the_statement(client_as, cast, injury):
    record = make_statement(cast, injury, shared=True)
    record.what_happened = "You lied to me and you always put her first."
    record.save()
    page = client_as("sophie").get(reverse("journey:needs", args=[injury.pk])).content.decode()
    assert "Drawn from your statement" in page and "I need" in page


def test_paused_joint_work_closes_the_journey(client_as, cast, injury):
    raise_concern(cast.couple.safety_checks.filter(user=cast.emma))
    response = client_as("sophie").get(reverse("journey:statement", args=[injury.pk]))
    assert response.status_code == 302 and response.url == reverse("couples:joint-status")
    page = client_as("sophie").get(reverse("journey:home")).content.decode()
    assert "The messages with Jules" not in page


def test_other_couples_injury_is_not_found(client_as, cast):
    theirs = m.Injury.objects.create(couple=cast.other_couple, hurt_partner=cast.outsider,
                                     title="Theirs")
    assert client_as("sophie").get(reverse("journey:injury", args=[theirs.pk])).status_code == 404


def test_chat_import_keeps_the_reading_privately_not_the_chat(client_as, cast, injury):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    raw = Path("tests/fixtures/transcripts/plain.txt").read_bytes()
    response = client_as("sophie").post(
        reverse("journey:chat-import", args=[injury.pk]),
        {"chat": SimpleUploadedFile("chat.txt", raw, content_type="text/plain")})
    assert response.status_code == 302
    timeline = m.ChatTimeline.objects.get()
    assert not timeline.is_shared
    assert "Who is he, really" not in timeline.result
    chart = reverse("journey:timeline-chart", args=[injury.pk, timeline.pk])
    assert client_as("emma").get(chart).status_code == 404
    client_as("sophie").post(reverse("journey:timeline-share", args=[injury.pk, timeline.pk]))
    assert client_as("emma").get(chart).status_code == 200


def test_chat_import_names_a_file_it_cannot_read(client_as, injury):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as("sophie").post(
        reverse("journey:chat-import", args=[injury.pk]),
        {"chat": SimpleUploadedFile("chat.bin", b"\x00\x01\x02binary", content_type="x/y")})
    assert response.status_code == 400
    assert "This file could not be read" in response.content.decode()
    assert not m.ChatTimeline.objects.exists()


def test_deleting_one_account_keeps_what_the_other_partner_wrote(cast, injury):
    from goldseam.web.accounts.deletion import delete_account

    make_statement(cast, injury, shared=True)
    round_ = make_round(cast, injury)
    answer = make_need_response(cast, make_need(cast, injury), "You are my person.")
    delete_account(cast.sophie)
    assert not m.Statement.objects.exists()
    assert m.Response.objects.filter(pk=round_.pk, owner=cast.emma).exists()
    assert m.NeedResponse.objects.filter(pk=answer.pk).exists()


def test_each_injury_has_its_own_path(client_as, cast, injury):
    other = make_injury(cast, "The late nights")
    make_statement(cast, injury, shared=True)
    page = client_as("emma").get(reverse("journey:injury", args=[other.pk])).content.decode()
    assert "Opens after step 1" in page


def test_demo_seed_puts_the_couple_at_stage_two(db, settings):
    from goldseam.web.core.demo import seed_demo

    cast = seed_demo()
    injury = m.Injury.objects.get()
    assert injury.hurt_partner == cast["sophie"]
    assert m.Statement.objects.get(injury=injury).is_shared
    assert not m.CycleAccount.objects.get(owner=cast["emma"]).is_shared


def test_needs_the_statement_already_names_are_offered_first(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    page = html.unescape(client_as("sophie").get(
        reverse("journey:needs", args=[injury.pk])).content.decode())
    assert "I need to know I'm your person." in page.split("Drawn from your statement")[1]


def test_waiting_and_next_steps_follow_the_rounds(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    url = reverse("journey:injury", args=[injury.pk])
    assert "Read Sophie's statement and answer it." in html.unescape(
        client_as("emma").get(url).content.decode())
    make_round(cast, injury)
    emma_page = client_as("emma").get(url).content.decode()
    sophie_page = html.unescape(client_as("sophie").get(url).content.decode())
    assert "Waiting on Sophie" in emma_page
    assert "Read Emma's answer and say whether you felt heard." in sophie_page


def test_saving_a_shared_statement_says_the_partner_sees_the_change(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    sophie = client_as("sophie")
    response = sophie.post(reverse("journey:statement", args=[injury.pk]),
                           {"what_happened": "Changed", "impact": "Still hurt",
                            "action": "save"}, follow=True)
    assert "Emma sees this version" in response.content.decode()


def test_timeline_chart_is_served_with_a_policy_that_runs_no_script(client_as, cast, injury):
    timeline = m.ChatTimeline.objects.create(
        owner=cast.sophie, couple=cast.couple, injury=injury, result="{}",
        chart_svg="<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    response = client_as("sophie").get(
        reverse("journey:timeline-chart", args=[injury.pk, timeline.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "script" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("route, method", [("timeline-chart", "get"),
                                           ("timeline-share", "post"),
                                           ("timeline-delete", "post")])
def test_a_timeline_answers_only_under_its_own_injury(client_as, cast, injury, route, method):
    other = make_injury(cast, "Late nights")
    timeline = m.ChatTimeline.objects.create(
        owner=cast.sophie, couple=cast.couple, injury=injury, result="{}",
        chart_svg="<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    sophie = client_as("sophie")
    wrong = getattr(sophie, method)(reverse(f"journey:{route}", args=[other.pk, timeline.pk]))
    assert wrong.status_code == 404
    timeline.refresh_from_db()
    assert not timeline.is_shared
    right = getattr(sophie, method)(reverse(f"journey:{route}", args=[injury.pk, timeline.pk]))
    assert right.status_code in (200, 302)


def test_the_journey_is_in_the_partners_navigation(client_as):
    page = client_as("sophie").get(reverse("couples:home")).content.decode()
    assert f'href="{reverse("journey:home")}">Our journey</a>' in page


def test_cycle_account_autosaves_privately(client_as, cast, injury):
    response = client_as("emma").post(reverse("journey:cycle-autosave", args=[injury.pk]),
                                      {"did": "went quiet", "felt": "", "feared": "",
                                       "longed": ""})
    assert response.json()["saved"] is True
    record = m.CycleAccount.objects.get(owner=cast.emma)
    assert record.did == "went quiet" and not record.is_shared
