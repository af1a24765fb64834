"""The commitment ledger in the web app: marks, confirmations, disagreements, versions, refusals."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from goldseam.trust.catalogue import say as trust_say
from goldseam.web.rebuild import bridge
from goldseam.web.rebuild import models as m
from goldseam.web.rebuild.state import load

from .permissions.rebuild import make_commitment, mark_day, sophie_commitment

pytestmark = pytest.mark.django_db


def today():
    return timezone.now().date()


def test_owner_marks_today_and_partner_confirms_it_counts_once(cast, client_as):
    row = make_commitment(cast.sophie, cast.couple)
    sophie, emma = client_as("sophie"), client_as("emma")
    response = sophie.post(reverse("rebuild:mark", kwargs={"pk": row.pk}),
                           {"day": today().isoformat(), "kept": "1", "note": "Sent at 17:40"})
    assert response.status_code == 302
    entry = m.Occurrence.objects.get(commitment=row, due=today())
    assert entry.owner_kept is True and entry.partner_kept is None
    page = emma.get(reverse("rebuild:commitment", kwargs={"pk": row.pk}))
    assert "Waiting for your word" in page.content.decode()
    response = emma.post(reverse("rebuild:confirm", kwargs={"pk": row.pk}),
                         {"key": entry.key, "kept": "agree", "note": "I saw it, thank you"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.partner_kept is True
    # Both notes kept: the partner's answer does not wipe the owner's note.
    assert "Sent at 17:40" in entry.note or "I saw it" in entry.note
    lib = load(cast.sophie, cast.couple).commitment(row.pk)
    assert [o.kept for o in lib.outcomes()] == [True]


def test_partner_cannot_mark_the_owners_commitment_and_nothing_is_stored(cast, client_as):
    row = make_commitment(cast.sophie, cast.couple)
    response = client_as("emma").post(reverse("rebuild:mark", kwargs={"pk": row.pk}),
                                      {"day": today().isoformat(), "kept": "1",
                                       "note": "my words stay"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Only the person who made this commitment can mark it" in body
    assert "my words stay" in body
    assert not m.Occurrence.objects.filter(commitment=row).exists()


def test_confirming_twice_keeps_the_first_answer_and_says_so(cast, client_as):
    row = sophie_commitment(cast)
    emma = client_as("emma")
    url = reverse("rebuild:confirm", kwargs={"pk": row.pk})
    assert emma.post(url, {"key": cast._awaiting.key, "kept": "0"}).status_code == 302
    second = emma.post(url, {"key": cast._awaiting.key, "kept": "agree"})
    assert second.status_code == 400
    assert "already been answered" in second.content.decode()
    cast._awaiting.refresh_from_db()
    assert cast._awaiting.partner_kept is False
    assert m.Occurrence.objects.filter(commitment=row).count() == 1


def test_a_late_second_answer_is_not_written_over_the_first(cast):
    row = sophie_commitment(cast)
    lib = load(cast.emma, cast.couple, commitment_pk=row.pk).commitment(row.pk)
    first = lib.confirm_key(str(cast.emma.pk), timezone.now(), cast._awaiting.key, False)
    stale = load(cast.emma, cast.couple, commitment_pk=row.pk).commitment(row.pk)
    second = stale.confirm_key(str(cast.emma.pk), timezone.now(), cast._awaiting.key, True)
    assert bridge.save_occurrence(row, first, answering=True) is True
    # The second tab loaded before the first answer was saved: it must not count again.
    assert bridge.save_occurrence(row, second, answering=True) is False
    cast._awaiting.refresh_from_db()
    assert cast._awaiting.partner_kept is False


def test_owner_cannot_confirm_their_own_commitment(cast, client_as):
    row = sophie_commitment(cast)
    response = client_as("sophie").post(reverse("rebuild:confirm", kwargs={"pk": row.pk}),
                                        {"key": cast._awaiting.key, "kept": "agree"})
    assert response.status_code == 400
    assert "your partner is the one who confirms it" in response.content.decode()
    cast._awaiting.refresh_from_db()
    assert cast._awaiting.partner_kept is None


def test_disagreement_is_shown_gently_to_both(cast, client_as):
    row = sophie_commitment(cast)
    client_as("emma").post(reverse("rebuild:confirm", kwargs={"pk": row.pk}),
                           {"key": cast._awaiting.key, "kept": "0"})
    expected = trust_say("disagreement.owner_kept_partner_missed",
                         date=cast._awaiting.due.isoformat(), owner="Sophie", partner="Emma")
    for actor in ("sophie", "emma"):
        page = client_as(actor).get(reverse("rebuild:commitment", kwargs={"pk": row.pk}))
        assert "you saw this differently" in page.content.decode()
        assert expected.split(":")[0] in page.content.decode()


def test_unparseable_cadence_keeps_what_was_typed_and_saves_nothing(cast, client_as):
    response = client_as("sophie").post(reverse("rebuild:commitment-new"), {
        "text": "I'll call you at lunch", "cadence": "every blue moon",
        "start": today().isoformat(),
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "couldn&#x27;t read" in body or "couldn't read" in body
    assert "I&#x27;ll call you at lunch" in body
    assert "every blue moon" in body
    assert not m.Commitment.objects.exists()


def test_commitment_text_and_cadence_are_encrypted_at_rest(cast, client_as):
    client_as("sophie").post(reverse("rebuild:commitment-new"), {
        "text": "I'll tell you when Jules writes", "cadence": "whenever Jules writes",
        "start": today().isoformat(),
    })
    with connection.cursor() as cursor:
        cursor.execute("SELECT text, cadence FROM rebuild_commitmentversion")
        raw = cursor.fetchall()
    assert raw and all("Jules" not in value for row in raw for value in row)


def test_renegotiating_adds_a_version_and_keeps_history_and_entries(cast, client_as):
    row = sophie_commitment(cast)
    response = client_as("sophie").post(reverse("rebuild:renegotiate", kwargs={"pk": row.pk}), {
        "text": "I'll text you when I leave, and when I'm late", "cadence": "weekdays",
        "start": today().isoformat(), "note": "We agreed weekends are looser",
    })
    assert response.status_code == 302
    assert list(row.versions.values_list("number", flat=True)) == [1, 2]
    assert m.Occurrence.objects.filter(commitment=row).count() == 1
    page = client_as("emma").get(reverse("rebuild:commitment", kwargs={"pk": row.pk}))
    body = page.content.decode()
    assert "Version 1" in body and "Version 2" in body and "We agreed weekends" in body


def test_retired_commitment_takes_no_new_marks(cast, client_as):
    row = make_commitment(cast.sophie, cast.couple, days_ago=5)
    sophie = client_as("sophie")
    assert sophie.post(reverse("rebuild:retire", kwargs={"pk": row.pk})).status_code == 302
    row.refresh_from_db()
    assert row.retired_on == today()
    response = sophie.post(reverse("rebuild:mark", kwargs={"pk": row.pk}),
                           {"day": today().isoformat(), "kept": "1"})
    assert response.status_code == 400
    assert "retired" in response.content.decode()
    assert not m.Occurrence.objects.filter(commitment=row).exists()


def test_either_partner_logs_a_moment_of_a_whenever_commitment(cast, client_as):
    row = make_commitment(cast.emma, cast.couple, "I'll tell you the same day",
                          "whenever Jules contacts me")
    url = reverse("rebuild:log", kwargs={"pk": row.pk})
    assert client_as("emma").post(url, {"kept": "1"}).status_code == 302
    assert client_as("sophie").post(url, {"kept": "0", "note": "I heard from a friend"}
                                    ).status_code == 302
    entries = m.Occurrence.objects.filter(commitment=row)
    assert entries.count() == 2
    assert {(e.owner_kept, e.partner_kept) for e in entries} == {(True, None), (None, False)}


def test_a_future_day_cannot_be_marked(cast, client_as):
    row = make_commitment(cast.sophie, cast.couple)
    response = client_as("sophie").post(reverse("rebuild:mark", kwargs={"pk": row.pk}), {
        "day": (today() + timedelta(days=2)).isoformat(), "kept": "1"})
    assert response.status_code == 400
    assert "isn&#x27;t due yet" in response.content.decode()


def test_a_garbled_mark_is_refused_with_a_message(cast, client_as):
    row = make_commitment(cast.sophie, cast.couple)
    response = client_as("sophie").post(reverse("rebuild:mark", kwargs={"pk": row.pk}),
                                        {"day": "yesterday-ish", "kept": "maybe"})
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()


def test_ledger_shows_a_range_in_words_never_a_bare_percentage(cast, client_as):
    row = make_commitment(cast.sophie, cast.couple, days_ago=20)
    for back in range(1, 15):
        entry = mark_day(row, today() - timedelta(days=back), kept=back != 3)
        entry.partner_kept = entry.owner_kept
        entry.save()
    body = client_as("emma").get(reverse("rebuild:ledger")).content.decode()
    assert "Kept 11 of the last 12 times; likely between" in body


def test_the_owners_export_holds_the_promise_its_versions_and_entries(cast):
    from goldseam.web.accounts.export import build_export

    row = sophie_commitment(cast)
    records = [r for r in build_export(cast.sophie)["records"] if r["kind"] == "commitment"]
    assert records[0]["versions"][0]["text"] == "I'll text you when I leave work"
    assert records[0]["occurrences"][0]["owner_kept"] is True
    assert row.pk == records[0]["id"]


def test_ledger_says_one_unmarked_entry_in_the_singular(cast, client_as):
    make_commitment(cast.sophie, cast.couple, days_ago=1)
    body = client_as("sophie").get(reverse("rebuild:ledger")).content.decode()
    assert "1 earlier entry nobody has marked yet." in body
