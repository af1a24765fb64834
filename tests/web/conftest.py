"""The test cast every web test shares.

- ``sophie``: the hurt partner; ``emma``: the other partner (one couple, both safety checks
  answered without concern, so joint work is open);
- ``therapist``: invited by both, active link, scope ``["note"]``;
- ``stranger_therapist``: a therapist nobody invited;
- ``outsider``: Olivia, a partner in another couple (with Oscar) who has her own notes;
- ``anon``: nobody signed in.

Records (notes): ``sophie_private``, ``sophie_shared``, ``emma_private``, ``emma_shared``,
``outsider_shared``. Other apps add their own records in their tests or fixtures.
"""
from __future__ import annotations

import base64
import json
from types import SimpleNamespace

import pytest
from django.test import Client

from goldseam.web.accounts.models import User
from goldseam.web.accounts.reauth import SESSION_KEY
from goldseam.web.couples import safety
from goldseam.web.couples.models import Couple, Membership, SafetyCheck, TherapistLink
from goldseam.web.notes.models import Note

ACTORS = ("sophie", "emma", "therapist", "stranger_therapist", "outsider", "anon")
#: A fixed key so tests never touch a developer's key file.
TEST_KEY = base64.b64encode(b"goldseam-test-key-32-bytes-long!").decode()
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.ENCRYPTION_KEY = TEST_KEY
    settings.ENCRYPTION_KEY_PATH = tmp_path / "keys.txt"
    # Argon2 is deliberately slow; the cast is created hundreds of times. test_accounts checks
    # that the real settings put Argon2 first.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, role: str = "partner", name: str | None = None) -> User:
    """Create a user whose password is PASSWORD."""
    return User.objects.create_user(username=username, password=PASSWORD, role=role,
                                    display_name=name or username.title(),
                                    email=f"{username}@example.org")


def raise_concern(checks) -> None:
    """Answer "yes" to being afraid on ``checks`` (a SafetyCheck queryset): a concern is read
    from the encrypted answers, there is no flag to set."""
    afraid = json.dumps({**{k: safety.NO for k in safety.QUESTION_KEYS}, "afraid": safety.YES})
    assert checks.update(answers=afraid)


def make_couple(first: User, second: User | None, *, checked: bool = True) -> Couple:
    """Put ``first`` (hurt) and ``second`` in a couple; answer both safety checks calmly."""
    couple = Couple.objects.create()
    Membership.objects.create(couple=couple, user=first, is_hurt_partner=True)
    if second is not None:
        Membership.objects.create(couple=couple, user=second)
    if checked:
        calm = json.dumps({k: safety.NO for k in safety.QUESTION_KEYS})
        for user in filter(None, (first, second)):
            SafetyCheck.objects.create(couple=couple, user=user, answers=calm)
    return couple


def make_note(owner: User, couple: Couple | None, title: str, *, shared: bool) -> Note:
    note = Note.objects.create(owner=owner, couple=couple, title=title, body=f"{title} body")
    if shared:
        note.share()
    return note


@pytest.fixture
def cast(db):
    """Create the cast and their records; return them as attributes."""
    sophie = make_user("sophie", name="Sophie")
    emma = make_user("emma", name="Emma")
    therapist = make_user("therapist", "therapist", "Dr. Okafor")
    stranger = make_user("stranger_therapist", "therapist", "Dr. Nobody")
    outsider = make_user("outsider", name="Olivia")
    oscar = make_user("oscar", name="Oscar")
    couple = make_couple(sophie, emma)
    other_couple = make_couple(outsider, oscar)
    link = TherapistLink.objects.create(couple=couple, created_by=sophie, therapist=therapist,
                                        scope=["note"])
    link.consented_by.add(sophie, emma)
    other_link = TherapistLink.objects.create(couple=other_couple, created_by=outsider,
                                              scope=["note"])
    return SimpleNamespace(
        sophie=sophie, emma=emma, therapist=therapist, stranger_therapist=stranger,
        outsider=outsider, oscar=oscar, couple=couple, other_couple=other_couple, link=link,
        other_link=other_link,
        sophie_private=make_note(sophie, couple, "Sophie private", shared=False),
        sophie_shared=make_note(sophie, couple, "Sophie shared", shared=True),
        emma_private=make_note(emma, couple, "Emma private", shared=False),
        emma_shared=make_note(emma, couple, "Emma shared", shared=True),
        outsider_shared=make_note(outsider, other_couple, "Olivia shared", shared=True),
    )


def signed_in_client(user: User | None, *, fresh: bool = True) -> Client:
    """Return a client signed in as ``user`` (anonymous for None); ``fresh``: just re-authed."""
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if fresh:
            import time

            session = client.session
            session[SESSION_KEY] = time.time()
            session.save()
    return client


@pytest.fixture
def client_as(cast):
    """Return a function giving a signed-in client for an actor name from ACTORS."""

    def make(actor: str, *, fresh: bool = True) -> Client:
        return signed_in_client(None if actor == "anon" else getattr(cast, actor), fresh=fresh)

    return make
