"""Provide EncryptedTextField: free text stored as AES-GCM ciphertext, read back as str."""
from __future__ import annotations

from django.core import validators
from django.db import models

from goldseam.web.core import crypto


class EncryptedTextField(models.TextField):
    """Store a string encrypted at rest; the database holds only ``gs1:<key>:<ciphertext>``.

    Inside ``crypto.raw()`` values pass through untouched in both directions, for backup,
    restore and key rotation, which move ciphertext without opening it.

    ``max_length`` limits the plaintext (checked by forms and by ``full_clean``); the column
    itself is unbounded because ciphertext is longer. Values are bound to their column, so a
    ciphertext copied into another column or table does not decrypt. Encrypted values cannot
    be searched or ordered by the database.
    """

    description = "Text encrypted with AES-GCM"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            # TextField leaves max_length to forms; full_clean() and the API must enforce it too.
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        self._context = None  # computed lazily: abstract parents share the field object

    def context_for(self, model) -> str:
        """Return the associated-data label binding a value to ``app.model.field``."""
        return f"{model._meta.label_lower}.{self.name}"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "" or crypto.raw_mode():
            return value
        return crypto.decrypt(value, self.context_for(self.model))

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "" or crypto.raw_mode():
            return value
        return crypto.encrypt(str(value), self.context_for(self.model))

    def get_db_prep_value(self, value, connection, prepared=False):
        # Lookups other than isnull/exact-empty would compare ciphertexts, which never match.
        return value if prepared else self.get_prep_value(value)
