"""The migration that encrypts rituals' cadences turns stored plain text into ciphertext."""
from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from goldseam.web.couples.models import Couple
from goldseam.web.rebuild import models as m

BEFORE = ("rebuild", "0002_occurrence_note_by")
AFTER = ("rebuild", "0003_ritual_cadence_encrypted")
CADENCE = "whenever Jules messages me"


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def _stored_cadences() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cadence FROM {m.Ritual._meta.db_table}")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_existing_plain_cadences_are_encrypted_and_can_be_restored():
    old_apps = _migrate(BEFORE)
    couple = Couple.objects.create()
    old_apps.get_model("rebuild", "Ritual").objects.create(
        couple_id=couple.pk, kind="daily_talk", cadence=CADENCE, start=timezone.now().date())
    assert _stored_cadences() == [CADENCE]
    try:
        _migrate(AFTER)
        assert all(CADENCE not in value for value in _stored_cadences())
        assert m.Ritual.objects.get().cadence == CADENCE
        _migrate(BEFORE)
        assert _stored_cadences() == [CADENCE]
    finally:
        _migrate(AFTER)
