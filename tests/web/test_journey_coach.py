"""The live coach endpoint and the pieces of the cycle map: feedback, limits, no storage."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from goldseam.language.types import MAX_TEXT_CHARS, Span
from goldseam.web.journey import coaching, cyclemap
from goldseam.web.journey.views import coach as coach_view

BLAME = "You lied to me and you always put her first."


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _post(client, text, role="hurt"):
    return client.post(reverse("journey:coach"), {"text": text, "role": role})


@pytest.mark.django_db
def test_coach_marks_blame_and_offers_reframes(client_as):
    data = _post(client_as("sophie"), BLAME).json()
    assert data["state"] == "ok"
    assert "".join(p["text"] for p in data["segments"]) == BLAME
    assert any(p["code"] == "blame" for p in data["segments"])
    assert data["marked"] and data["marked"][0]["code"] == "blame"
    assert data["suggestions"] and data["suggestions"][0].startswith("I felt")


@pytest.mark.django_db
def test_coach_names_what_already_works(client_as):
    data = _post(client_as("sophie"),
                 "I felt so alone when you went to her. I need to know I'm your person.").json()
    assert {w["code"] for w in data["works"]} >= {"vulnerable_emotion", "need"}
    assert {"emotion": "alone", "kind": "primary"} in [
        {"emotion": e["emotion"], "kind": e["kind"]} for e in data["emotions"]]
    assert data["marked"] == []


@pytest.mark.django_db
def test_repairing_role_flags_empty_apology_and_lists_a_full_acknowledgment(client_as):
    data = _post(client_as("emma"), "I'm sorry you feel that way.", "repairing").json()
    assert "empty_apology" in {m["code"] for m in data["marked"]}
    assert [c["held"] for c in data["checklist"]] == [False, False, False, False]


@pytest.mark.django_db
def test_coach_answers_safety_with_support_not_coaching(client_as):
    data = _post(client_as("sophie"), "He shoved me into the door last night.").json()
    assert data["state"] == "safety"
    assert "segments" not in data


@pytest.mark.django_db
def test_coach_says_it_cannot_read_another_language(client_as):
    data = _post(client_as("sophie"), "Tu m'as menti et je suis très triste de tout cela.").json()
    assert data["state"] == "unreadable"


@pytest.mark.django_db
def test_coach_refuses_over_long_text_with_a_message(client_as):
    data = _post(client_as("sophie"), "a" * (MAX_TEXT_CHARS + 5)).json()
    assert data["state"] == "too_long"


@pytest.mark.django_db
def test_coach_rejects_an_unknown_role(client_as):
    assert _post(client_as("sophie"), BLAME, "judge").status_code == 400


@pytest.mark.django_db
def test_coach_needs_the_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.sophie, backend="django.contrib.auth.backends.ModelBackend")
    assert _post(client, BLAME).status_code == 403


@pytest.mark.django_db
def test_coach_is_rate_limited_per_person(client_as, monkeypatch):
    monkeypatch.setattr(coach_view, "COACH_RATE_PER_MINUTE", 3)
    sophie, emma = client_as("sophie"), client_as("emma")
    codes = [_post(sophie, BLAME).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert _post(emma, BLAME).status_code == 200


@pytest.mark.django_db
def test_coach_stores_nothing(client_as, cast):
    from django.apps import apps

    before = {m: m.objects.count() for m in apps.get_app_config("journey").get_models()}
    _post(client_as("sophie"), BLAME)
    after = {m: m.objects.count() for m in apps.get_app_config("journey").get_models()}
    assert before == after


def test_segments_cover_the_text_once_even_with_overlapping_spans():
    text = "You never listen and you always lie."
    spans = [Span("blame", 0, 16), Span("blame", 10, 20), Span("pursuit", 24, 35)]
    pieces = coaching.segments(text, spans, ("blame", "pursuit"))
    assert "".join(p["text"] for p in pieces) == text
    assert [p["code"] for p in pieces] == ["blame", None, "pursuit", None]


def test_segments_ignore_codes_not_asked_for():
    pieces = coaching.segments("abc", [Span("need", 0, 3)], ("blame",))
    assert pieces == [{"text": "abc", "code": None}]


@pytest.mark.parametrize(("did_a", "did_b", "pattern"), [
    ("kept asking who she was texting", "went quiet and left the room", "pursue-withdraw"),
    ("said \"Show me your phone!\"", "shut down", "pursue-withdraw"),
    ("yelled at her", "criticised her back", "attack-attack"),
    ("went quiet", "walked away", "withdraw-withdraw"),
    ("made dinner", "watched TV", "none"),
])
def test_pattern_follows_both_partners_moves(did_a, did_b, pattern):
    assert cyclemap.pattern_of(did_a, did_b) == pattern


def test_phrase_drops_a_leading_i_and_the_final_stop():
    assert cyclemap.phrase("  I went quiet.  ") == "went quiet"
    assert cyclemap.phrase("I'm scared") == "scared"


def test_compose_writes_the_loop_in_their_words_and_blames_nobody():
    a = SimpleNamespace(did="kept asking questions", felt="replaceable", feared="losing you",
                        longed="to matter")
    b = SimpleNamespace(did="went quiet", felt="ashamed", feared="failing", longed="calm")
    cycle = cyclemap.compose(a, b, "Sophie", "Emma")
    assert cycle["sentences"][0] == ("When Sophie kept asking questions, Emma feels ashamed and "
                                     "went quiet.")
    assert cycle["pattern"] == "pursue-withdraw"
    assert "Neither of you is the problem" in cycle["enemy"]
    assert len(cycle["nodes"]) == 4
    assert all(len(line) <= cyclemap.LABEL_CHARS + 1 for n in cycle["nodes"] for line in n.lines)


@pytest.mark.parametrize(("did", "move"), [
    ("kept asking questions", "press"),       # named move words decide a bare description
    ("went quiet", "retreat"),
    ("Show me your phone!", "press"),          # no move words: the engine's codes decide
    ("made dinner", "none"),
])
def test_move_of_reads_a_description_by_its_named_move_first(did, move):
    assert cyclemap.move_of(did) == move
