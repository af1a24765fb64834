"""Review: export holds everything a person wrote, deletion removes it, free text is encrypted."""
from __future__ import annotations

import json

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from goldseam.web.accounts.deletion import delete_account
from goldseam.web.accounts.export import build_export
from goldseam.web.rebuild import models as rebuild
from goldseam.web.therapist.models import SessionNote

from .permissions.rebuild import sophie_commitment

SESSION_WORDS = "Emma minimises; Sophie hypervigilant"
EMMA_ENTRY_NOTE = "I kept it but I was scared to tell you where I was"
RITUAL_CADENCE = "whenever Jules messages me"


def _raw_column(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # table and column names are ours
        return [str(row[0]) for row in cursor.fetchall()]


def test_therapist_export_holds_their_session_notes(cast):
    SessionNote.objects.create(therapist=cast.therapist, couple=cast.couple, text=SESSION_WORDS)
    assert SESSION_WORDS in json.dumps(build_export(cast.therapist))


def test_deleting_a_therapist_removes_their_session_notes(cast):
    SessionNote.objects.create(therapist=cast.therapist, couple=cast.couple, text=SESSION_WORDS)
    delete_account(cast.therapist)
    assert not SessionNote.objects.exists()


def test_session_note_is_encrypted_at_rest(cast):
    SessionNote.objects.create(therapist=cast.therapist, couple=cast.couple, text=SESSION_WORDS)
    stored = _raw_column(SessionNote._meta.db_table, "text")
    assert stored and all(SESSION_WORDS not in value for value in stored)


def _emma_confirms_with_a_note(cast, client_as):
    row = sophie_commitment(cast)
    occurrence = cast._awaiting
    response = client_as("emma").post(reverse("rebuild:confirm", args=[row.pk]), {
        "key": occurrence.key, "kept": "agree", "note": EMMA_ENTRY_NOTE})
    assert response.status_code == 302, response.content.decode()[:500]
    occurrence.refresh_from_db()
    assert EMMA_ENTRY_NOTE in occurrence.note
    return occurrence


def test_deleting_an_account_removes_its_notes_on_the_partners_entries(cast, client_as):
    occurrence = _emma_confirms_with_a_note(cast, client_as)
    delete_account(cast.emma)
    occurrence.refresh_from_db()
    assert EMMA_ENTRY_NOTE not in occurrence.note


def test_export_holds_the_notes_a_partner_wrote_on_the_others_entries(cast, client_as):
    _emma_confirms_with_a_note(cast, client_as)
    assert EMMA_ENTRY_NOTE in json.dumps(build_export(cast.emma))


def test_ritual_cadence_is_encrypted_at_rest(cast, client_as):
    response = client_as("sophie").post(reverse("rebuild:rituals"),
                                        {"kind": "daily_talk", "cadence": RITUAL_CADENCE})
    assert response.status_code == 302, response.content.decode()[:500]
    assert rebuild.Ritual.objects.filter(couple=cast.couple).exists()
    stored = _raw_column(rebuild.Ritual._meta.db_table, "cadence")
    assert all(RITUAL_CADENCE not in value for value in stored)


def test_checkin_need_and_note_are_encrypted_at_rest(cast):
    rebuild.CheckIn.objects.create(owner=cast.sophie, couple=cast.couple, at=timezone.now(),
                                   ratings={}, need="to hear where you are",
                                   note="I lay awake again", shared_at=timezone.now())
    for column in ("need", "note"):
        stored = _raw_column(rebuild.CheckIn._meta.db_table, column)
        assert all("where you are" not in v and "awake" not in v for v in stored)


def test_export_never_holds_the_partners_safety_answers(cast):
    data = build_export(cast.emma)
    assert len(data["safety_checks"]) == 1
    assert all(r.get("model") != "couples.safetycheck" for r in data["records"])
