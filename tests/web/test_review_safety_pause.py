"""Review: a safety concern pauses joint work on every path, the API included.

The pages put ``require_joint_work_allowed`` on sharing and on every joint page (statement,
ledger, story); the API must hold the same line, or a partner who raised a concern is not
protected by the pause (product spec, principle 2).
"""
from __future__ import annotations

import json

import pytest
from django.urls import reverse

from goldseam.web.api.models import ApiToken
from goldseam.web.couples.models import SafetyCheck

from .conftest import raise_concern
from .permissions.journey import make_injury, make_statement
from .permissions.rebuild import sophie_commitment


def _pause(cast) -> None:
    """Let Sophie's safety answers raise a concern, which pauses the couple's joint work."""
    raise_concern(SafetyCheck.objects.filter(couple=cast.couple, user=cast.sophie))
    assert cast.couple.joint_work_state() == "paused"


def _bearer(client_factory, user):
    _, secret = ApiToken.issue(user, "review", ["read", "write"])
    return client_factory(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def api_as(cast):
    from django.test import Client

    return lambda user: _bearer(Client, user)


def test_page_refuses_to_share_a_note_while_paused(cast, client_as):
    _pause(cast)
    response = client_as("emma").post(reverse("notes:share", args=[cast.emma_private.pk]))
    cast.emma_private.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("couples:joint-status")
    assert cast.emma_private.shared_at is None


def test_api_refuses_to_share_a_note_while_paused(cast, api_as):
    _pause(cast)
    response = api_as(cast.emma).post(f"/api/notes/{cast.emma_private.pk}/share")
    cast.emma_private.refresh_from_db()
    assert cast.emma_private.shared_at is None
    assert response.status_code == 409


def test_api_refuses_to_write_the_statement_while_paused(cast, api_as):
    injury = make_injury(cast)
    _pause(cast)
    response = api_as(cast.sophie).put(
        f"/api/injuries/{injury.pk}/statement",
        json.dumps({"what_happened": "x", "impact": "y"}), content_type="application/json")
    assert response.status_code == 409


def test_statement_page_is_closed_to_the_other_partner_while_paused(cast, client_as):
    injury = make_injury(cast)
    make_statement(cast, injury, shared=True)
    _pause(cast)
    response = client_as("emma").get(reverse("journey:statement", args=[injury.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("couples:joint-status")


@pytest.mark.parametrize("detail", [False, True], ids=["list", "one"])
def test_api_hides_the_shared_statement_from_the_other_partner_while_paused(cast, api_as,
                                                                            detail):
    injury = make_injury(cast)
    statement = make_statement(cast, injury, shared=True)
    _pause(cast)
    url = f"/api/statements/{statement.pk}" if detail else "/api/statements"
    response = api_as(cast.emma).get(url)
    assert statement.what_happened not in response.content.decode()


@pytest.mark.parametrize("detail", [False, True], ids=["list", "one"])
def test_api_hides_the_partners_commitments_while_paused(cast, api_as, detail):
    row = sophie_commitment(cast)
    _pause(cast)
    url = f"/api/commitments/{row.pk}" if detail else "/api/commitments"
    response = api_as(cast.emma).get(url)
    assert "I'll text you when I leave work" not in response.content.decode()


def test_ledger_page_is_closed_while_paused(cast, client_as):
    row = sophie_commitment(cast)
    _pause(cast)
    response = client_as("emma").get(reverse("rebuild:commitment", args=[row.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("couples:joint-status")


def test_other_partner_sees_only_the_neutral_message(cast, client_as):
    _pause(cast)
    from goldseam.web.core.wording import say

    page = client_as("emma").get(reverse("couples:joint-status")).content.decode()
    assert say("joint.paused_neutral") in page
    assert say("joint.paused_answerer") not in page


def test_api_me_does_not_say_who_raised_the_concern(cast, api_as):
    _pause(cast)
    body = api_as(cast.emma).get("/api/me").json()
    assert body["joint_work"] == "paused"
    assert "concern" not in json.dumps(body)
