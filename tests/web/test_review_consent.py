"""Review: consents count only while the people who gave them are in the couple."""
from __future__ import annotations

import json

from goldseam.web.couples import safety
from goldseam.web.couples.models import SafetyCheck
from goldseam.web.couples.services import join_with_code, leave_couple, make_invite
from goldseam.web.story.state import story_state

from .conftest import make_user


def _replace_emma_with_nina(cast):
    """Let Emma leave and Nina join Sophie's couple, answering her safety check calmly."""
    leave_couple(cast.emma)
    nina = make_user("nina", name="Nina")
    join_with_code(nina, make_invite(cast.couple, cast.sophie).code)
    calm = json.dumps({k: safety.NO for k in safety.QUESTION_KEYS})
    SafetyCheck.objects.create(couple=cast.couple, user=nina, answers=calm)
    assert cast.couple.joint_work_state() == "open"
    return nina


def test_therapist_link_ends_when_a_partner_leaves(cast):
    _replace_emma_with_nina(cast)
    cast.link.refresh_from_db()
    assert not cast.link.is_active


def test_story_model_needs_the_current_partners_consent(cast):
    st = story_state(cast.couple)
    st.model_consent.add(cast.sophie, cast.emma)
    assert st.model_enabled()
    _replace_emma_with_nina(cast)
    assert not story_state(cast.couple).model_enabled()


def test_a_partner_who_joins_later_does_not_see_the_old_injuries(cast):
    from django.test import Client
    from django.urls import reverse

    from .permissions.journey import make_injury

    injury = make_injury(cast, title="The messages with Jules")
    nina = _replace_emma_with_nina(cast)
    client = Client()
    client.force_login(nina, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("journey:injury", args=[injury.pk])).status_code == 404
    assert "The messages with Jules" not in client.get(reverse("journey:home")).content.decode()


def test_leaving_withdraws_the_leavers_yes_to_the_story_model(cast):
    st = story_state(cast.couple)
    st.model_consent.add(cast.sophie, cast.emma)
    leave_couple(cast.emma)
    assert set(story_state(cast.couple).model_consent.all()) == {cast.sophie}
