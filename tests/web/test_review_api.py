"""Review: API tokens, CSRF on session writes, and the coach's rate limit on every path."""
from __future__ import annotations

import json
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from goldseam.web.api.models import ApiToken
from goldseam.web.journey.views.coach import COACH_RATE_PER_MINUTE


def _bearer(user, scopes) -> tuple[ApiToken, Client]:
    token, secret = ApiToken.issue(user, "review", scopes)
    return token, Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture(autouse=True)
def _no_spent_limit_left_behind():
    """Clear the cache after each test: user ids repeat across tests, so a spent coach limit
    would answer 429 to the next file's coach requests (test_permissions' journey:coach row)."""
    yield
    cache.clear()


def _exhaust_coach_limit(user) -> None:
    """Spend this minute's coach requests of ``user`` as the page counts them."""
    cache.clear()
    key = f"journey:coach:{user.pk}:{int(time.time() // 60)}"
    cache.set(key, COACH_RATE_PER_MINUTE, timeout=90)


def test_token_secret_is_not_in_the_database(cast):
    token, secret = ApiToken.issue(cast.sophie, "phone", ["read"])
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(secret not in str(value) for value in stored.values())


def test_revoked_token_cannot_read(cast):
    token, client = _bearer(cast.sophie, ["read"])
    assert client.get("/api/notes").status_code == 200
    token.revoke()
    assert client.get("/api/notes").status_code == 401


def test_token_of_a_deactivated_person_cannot_read(cast):
    _, client = _bearer(cast.sophie, ["read"])
    cast.sophie.is_active = False
    cast.sophie.save()
    assert client.get("/api/notes").status_code == 401


def test_token_of_a_deleted_account_cannot_read(cast):
    from goldseam.web.accounts.deletion import delete_account

    _, client = _bearer(cast.sophie, ["read"])
    delete_account(cast.sophie)
    assert client.get("/api/notes").status_code == 401


def test_session_write_to_the_api_needs_the_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.emma, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/api/notes", json.dumps({"title": "no token", "body": ""}),
                           content_type="application/json")
    assert response.status_code in (401, 403)
    from goldseam.web.notes.models import Note

    assert not [n for n in Note.objects.filter(owner=cast.emma) if n.title == "no token"]


def test_read_only_token_cannot_revoke_other_tokens(cast):
    other, _ = ApiToken.issue(cast.sophie, "laptop", ["read", "write"])
    _, client = _bearer(cast.sophie, ["read"])
    client.delete(f"/api/tokens/{other.pk}")
    other.refresh_from_db()
    assert other.revoked_at is None


def test_token_cannot_revoke_another_persons_token(cast):
    emmas, _ = ApiToken.issue(cast.emma, "emma's", ["read"])
    _, client = _bearer(cast.sophie, ["read", "write"])
    assert client.delete(f"/api/tokens/{emmas.pk}").status_code == 404
    emmas.refresh_from_db()
    assert emmas.revoked_at is None


def test_coach_page_endpoint_stops_a_partner_over_the_limit(cast, client_as):
    _exhaust_coach_limit(cast.sophie)
    response = client_as("sophie").post(reverse("journey:coach"),
                                        {"text": "You never listen.", "role": "hurt"})
    assert response.status_code == 429


def test_api_coach_stops_a_partner_over_the_coach_limit(cast):
    _exhaust_coach_limit(cast.sophie)
    _, client = _bearer(cast.sophie, ["analyze"])
    response = client.post("/api/analysis/coach",
                           json.dumps({"text": "You never listen.", "role": "hurt"}),
                           content_type="application/json")
    assert response.status_code == 429


def test_coach_endpoint_refuses_anonymous_and_therapists(cast, client_as):
    body = {"text": "You never listen.", "role": "hurt"}
    anon = client_as("anon").post(reverse("journey:coach"), body)
    assert anon.status_code == 302
    assert client_as("therapist").post(reverse("journey:coach"), body).status_code == 403
