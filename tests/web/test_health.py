"""Test /healthz, /readyz and the clear 503 when the database goes away."""
from __future__ import annotations

from unittest import mock

from django.db import OperationalError
from django.test import Client

from goldseam.web import health


def test_healthz_answers_without_the_database():
    with mock.patch.object(health, "check_database", side_effect=AssertionError):
        assert Client().get("/healthz").json() == {"status": "alive"}


def test_readyz_is_ready_when_the_database_answers(db):
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_readyz_is_503_when_the_database_does_not(db):
    with mock.patch.object(health, "check_database", return_value="OperationalError"):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"]


def test_readyz_checks_redis_when_configured(db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] != "ok"


def test_page_that_loses_the_database_says_so_with_503(cast, client_as):
    client = client_as("sophie")
    with mock.patch("goldseam.web.notes.views.readable_records",
                    side_effect=OperationalError("server closed the connection")):
        response = client.get("/notes/")
    assert response.status_code == 503
    assert "Please try again in a minute" in response.content.decode()
    assert client.get("/notes/").status_code == 200  # and recovers on the next request


def test_api_that_loses_the_database_answers_the_error_object(cast, client_as):
    with mock.patch("goldseam.web.api.routes.notes.readable_records",
                    side_effect=OperationalError("gone")):
        response = client_as("sophie").get("/api/notes")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"


def test_a_real_bug_stays_a_500(cast, client_as):
    from django.db import IntegrityError

    client = client_as("sophie")
    client.raise_request_exception = False
    with mock.patch("goldseam.web.notes.views.readable_records",
                    side_effect=IntegrityError("dup")):
        assert client.get("/notes/").status_code == 500
