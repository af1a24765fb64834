"""Encrypt a ritual's cadence, which is free text ("whenever Jules messages me") like a
commitment's: widen the column for ciphertext, then encrypt the rows stored in plain text.
"""

import goldseam.web.core.fields
from django.db import migrations

from goldseam.web.core import crypto


def encrypt_cadences(apps, schema_editor):
    """Encrypt every ritual's plain cadence in place; values already encrypted are left alone."""
    Ritual = apps.get_model("rebuild", "Ritual")
    with crypto.raw():  # read what is stored, plain text, without trying to decrypt it
        stored = list(Ritual.objects.values_list("pk", "cadence"))
    for pk, cadence in stored:
        if cadence and crypto.stored_key_id(cadence) is None:
            # Written through the field, so the value is bound to its column as any other.
            Ritual.objects.filter(pk=pk).update(cadence=cadence)


def decrypt_cadences(apps, schema_editor):
    """Store every ritual's cadence in plain text again, before the column narrows back."""
    Ritual = apps.get_model("rebuild", "Ritual")
    plain = list(Ritual.objects.values_list("pk", "cadence"))
    with crypto.raw():
        for pk, cadence in plain:
            Ritual.objects.filter(pk=pk).update(cadence=cadence)


class Migration(migrations.Migration):

    dependencies = [
        ('rebuild', '0002_occurrence_note_by'),
    ]

    operations = [
        migrations.AlterField(
            model_name='ritual',
            name='cadence',
            field=goldseam.web.core.fields.EncryptedTextField(max_length=200),
        ),
        migrations.RunPython(encrypt_cadences, decrypt_cadences),
    ]
