"""Recovery codes: single-use stand-ins for the authenticator app, shown once, kept hashed."""
from __future__ import annotations

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from goldseam.web.accounts.models import RecoveryCode

#: How many codes a person gets at a time.
COUNT = 10
#: Letters and digits that cannot be misread for one another (no 0/o, 1/l/i).
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
#: Characters per code, shown as two groups of five (about 50 bits each).
LENGTH = 10


def _normalise(code: str) -> str:
    return "".join(c for c in code.lower() if c.isalnum())


def looks_like_one(code: str) -> bool:
    """Tell whether ``code`` has a recovery code's shape (ten letters and digits), which an
    authenticator's six digits never have."""
    return len(_normalise(code)) == LENGTH


def issue(user) -> list[str]:
    """Replace ``user``'s recovery codes with new ones and return them (the only time they
    exist in clear)."""
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user=user, digest=make_password(code)) for code in codes
        )
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def use(user, code: str) -> bool:
    """Spend ``code`` if it is one of ``user``'s unused recovery codes; say whether it was."""
    code = _normalise(code)
    if len(code) != LENGTH:
        return False
    for stored in RecoveryCode.objects.filter(user=user):
        if check_password(code, stored.digest):
            # Deleted where it matched: two requests racing with one code cannot both win.
            return RecoveryCode.objects.filter(pk=stored.pk).delete()[0] == 1
    return False


def left(user) -> int:
    """Return how many unused recovery codes ``user`` has."""
    return RecoveryCode.objects.filter(user=user).count()


def forget(user) -> None:
    """Delete every recovery code of ``user`` (the second step was turned off)."""
    RecoveryCode.objects.filter(user=user).delete()
