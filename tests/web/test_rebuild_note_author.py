"""Whose words an entry's note holds: export and deletion follow the note's author."""
from __future__ import annotations

import json

from django.urls import reverse
from django.utils import timezone

from goldseam.web.accounts.deletion import delete_account
from goldseam.web.accounts.export import build_export

from .permissions.rebuild import make_commitment, sophie_event_commitment

SOPHIE_NOTE = "I texted from the car park"
EMMA_NOTE = "I saw it and felt calmer"


def _sophie_marks_today_with_a_note(cast, client_as):
    row = make_commitment(cast.sophie, cast.couple)
    response = client_as("sophie").post(reverse("rebuild:mark", args=[row.pk]), {
        "day": timezone.now().date().isoformat(), "kept": "1", "note": SOPHIE_NOTE})
    assert response.status_code == 302, response.content.decode()[:500]
    return row, row.occurrences.get()


def test_a_confirmation_without_words_leaves_the_note_the_owners(cast, client_as):
    row, occurrence = _sophie_marks_today_with_a_note(cast, client_as)
    response = client_as("emma").post(reverse("rebuild:confirm", args=[row.pk]),
                                      {"key": occurrence.key, "kept": "agree"})
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert (occurrence.note, occurrence.note_by) == (SOPHIE_NOTE, cast.sophie)
    assert build_export(cast.emma)["apps"]["rebuild"]["notes_on_partners_entries"] == []
    delete_account(cast.emma)
    occurrence.refresh_from_db()
    assert occurrence.note == SOPHIE_NOTE


def test_the_partners_words_on_an_entry_are_theirs(cast, client_as):
    row, occurrence = _sophie_marks_today_with_a_note(cast, client_as)
    client_as("emma").post(reverse("rebuild:confirm", args=[row.pk]),
                           {"key": occurrence.key, "kept": "agree", "note": EMMA_NOTE})
    occurrence.refresh_from_db()
    assert occurrence.note_by == cast.emma
    assert EMMA_NOTE not in json.dumps(build_export(cast.sophie)["apps"]["rebuild"])


def test_a_moment_the_partner_logs_carries_their_note(cast, client_as):
    row = sophie_event_commitment(cast)
    response = client_as("emma").post(reverse("rebuild:log", args=[row.pk]),
                                      {"kept": "1", "note": EMMA_NOTE})
    assert response.status_code == 302, response.content.decode()[:500]
    assert row.occurrences.get().note_by == cast.emma
    exported = build_export(cast.emma)["apps"]["rebuild"]["notes_on_partners_entries"]
    assert [n["note"] for n in exported] == [EMMA_NOTE]
