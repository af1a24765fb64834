"""Re-encrypt every encrypted column under the current key (``goldseam rotate-key``)."""
from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db import transaction

from goldseam.web.core import crypto
from goldseam.web.core.fields import EncryptedTextField


def encrypted_columns() -> list[tuple[type, list[EncryptedTextField]]]:
    """Return each installed model with its encrypted fields."""
    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            found.append((model, fields))
    return found


def reencrypt_all(progress: Callable[[str, int], None] | None = None) -> int:
    """Re-encrypt every value not under the current key; return how many values changed.

    Runs in one transaction per model, so a failure leaves each table either all old or all new
    (both readable while the old key stays in the ring).
    """
    current = crypto.keyring().current_id
    changed = 0
    for model, fields in encrypted_columns():
        names = [f.name for f in fields]
        count = 0
        with transaction.atomic(), crypto.raw():
            rows = model._base_manager.select_for_update().values_list("pk", *names)
            for pk, *values in rows:
                update = {}
                for field, value in zip(fields, values, strict=True):
                    if value and crypto.stored_key_id(value) != current:
                        context = field.context_for(model)
                        update[field.name] = crypto.encrypt(crypto.decrypt(value, context), context)
                if update:
                    model._base_manager.filter(pk=pk).update(**update)
                    count += len(update)
        changed += count
        if progress:
            progress(model._meta.label, count)
    return changed


def keys_in_use() -> set[str]:
    """Return the key ids that stored values use."""
    used: set[str] = set()
    for model, fields in encrypted_columns():
        with crypto.raw():
            for values in model._base_manager.values_list(*[f.name for f in fields]):
                used |= {crypto.stored_key_id(v) for v in values if v}
    return used
