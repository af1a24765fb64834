"""Seed the demo couple, Sophie and Emma, and their therapist (``goldseam seed``).

Sophie and Emma have been together six years. Sophie learned that Emma had been confiding in an
ex about their problems. The seed is idempotent: it does nothing when Sophie already exists.
Apps may add their own demo records with a module ``goldseam.web.<app>.demo`` exposing
``seed(cast: dict) -> None``; it is called after the couple exists.
"""
from __future__ import annotations

import importlib
import importlib.util
import json

from django.conf import settings
from django.db import transaction

from goldseam.web.accounts.models import User
from goldseam.web.couples import safety
from goldseam.web.couples.models import Couple, Membership, SafetyCheck, TherapistLink
from goldseam.web.notes.models import Note

#: Sign-in details printed by ``goldseam serve --demo``. Demo only: never used outside the seed.
DEMO_ACCOUNTS = {
    "sophie": {"display_name": "Sophie", "password": "sophie-goldseam-demo", "role": "partner"},
    "emma": {"display_name": "Emma", "password": "emma-goldseam-demo", "role": "partner"},
    "therapist": {"display_name": "Dr. Amara Okafor", "password": "therapist-goldseam-demo",
                  "role": "therapist"},
}

SOPHIE_SHARED = (
    "What I found",
    ("Last month I saw the messages between you and Jules. For months you had been telling her "
    "about us: about our fights, about me. I felt shut out of my own relationship. I felt like "
    "the one person I trusted most had a place to go that I did not know about, and that I was "
    "the problem you talked about there.\n\nI need to understand why you went to her instead "
    "of to me. I need to know I'm your person."),
)
SOPHIE_PRIVATE = (
    "Before our session",
    "I keep rereading the messages at night. I don't want to keep score, but I can't stop.",
)
EMMA_PRIVATE = (
    "What I want to say",
    ("I went to Jules because every time I tried to talk to Sophie it turned into a fight and I "
    "froze. That isn't an excuse. I hid it, and that was the real betrayal."),
)


def demo_exists() -> bool:
    """Return True when the demo couple is already in the database."""
    return User.objects.filter(username="sophie").exists()


@transaction.atomic
def seed_demo() -> dict:
    """Create the demo accounts, couple, safety checks, notes and therapist link; return them."""
    users = {}
    for username, spec in DEMO_ACCOUNTS.items():
        users[username] = User.objects.create_user(
            username=username, password=spec["password"], display_name=spec["display_name"],
            role=spec["role"], email=f"{username}@example.org",
        )
    couple = Couple.objects.create()
    Membership.objects.create(couple=couple, user=users["sophie"], is_hurt_partner=True)
    Membership.objects.create(couple=couple, user=users["emma"], is_hurt_partner=False)
    calm = json.dumps({key: safety.NO for key in safety.QUESTION_KEYS})
    for name in ("sophie", "emma"):
        SafetyCheck.objects.create(couple=couple, user=users[name], answers=calm)
    shared = Note.objects.create(owner=users["sophie"], couple=couple, title=SOPHIE_SHARED[0],
                                 body=SOPHIE_SHARED[1])
    shared.share()
    Note.objects.create(owner=users["sophie"], couple=couple, title=SOPHIE_PRIVATE[0],
                        body=SOPHIE_PRIVATE[1])
    Note.objects.create(owner=users["emma"], couple=couple, title=EMMA_PRIVATE[0],
                        body=EMMA_PRIVATE[1])
    link = TherapistLink.objects.create(couple=couple, created_by=users["sophie"],
                                        therapist=users["therapist"], scope=["note"])
    link.consented_by.add(users["sophie"], users["emma"])
    cast = {"couple": couple, **users}
    for app in settings.OPTIONAL_APPS:
        module = f"goldseam.web.{app}.demo"
        if f"goldseam.web.{app}" in settings.INSTALLED_APPS and importlib.util.find_spec(module):
            importlib.import_module(module).seed(cast)
    return cast


def sign_in_details(base_url: str = "http://127.0.0.1:8000") -> str:
    """Return the text telling a person how to sign in as each demo account."""
    lines = [f"Goldseam demo at {base_url}/  (Sophie and Emma, partners of six years)"]
    for username, spec in DEMO_ACCOUNTS.items():
        lines.append(f"  {spec['display_name']:<18} sign-in name: {username:<10} "
                     f"password: {spec['password']}")
    return "\n".join(lines)
