"""Free text is encrypted at rest, bound to its column, and survives key rotation."""
from __future__ import annotations

import base64

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from goldseam.web.core import crypto, rotation
from goldseam.web.core.fields import EncryptedTextField
from goldseam.web.couples import safety
from goldseam.web.couples.models import SafetyCheck
from goldseam.web.notes.models import Note

SECRET_PHRASE = "confiding in Jules about our fights"


def raw_database_text() -> str:
    """Return every text value of every table, read with plain SQL, joined."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                chunks.extend(str(v) for v in row if v is not None)
    return "\n".join(chunks)


def test_raw_database_holds_no_plaintext_of_notes_or_safety_answers(cast):
    Note.objects.create(owner=cast.sophie, couple=cast.couple, title="Private title ÅÉ",
                        body=f"I learned she was {SECRET_PHRASE}.")
    raw = raw_database_text()
    assert SECRET_PHRASE not in raw
    assert "Private title" not in raw
    assert "Sophie private body" not in raw
    assert '"afraid"' not in raw  # safety answers are encrypted JSON
    assert "gs1:" in raw


def test_encrypted_value_reads_back_exactly_including_any_script(cast):
    text = "Ich fühlte mich verlassen 💔 — 我觉得被抛弃了\n<b>é</b>"
    note = Note.objects.create(owner=cast.sophie, couple=cast.couple, title="t", body=text)
    assert Note.objects.get(pk=note.pk).body == text


def test_every_model_with_free_text_uses_encrypted_fields():
    # Free text a partner writes must never sit in a plain TextField of our apps.
    for model in apps.get_models():
        if not model.__module__.startswith("goldseam."):
            continue
        for field in model._meta.concrete_fields:
            if type(field).__name__ == "TextField":
                pytest.fail(f"{model._meta.label}.{field.name} is a plain TextField")


def test_ciphertext_moved_to_another_column_does_not_decrypt(cast):
    with crypto.raw():
        stored = Note.objects.values_list("body", flat=True).get(pk=cast.sophie_private.pk)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(stored, "notes.note.title")


def test_altered_ciphertext_is_refused(cast):
    with crypto.raw():
        stored = Note.objects.values_list("body", flat=True).get(pk=cast.sophie_private.pk)
    prefix, kid, body = stored.split(":", 2)
    raw = bytearray(base64.b64decode(body))
    raw[-1] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{prefix}:{kid}:{base64.b64encode(raw).decode()}", "notes.note.body")


def test_rotation_reencrypts_every_value_under_the_new_key_and_text_survives(cast, settings):
    old_id = crypto.keyring().current_id
    new = crypto.new_key()
    settings.ENCRYPTION_KEY = f"{new},{settings.ENCRYPTION_KEY}"
    assert crypto.keyring().current_id != old_id
    assert rotation.keys_in_use() == {old_id}
    changed = rotation.reencrypt_all()
    assert changed >= 10  # 5 notes x 2 fields, plus safety answers
    assert rotation.keys_in_use() == {crypto.keyring().current_id}
    settings.ENCRYPTION_KEY = new  # the old key is gone: everything must still read
    assert Note.objects.get(pk=cast.sophie_shared.pk).body == "Sophie shared body"
    assert SafetyCheck.objects.get(user=cast.sophie).answer_dict()["afraid"] == safety.NO


def test_value_under_a_key_no_longer_in_the_ring_says_what_to_do(cast, settings):
    settings.ENCRYPTION_KEY = crypto.new_key()
    with pytest.raises(crypto.DecryptionError, match="restore the old key file"):
        Note.objects.get(pk=cast.sophie_shared.pk)


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"short").decode(), " , "])
def test_bad_key_setting_fails_loudly(settings, bad):
    settings.ENCRYPTION_KEY = bad
    with pytest.raises(ImproperlyConfigured):
        crypto.keyring()


def test_key_file_is_created_once_on_a_laptop_and_reused(settings, tmp_path):
    settings.ENCRYPTION_KEY = ""
    settings.ENCRYPTION_KEY_PATH = tmp_path / "ring.txt"
    first = crypto.keyring().current_id
    crypto.keyring.cache_clear()
    assert crypto.keyring().current_id == first
    assert oct((tmp_path / "ring.txt").stat().st_mode & 0o777) == "0o600"


def test_safety_answers_field_is_encrypted():
    assert isinstance(SafetyCheck._meta.get_field("answers"), EncryptedTextField)


def test_full_clean_enforces_the_plaintext_length_limit(cast):
    from django.core.exceptions import ValidationError

    note = Note(owner=cast.sophie, couple=cast.couple, kind="note", title="t",
                body="x" * (Note._meta.get_field("body").max_length + 1))
    with pytest.raises(ValidationError, match="body"):
        note.full_clean()
