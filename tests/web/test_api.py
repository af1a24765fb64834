"""Test the JSON API with tokens: scopes, revocation, rate limit, errors, and the access rules."""
from __future__ import annotations

import json

import pytest
from django.test import Client

from goldseam.web.api.models import ApiToken

from .conftest import raise_concern
from .permissions.journey import make_injury, make_statement
from .permissions.rebuild import sophie_commitment


def bearer(user, scopes=("read", "write", "analyze", "export")) -> Client:
    """Return a client that sends a fresh token of ``user`` with ``scopes``."""
    _, secret = ApiToken.issue(user, "test", scopes)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def send(client: Client, method: str, url: str, body=None):
    return client.generic(method, url, json.dumps(body) if body is not None else "",
                          content_type="application/json")


def test_token_stores_only_a_digest_of_its_secret(cast):
    token, secret = ApiToken.issue(cast.sophie, "phone", ["read"])
    assert secret.startswith("gs_") and secret not in token.key_digest
    assert ApiToken.find(secret) == token
    assert ApiToken.find(secret + "x") is None


def test_token_reads_what_its_person_reads_and_no_more(cast):
    response = bearer(cast.emma).get("/api/notes")
    titles = {n["title"] for n in response.json()}
    assert response.status_code == 200
    assert titles == {"Emma private", "Emma shared", "Sophie shared"}


def test_other_couple_record_answers_404_with_the_error_object(cast):
    response = bearer(cast.outsider).get(f"/api/notes/{cast.sophie_shared.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "Sophie" not in response.content.decode()


def test_revoked_token_is_refused_with_401(cast):
    token, secret = ApiToken.issue(cast.sophie, "phone", ["read"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/me").status_code == 200
    token.revoke()
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_token_without_write_scope_cannot_share(cast):
    client = bearer(cast.sophie, ["read"])
    response = client.post(f"/api/notes/{cast.sophie_private.pk}/share")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "scope"
    cast.sophie_private.refresh_from_db()
    assert cast.sophie_private.shared_at is None


def test_token_without_export_scope_cannot_export(cast):
    assert bearer(cast.sophie, ["read"]).get("/api/export").status_code == 403
    data = bearer(cast.sophie, ["export"]).get("/api/export").json()
    assert data["format"] == "goldseam-export"
    assert {r["title"] for r in data["records"]} == {"Sophie private", "Sophie shared"}


def test_session_export_needs_a_fresh_password(cast, client_as):
    assert client_as("sophie", fresh=False).get("/api/export").status_code == 403
    assert client_as("sophie", fresh=True).get("/api/export").status_code == 200


def test_share_then_unshare_moves_a_note_in_and_out_of_partner_view(cast):
    sophie, emma = bearer(cast.sophie), bearer(cast.emma)
    url = f"/api/notes/{cast.sophie_private.pk}"
    assert emma.get(url).status_code == 404
    assert sophie.post(url + "/share").json()["shared"] is True
    assert emma.get(url).json()["body"] == "Sophie private body"
    assert sophie.post(url + "/unshare").json()["shared"] is False
    assert emma.get(url).status_code == 404


def test_partner_cannot_edit_or_delete_a_shared_note(cast):
    emma = bearer(cast.emma)
    url = f"/api/notes/{cast.sophie_shared.pk}"
    assert send(emma, "PUT", url, {"title": "mine now", "body": ""}).status_code == 404
    assert emma.delete(url).status_code == 404
    cast.sophie_shared.refresh_from_db()
    assert cast.sophie_shared.title == "Sophie shared"


def test_invalid_body_names_fields_without_echoing_values(cast):
    secret_text = "x" * 30_000
    response = send(bearer(cast.sophie), "POST", "/api/notes",
                    {"title": "ok", "body": secret_text})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"][0]["field"] == "body"
    assert secret_text not in response.content.decode()


def test_autosave_keeps_the_draft_private_until_shared(cast):
    injury = make_injury(cast)
    sophie, emma = bearer(cast.sophie), bearer(cast.emma)
    saved = send(sophie, "PUT", f"/api/injuries/{injury.pk}/statement",
                 {"what_happened": "You hid the messages.", "impact": "I felt alone."})
    assert saved.status_code == 200 and saved.json()["shared"] is False
    pk = saved.json()["id"]
    assert emma.get(f"/api/statements/{pk}").status_code == 404
    assert sophie.post(f"/api/statements/{pk}/share").status_code == 200
    assert emma.get(f"/api/statements/{pk}").json()["impact"] == "I felt alone."


def test_only_the_hurt_partner_writes_the_statement(cast):
    injury = make_injury(cast)
    response = send(bearer(cast.emma), "PUT", f"/api/injuries/{injury.pk}/statement",
                    {"what_happened": "x", "impact": "y"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "only_hurt"


def test_therapist_reads_statement_only_when_its_kind_is_in_scope(cast):
    record = make_statement(cast, make_injury(cast), shared=True)
    client = bearer(cast.therapist)
    assert client.get(f"/api/statements/{record.pk}").status_code == 404
    cast.link.scope = ["note", "injury_statement"]
    cast.link.save()
    assert client.get(f"/api/statements/{record.pk}").status_code == 200


def test_checkin_note_stays_with_its_writer_unless_shared(cast):
    from goldseam.trust.checkins import instrument

    ratings = {item.id: 5 for item in instrument().items}
    made = send(bearer(cast.sophie), "POST", "/api/checkins",
                {"ratings": ratings, "need": "more time together", "note": "tired today"})
    assert made.status_code == 201, made.content
    seen = bearer(cast.emma).get("/api/checkins").json()
    assert seen[0]["need"] == "more time together" and seen[0]["note"] is None
    trends = bearer(cast.emma).get("/api/trends").json()
    assert any(line["points"] for line in trends)


def test_checkin_with_rating_off_the_scale_is_refused_with_a_message(cast):
    from goldseam.trust.checkins import instrument

    ratings = {item.id: 99 for item in instrument().items}
    response = send(bearer(cast.sophie), "POST", "/api/checkins",
                    {"ratings": ratings, "need": "x"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "trust"
    assert response.json()["error"]["message"]


def test_commitment_entries_are_read_by_the_couple_only(cast):
    row = sophie_commitment(cast)
    data = bearer(cast.emma).get(f"/api/commitments/{row.pk}").json()
    assert data["text"] == "I'll text you when I leave work"
    assert data["occurrences"][0]["owner_kept"] is True
    assert bearer(cast.outsider).get(f"/api/commitments/{row.pk}").status_code == 404


def test_analysis_answers_the_engine_contract(cast):
    client = bearer(cast.sophie, ["analyze"])
    result = send(client, "POST", "/api/analysis/analyze",
                  {"text": "You never listen to me."}).json()
    assert "blame" in result["codes"]
    cycle = send(client, "POST", "/api/analysis/cycle", {"turns": [
        {"speaker": "A", "text": "You never listen to me!"},
        {"speaker": "B", "text": "Whatever. I'm done talking."},
        {"speaker": "A", "text": "You always walk away, you don't care."},
        {"speaker": "B", "text": "Fine."}]}).json()
    assert cycle["pattern"] in {"pursue-withdraw", "attack-attack", "withdraw-withdraw", "none"}
    assert send(bearer(cast.sophie, ["read"]), "POST", "/api/analysis/analyze",
                {"text": "hi"}).status_code == 403


def test_rate_limit_answers_429_with_retry_after(cast, settings):
    settings.API_RATE_PER_MINUTE = 3
    from django.core.cache import cache

    cache.clear()
    client = bearer(cast.sophie)
    codes = [client.get("/api/me").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    response = client.get("/api/me")
    assert response.json()["error"]["code"] == "rate_limited"
    assert int(response["Retry-After"]) >= 1
    cache.clear()


def test_token_page_shows_the_secret_once_and_revokes(cast, client_as):
    client = client_as("sophie")
    page = client.post("/api/tokens/", {"name": "My phone", "scopes": ["read"]})
    token = ApiToken.objects.get(user=cast.sophie, name="My phone")
    assert token.hint in page.content.decode()
    assert client.get("/api/tokens/").content.decode().count("gs_") == 1  # the hint only
    client.post(f"/api/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_page_refuses_a_token_without_scopes(cast, client_as):
    page = client_as("sophie").post("/api/tokens/", {"name": "Nothing", "scopes": []})
    assert page.status_code == 400
    assert not ApiToken.objects.filter(name="Nothing").exists()


@pytest.mark.parametrize("path", ["/api/openapi.json"])
def test_openapi_description_lists_every_route_with_bearer_security(path, db):
    schema = Client().get(path).json()
    assert schema["info"]["title"] == "Goldseam API"
    assert "/api/notes/{pk}" in schema["paths"]
    assert any("Bearer" in json.dumps(v) or "bearer" in json.dumps(v)
               for v in schema["components"]["securitySchemes"].values())


def test_oversized_body_answers_413_not_500(cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = send(bearer(cast.sophie), "POST", "/api/analysis/analyze", {"text": "x" * 5_000})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_conversation_of_three_speakers_is_refused_with_a_reason(cast):
    response = send(bearer(cast.sophie), "POST", "/api/analysis/cycle", {"turns": [
        {"speaker": s, "text": "hello"} for s in ("A", "B", "C")]})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "speakers"


def test_story_versions_are_read_by_the_couple_and_nobody_else(cast):
    from goldseam.web.story.models import StoryVersion

    row = StoryVersion.objects.create(owner=cast.sophie, couple=cast.couple, number=1,
                                      text="We broke, and we mended with gold.")
    assert bearer(cast.emma).get("/api/story/versions").json()[0]["text"].startswith("We broke")
    assert bearer(cast.outsider).get(f"/api/story/versions/{row.pk}").status_code == 404
    assert bearer(cast.outsider).get("/api/story/versions").json() == []


def test_reference_page_lists_every_operation_without_scripts(db):
    page = Client().get("/api/docs").content.decode()
    schema = Client().get("/api/openapi.json").json()
    for path, item in schema["paths"].items():
        for method in item:
            assert f"{method.upper()} {path}" in page
    assert "<script" not in page.split("</header>")[-1]


def test_read_only_token_is_refused_403_and_a_write_token_revokes(cast):
    other, _ = ApiToken.issue(cast.sophie, "laptop", ["read"])
    refused = bearer(cast.sophie, ["read"]).delete(f"/api/tokens/{other.pk}")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "scope"
    assert bearer(cast.sophie, ["write"]).delete(f"/api/tokens/{other.pk}").status_code == 204
    other.refresh_from_db()
    assert other.revoked_at is not None


def test_listing_tokens_needs_the_read_scope(cast):
    assert bearer(cast.sophie, ["analyze"]).get("/api/tokens").status_code == 403
    assert bearer(cast.sophie, ["read"]).get("/api/tokens").status_code == 200


def _pause(cast) -> None:
    from goldseam.web.couples.models import SafetyCheck

    raise_concern(SafetyCheck.objects.filter(couple=cast.couple, user=cast.sophie))
    assert cast.couple.joint_work_state() == "paused"


def test_pause_answers_409_paused_on_every_joint_read_and_leaves_checkins_open(cast):
    injury = make_injury(cast)
    statement = make_statement(cast, injury, shared=True)
    row = sophie_commitment(cast)
    _pause(cast)
    emma = bearer(cast.emma)
    for url in ("/api/statements", f"/api/statements/{statement.pk}", "/api/commitments",
                f"/api/commitments/{row.pk}", "/api/story/versions"):
        response = emma.get(url)
        assert response.status_code == 409, url
        assert response.json()["error"]["code"] == "paused", url
    assert emma.get("/api/checkins").status_code == 200
    assert emma.get("/api/notes").status_code == 200


def test_pause_does_not_stop_a_therapist_reading_in_scope(cast):
    injury = make_injury(cast)
    statement = make_statement(cast, injury, shared=True)
    cast.link.scope = ["note", "injury_statement"]
    cast.link.save()
    _pause(cast)
    response = bearer(cast.therapist).get(f"/api/statements/{statement.pk}")
    assert response.status_code == 200


def _spend_coach_minute(user) -> None:
    """Spend this minute's coach requests of ``user`` through the page's own counter."""
    from django.core.cache import cache

    from goldseam.web.journey.views.coach import COACH_RATE_PER_MINUTE, over_rate

    cache.clear()
    for _ in range(COACH_RATE_PER_MINUTE):
        assert not over_rate(user.pk)


@pytest.mark.parametrize("route, body", [
    ("analyze", {"text": "You never listen."}),
    ("reframe", {"text": "You never listen."}),
    ("coach", {"text": "You never listen.", "role": "hurt"}),
    ("cycle", {"turns": [{"speaker": "a", "text": "You never listen."}]}),
])
def test_engine_routes_share_the_coach_limit_with_the_page(cast, route, body):
    from django.core.cache import cache

    client = bearer(cast.sophie, ["analyze"])
    cache.clear()
    assert send(client, "POST", f"/api/analysis/{route}", body).status_code == 200
    _spend_coach_minute(cast.sophie)
    refused = send(client, "POST", f"/api/analysis/{route}", body)
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "rate_limited"
    # Another person keeps their own allowance.
    assert send(bearer(cast.emma, ["analyze"]), "POST", f"/api/analysis/{route}",
                body).status_code == 200
    cache.clear()


def test_story_reframe_rewrite_stops_a_partner_over_the_coach_limit(cast, client_as):
    from django.core.cache import cache
    from django.urls import reverse

    _spend_coach_minute(cast.sophie)
    response = client_as("sophie").post(reverse("story:reframe"), {"text": "You never listen."})
    assert response.status_code == 429 and response.json()["ok"] is False
    cache.clear()
    assert client_as("sophie").post(reverse("story:reframe"),
                                    {"text": "You never listen."}).status_code == 200


def test_account_page_links_to_the_token_page(cast, client_as):
    from django.urls import reverse

    page = client_as("sophie").get(reverse("accounts:account")).content.decode()
    assert f'href="{reverse("api:tokens")}"' in page


def test_changing_the_password_revokes_every_token(cast, client_as):
    from .conftest import PASSWORD

    token, secret = ApiToken.issue(cast.sophie, "phone", ["read"])
    response = client_as("sophie").post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": "a new long passphrase 42",
        "new_password2": "a new long passphrase 42"})
    assert response.status_code == 302, response.content.decode()[:500]
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/me").status_code == 401


def test_a_silent_hash_upgrade_on_sign_in_revokes_nothing(cast):
    from .conftest import PASSWORD

    token, _ = ApiToken.issue(cast.sophie, "phone", ["read"])
    # What Django does when the hasher changes: re-hash the same password and save it.
    cast.sophie.password = "unsalted_md5$$" + "0" * 32  # an outdated hash, then the real one
    cast.sophie.set_password(PASSWORD)
    cast.sophie._password = None
    cast.sophie.save(update_fields=["password"])
    token.refresh_from_db()
    assert token.revoked_at is None
