"""Bad input gets a clear message next to the field, keeps what was typed, and is shown escaped."""
from __future__ import annotations

import pytest
from django.urls import reverse

from goldseam.web.accounts.models import User
from goldseam.web.core.wording import say
from goldseam.web.notes.models import BODY_MAX, TITLE_MAX, Note

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"

# Every form that takes free text, with the text fields it has.
TEXT_FORMS = [
    ("accounts:sign-up", ["display_name", "username", "email", "password1", "password2"], "anon"),
    ("accounts:sign-in", ["username", "password", "code"], "anon"),
    ("accounts:reauth", ["password"], "sophie"),
    ("accounts:delete", ["confirm"], "sophie"),
    ("accounts:totp-setup", ["code"], "sophie"),
    ("couples:join", ["code"], "outsider"),
    ("couples:therapist-join", ["code"], "stranger_therapist"),
    ("notes:new", ["title", "body"], "sophie"),
]


@pytest.mark.parametrize(("url_name", "fields", "actor"), TEXT_FORMS)
def test_markup_typed_into_any_form_is_shown_escaped(url_name, fields, actor, client_as):
    response = client_as(actor).post(reverse(url_name), {f: PAYLOAD for f in fields})
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "onerror=alert(1)>" not in page


def test_markup_in_stored_text_is_escaped_on_every_page_showing_it(cast, client_as):
    note = Note.objects.create(owner=cast.sophie, couple=cast.couple, title=PAYLOAD, body=PAYLOAD)
    note.share()
    User.objects.filter(pk=cast.sophie.pk).update(display_name=PAYLOAD)
    pages = [
        client_as("sophie").get(reverse("notes:detail", args=[note.pk])),
        client_as("emma").get(reverse("notes:detail", args=[note.pk])),
        client_as("emma").get(reverse("notes:list")),
        client_as("emma").get(reverse("couples:home")),
        client_as("therapist").get(reverse("notes:list")),
        client_as("therapist").get(reverse("couples:therapist-clients")),
        client_as("sophie").get(reverse("notes:edit", args=[note.pk])),
    ]
    for response in pages:
        page = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in page
        assert ESCAPED in page


def test_over_long_note_gets_a_message_and_keeps_the_text(client_as):
    body = "I felt alone. " * (BODY_MAX // 10)
    response = client_as("sophie").post(reverse("notes:new"), {"title": "Long", "body": body})
    page = response.content.decode()
    assert response.status_code == 200
    assert say("forms.too_long", limit=f"{BODY_MAX:,}", count=f"{len(body.strip()):,}") in page
    assert body.strip()[:500] in page and page.count("I felt alone.") >= BODY_MAX // 10
    assert 'aria-invalid="true"' in page and 'id="id_body_error"' in page
    assert Note.objects.filter(owner__username="sophie").count() == 2  # the cast's two


def test_over_long_title_gets_its_own_message(client_as):
    response = client_as("sophie").post(reverse("notes:new"),
                                        {"title": "t" * (TITLE_MAX + 1), "body": "fine"})
    assert f"under {TITLE_MAX:,} characters" in response.content.decode()
    assert "fine" in response.content.decode()


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\ufeff\x1b[31m"])
def test_control_characters_are_refused_with_a_message_and_the_rest_is_kept(bad, client_as):
    body = f"Before {bad} after, in my own words"
    response = client_as("sophie").post(reverse("notes:new"), {"title": "Odd", "body": body})
    page = response.content.decode()
    assert say("forms.bad_chars") in page
    assert "after, in my own words" in page
    assert Note.objects.filter(owner__username="sophie").count() == 2  # the cast's two


@pytest.mark.parametrize("text", ["Je me suis sentie abandonnée", "أشعر بالوحدة", "我很难过 😢",
                                  "Ich brauche dich\nund du warst nicht da"])
def test_text_in_any_script_is_stored_and_shown_faithfully(text, client_as):
    client = client_as("sophie")
    response = client.post(reverse("notes:new"), {"title": text[:20], "body": text})
    assert response.status_code == 302
    note = Note.objects.filter(owner__username="sophie").latest("pk")
    assert note.body == text
    assert text in client.get(reverse("notes:detail", args=[note.pk])).content.decode()


@pytest.mark.parametrize("pk", ["999999", "0", "-1", "1abc", "1%20OR%201=1"])
def test_tampered_ids_give_404_never_other_data(pk, client_as):
    response = client_as("sophie").get(f"/notes/{pk}/")
    assert response.status_code == 404


def test_another_couples_id_in_any_note_url_gives_404(cast, client_as):
    client = client_as("sophie")
    target = cast.outsider_shared.pk
    for name in ("notes:detail", "notes:edit"):
        assert client.get(reverse(name, args=[target])).status_code == 404
    for name in ("notes:share", "notes:unshare", "notes:delete"):
        assert client.post(reverse(name, args=[target])).status_code == 404
    assert Note.objects.get(pk=target).shared_at is not None
