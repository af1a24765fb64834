"""Backup and restore round-trip every table exactly, on SQLite and on PostgreSQL."""
from __future__ import annotations

import hashlib
import json

import pytest
from django.db import connection

from goldseam.cli import run
from goldseam.web.core import backup
from goldseam.web.notes.models import Note

from .conftest import make_user


def table_hashes() -> dict[str, str]:
    """Return a SHA-256 of every table's rows, read with plain SQL in primary-key order."""
    hashes = {}
    with connection.cursor() as cursor:
        for model in backup.backed_up_models():
            table = model._meta.db_table
            pk = model._meta.pk.column
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY "{pk}"')
            rows = [[repr(v) for v in row] for row in cursor.fetchall()]
            hashes[table] = hashlib.sha256(json.dumps(rows).encode()).hexdigest()
    return hashes


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_back_every_table_exactly(cast, tmp_path):
    cast.link.consented_by.add(cast.sophie)
    before = table_hashes()
    path = tmp_path / "goldseam-backup.json.gz"
    assert run(["backup", str(path)]) == 0
    # Change the database in every way: delete, add, edit.
    Note.objects.filter(owner=cast.sophie).delete()
    make_user("intruder")
    Note.objects.filter(pk=cast.emma_shared.pk).update(kind="changed")
    assert table_hashes() != before
    assert run(["restore", "--yes", str(path)]) == 0
    assert table_hashes() == before
    # Sequences continue after the restored ids, so new rows do not collide.
    note = Note.objects.create(owner=cast.emma, couple=cast.couple, title="after", body="b")
    assert note.pk > cast.outsider_shared.pk
    assert Note.objects.get(pk=cast.sophie_shared.pk).body == "Sophie shared body"


def test_backup_file_holds_no_plaintext(cast, tmp_path):
    path = tmp_path / "backup.json"
    backup.write(path, backup.dump())
    text = path.read_text(encoding="utf-8")
    assert "Sophie shared body" not in text and "gs1:" in text


def test_restore_refuses_an_unknown_version_with_a_message(tmp_path, db):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": backup.FORMAT, "version": 99}))
    with pytest.raises(backup.BackupError, match="version 99"):
        backup.read(path)


def test_restore_refuses_other_migrations(tmp_path, db):
    document = backup.dump()
    document["migrations"] = document["migrations"][:-1]
    with pytest.raises(backup.BackupError, match="migrate"):
        backup.restore(document)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    path = tmp_path / "x.json"
    path.write_text("hello")
    with pytest.raises(backup.BackupError, match="not a Goldseam backup"):
        backup.read(path)
