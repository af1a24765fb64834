"""Throw schema-generated requests at every API operation as each of the cast: no 500, no leak.

Schemathesis reads /api/openapi.json from the app (in-process, WSGI) and generates valid and
invalid requests for every operation. Each actor sends them with their own token carrying
every scope. Bounded: ``MAX_EXAMPLES`` per operation and actor.
"""
from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from goldseam.web.api.models import SCOPES, ApiToken

pytestmark = pytest.mark.slow
MAX_EXAMPLES = 5
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

#: Text only its owner (and, for shared records, the couple and its therapist) may ever see.
SECRETS = {
    "sophie_private": "Sophie private body",
    "emma_private": "Emma private body",
    "outsider_shared": "Olivia shared body",
}
#: The secrets each actor must never receive.
FORBIDDEN = {
    "sophie": ["emma_private", "outsider_shared"],
    "emma": ["sophie_private", "outsider_shared"],
    "therapist": ["sophie_private", "emma_private", "outsider_shared"],
    "stranger_therapist": list(SECRETS),
    "outsider": ["sophie_private", "emma_private"],
}


@pytest.fixture(params=list(FORBIDDEN))
def actor_token(request, cast):
    """Return (actor name, bearer header) for each member of the cast."""
    _, secret = ApiToken.issue(getattr(cast, request.param), "fuzz", SCOPES)
    return request.param, {"Authorization": f"Bearer {secret}"}


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_no_leak(case, actor_token, settings_override):
    actor, headers = actor_token
    response = case.call(headers=headers)
    assert response.status_code < 500, (
        f"{actor} {case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}")
    for name in FORBIDDEN[actor]:
        assert SECRETS[name] not in response.text, f"{actor} received {name}"
    if response.status_code >= 400 and response.headers.get("Content-Type", "").startswith(
            "application/json"):
        assert "error" in response.json(), "every failure answers the error object"


@pytest.fixture
def settings_override(settings):
    # Generated requests come fast; the limit itself is tested in test_api.py.
    settings.API_RATE_PER_MINUTE = 1_000_000
    settings.ALLOWED_HOSTS = ["*"]
