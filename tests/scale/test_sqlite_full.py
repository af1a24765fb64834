"""A full disk under SQLite is reported to the person, never silently dropped.

A connection signal caps the database at its current size plus a few pages (PRAGMA
max_page_count), which SQLite treats exactly like a full disk: SQLITE_FULL, "database or disk
is full". Writing then must answer 503 with the clear message, and nothing may claim success.
"""
from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.backends.signals import connection_created

from goldseam.web.notes.models import Note

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
#: Pages left before the cap: room for small session writes, not for a long note.
HEADROOM_PAGES = 2


def cap(conn) -> None:
    with conn.cursor() as cursor:
        used = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {used + HEADROOM_PAGES}")


@pytest.fixture
def full_disk(transactional_db):
    """Cap the database (this connection and any opened later); lift the cap afterwards."""

    def on_connect(sender, connection, **kwargs):
        cap(connection)

    connection.ensure_connection()
    cap(connection)
    connection_created.connect(on_connect)
    yield
    connection_created.disconnect(on_connect)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA max_page_count = 1073741823")


@pytest.fixture
def sophie(transactional_db, settings, tmp_path):
    """Return a partner in a couple, with a test key ring (never a developer's key file)."""
    import base64

    from goldseam.web.accounts.models import User
    from goldseam.web.couples.models import Couple, Membership

    settings.ENCRYPTION_KEY = base64.b64encode(b"goldseam-full-disk-key-32-bytes!").decode()
    settings.ENCRYPTION_KEY_PATH = tmp_path / "keys.txt"
    couple = Couple.objects.create()
    user = User.objects.create_user(username="sophie", password=None, role="partner")
    Membership.objects.create(couple=couple, user=user, is_hurt_partner=True)
    return user


def signed_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_note_that_does_not_fit_is_reported_not_dropped(sophie, full_disk):
    client = signed_in_client(sophie)
    client.raise_request_exception = False
    body = "I needed you that night. " * 800  # about 20 kB: more than the pages left
    response = client.post("/notes/new/", {"title": "That night", "body": body[:19_000]})
    assert response.status_code == 503
    assert "nothing was saved" in response.content.decode()
    assert not Note.objects.filter(owner=sophie).exists()


def test_api_write_that_does_not_fit_answers_the_error_object(sophie, full_disk):
    from goldseam.web.api.models import ApiToken

    with connection.cursor() as cursor:  # the token itself must fit: lift, issue, cap again
        cursor.execute("PRAGMA max_page_count = 1073741823")
    _, secret = ApiToken.issue(sophie, "t", ["write"])
    cap(connection)
    from django.test import Client

    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
        "/api/notes", json.dumps({"title": "x", "body": "y" * 19_000}),
        content_type="application/json")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"
    assert not Note.objects.filter(owner=sophie).exists()
