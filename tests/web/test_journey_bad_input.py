"""Bad input on every journey form: a clear message next to the field, and nothing typed lost."""
from __future__ import annotations

import html

import pytest
from django.urls import reverse

from goldseam.web.journey import models as m

from .permissions.journey import make_injury, make_need, make_need_response, make_statement

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert('x')</script> I felt alone"


@pytest.fixture
def injury(cast):
    return make_injury(cast)


def _page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def forms(cast, injury):
    """Return (actor, url name, kwargs, field, extra data) for each journey text field."""
    make_statement(cast, injury, shared=True)
    need = make_need(cast, injury)
    return {
        "injury": ("sophie", "journey:injury-new", {}, "title", {"who": "me"}, m.TITLE_MAX),
        "statement": ("sophie", "journey:statement", {"pk": injury.pk}, "what_happened",
                      {"impact": "", "action": "save"}, m.PART_MAX),
        "account": ("emma", "journey:cycle", {"pk": injury.pk}, "did",
                    {"felt": "", "feared": "", "longed": "", "action": "save"},
                    m.ACCOUNT_PART_MAX),
        "response": ("emma", "journey:acknowledge", {"pk": injury.pk}, "text",
                     {"action": "save"}, m.RESPONSE_MAX),
        "need": ("sophie", "journey:needs", {"pk": injury.pk}, "text", {}, m.NEED_MAX),
        "need_response": ("emma", "journey:need-respond", {"pk": injury.pk, "need": need.pk},
                          f"n{need.pk}-text", {}, m.RESPONSE_MAX),
    }


FORMS = ("injury", "statement", "account", "response", "need", "need_response")


@pytest.mark.parametrize("name", FORMS)
def test_over_long_text_gets_a_message_and_is_kept(name, forms, client_as):
    actor, url_name, kwargs, field, extra, limit = forms[name]
    text = "word " * (limit // 5 + 20)
    response = client_as(actor).post(reverse(url_name, kwargs=kwargs), {field: text, **extra})
    page = _page(response)
    assert response.status_code == 400
    assert f"Please keep this under {limit:,} characters" in page
    assert text.strip() in page


@pytest.mark.parametrize("name", FORMS)
def test_control_characters_get_a_message_and_the_text_is_kept(name, forms, client_as):
    actor, url_name, kwargs, field, extra, _ = forms[name]
    response = client_as(actor).post(reverse(url_name, kwargs=kwargs),
                                     {field: "I felt\x00 alone", **extra})
    assert response.status_code == 400
    assert "control characters" in _page(response)


@pytest.mark.parametrize("name", ["injury", "need", "need_response"])
def test_empty_required_text_gets_a_message(name, forms, client_as):
    actor, url_name, kwargs, field, extra, _ = forms[name]
    response = client_as(actor).post(reverse(url_name, kwargs=kwargs), {field: "  ", **extra})
    assert response.status_code == 400
    assert "Please fill this in." in _page(response)


def test_script_in_a_statement_is_stored_faithfully_and_shown_escaped(client_as, cast, injury):
    url = reverse("journey:statement", args=[injury.pk])
    client_as("sophie").post(url, {"what_happened": SCRIPT, "impact": "It hurt.",
                                   "action": "share"})
    assert m.Statement.objects.get().what_happened == SCRIPT
    page = client_as("emma").get(url).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_script_in_the_coach_comes_back_as_plain_text(client_as):
    data = client_as("sophie").post(reverse("journey:coach"),
                                    {"text": SCRIPT, "role": "hurt"}).json()
    if data["state"] == "ok":
        assert "".join(p["text"] for p in data["segments"]) == SCRIPT


def test_any_script_and_language_is_kept_in_a_need(client_as, cast, injury):
    make_statement(cast, injury, shared=True)
    text = "J'ai besoin de savoir que je compte pour toi. 我需要你"
    client_as("sophie").post(reverse("journey:needs", args=[injury.pk]), {"text": text})
    assert m.Need.objects.get().text == text


def test_an_unknown_cadence_is_explained_and_nothing_is_made(client_as, cast, injury):
    from goldseam.web.rebuild import models as ledger

    make_statement(cast, injury, shared=True)
    promise = "I'll tell you whenever she contacts me."
    answer = make_need_response(cast, make_need(cast, injury), promise)
    response = client_as("emma").post(
        reverse("journey:commit", args=[injury.pk, answer.pk]),
        {f"c{answer.pk}-text": promise, f"c{answer.pk}-cadence": "now and then maybe"})
    assert response.status_code == 400
    assert "now and then maybe" in _page(response)
    assert not ledger.Commitment.objects.filter(source__startswith="journey:").exists()


def test_an_unknown_stage_action_saves_a_draft_and_shares_nothing(client_as, injury):
    client_as("sophie").post(reverse("journey:statement", args=[injury.pk]),
                             {"what_happened": "x", "impact": "y", "action": "publish-all"})
    assert not m.Statement.objects.get().is_shared
