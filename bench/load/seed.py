"""Create N couples ready for the load run and write their sessions to a JSON file.

Each couple: two partners who answered the safety check calmly (joint work open), one injury
in which the first partner was hurt, and a signed-in session for each partner. Sessions are
made directly, not by signing in: Argon2 sign-ins are deliberately slow and are not what the
load run measures. Run with the environment the server will use (DATABASE_URL, data dir, key).

    python bench/load/seed.py 100 /tmp/load/sessions.json
"""
from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldseam.web.settings")

import django

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command

from goldseam.web.accounts.models import User
from goldseam.web.couples import safety
from goldseam.web.couples.models import Couple, Membership, SafetyCheck
from goldseam.web.journey.models import Injury


def session_for(user) -> str:
    """Return the key of a new signed-in session of ``user``."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def seed(n: int) -> list[dict]:
    """Create ``n`` couples; return, per couple, its injury and each partner's id and session."""
    calm = json.dumps({k: safety.NO for k in safety.QUESTION_KEYS})
    out = []
    for i in range(n):
        hurt = User.objects.create_user(username=f"load-h{i}", password=None, role="partner",
                                        display_name=f"Hurt {i}")
        other = User.objects.create_user(username=f"load-o{i}", password=None, role="partner",
                                         display_name=f"Other {i}")
        couple = Couple.objects.create()
        Membership.objects.create(couple=couple, user=hurt, is_hurt_partner=True)
        Membership.objects.create(couple=couple, user=other)
        for user in (hurt, other):
            SafetyCheck.objects.create(couple=couple, user=user, answers=calm)
        injury = Injury.objects.create(couple=couple, hurt_partner=hurt, created_by=hurt,
                                       title="The messages")
        out.append({"injury": injury.pk, "hurt": {"id": hurt.pk, "session": session_for(hurt)},
                    "other": {"id": other.pk, "session": session_for(other)}})
    return out


if __name__ == "__main__":
    call_command("migrate", verbosity=0)
    couples = seed(int(sys.argv[1]))
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(couples, handle)
    print(f"seeded {len(couples)} couples")
